import { keepUnseenAnswers } from './answer-basis.js';
import type { ReflectionVisibility } from './reflection.js';

/** The longest answer to one question, in characters. */
export const MAX_ANSWER_LENGTH = 1000;

/**
 * A form of free-text answers that people give and may share: reflections, next steps, a dilemma's reason.
 * @remarks `questions` is how many answers it takes; `required`, whether a save needs at least one of them;
 * `visibilities`, who the answers may be shared with (in the order a card offers them), and `defaultVisibility` what a
 * submission that names none means.
 */
export type AnswerForm<N extends number = number, V extends ReflectionVisibility = ReflectionVisibility> = {
  readonly questions: N;
  readonly required: boolean;
  readonly visibilities: readonly V[];
  readonly defaultVisibility: V;
};

/** One text per question of a form. */
export type Answers<N extends number, A extends string[] = []> = A['length'] extends N ? A : Answers<N, [...A, string]>;

/** What is wrong with the answers to a form. */
export type AnswerProblem =
  | { readonly kind: 'empty' }
  /** The card did not show answers saved before that this save would clear: they are filled in to review first. */
  | { readonly kind: 'review' }
  /** `question` is the zero-based index of the answer. */
  | { readonly kind: 'tooLong'; readonly question: number; readonly length: number; readonly limit: number };

/** Control characters other than tab, line feed and carriage return. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** A UTF-16 surrogate without its other half. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * One answer as stored: text only, control characters dropped, lone surrogates replaced, whitespace trimmed.
 * @remarks JSON writes a control character or a lone surrogate as six bytes (`\u0001`); with them, 1,000 characters
 * could overflow the fixed size a sealed answer is padded to, and the longer sealed row would point at its public
 * reply. Without them no character takes more than four bytes, which the padding allows for.
 */
export function plainAnswer(value: unknown): string {
  return typeof value === 'string' ? value.replace(LONE_SURROGATE, '\ufffd').replace(CONTROL, '').trim() : '';
}

/** One answer per question of the form (see {@link plainAnswer}); missing or non-text values become empty strings. */
export function plainAnswers<N extends number>(form: AnswerForm<N>, raw: readonly unknown[]): Answers<N> {
  return Array.from({ length: form.questions }, (_, index) => plainAnswer(raw[index])) as Answers<N>;
}

/** Every problem with answers that are already plain: none given to a form that needs one, or one too long. */
export function answerProblems(form: AnswerForm, answers: readonly string[]): readonly AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  if (form.required && answers.every((answer) => answer.length === 0)) problems.push({ kind: 'empty' });
  answers.forEach((answer, question) => {
    const length = [...answer].length;
    if (length > MAX_ANSWER_LENGTH) problems.push({ kind: 'tooLong', question, length, limit: MAX_ANSWER_LENGTH });
  });
  return problems;
}

/**
 * The answers of a submission with their problems; empty fields where the card did not show a saved answer get that
 * answer back and a `review` problem (first), so nothing saved elsewhere is cleared without the person seeing it.
 * @remarks `subject` salts the card's basis (see answer-basis.ts); `stored` is what the person saved before, if anything.
 */
export function checkAnswers<N extends number>(
  form: AnswerForm<N>,
  submission: { readonly subject: string; readonly submitted: readonly unknown[]; readonly stored: readonly string[] | undefined; readonly basis: unknown },
): { readonly answers: Answers<N>; readonly problems: readonly AnswerProblem[] } {
  const merged = keepUnseenAnswers(submission.subject, plainAnswers(form, submission.submitted), submission.stored, submission.basis);
  const answers = plainAnswers(form, merged.answers);
  const problems = answerProblems(form, answers);
  return { answers, problems: merged.kept.length > 0 ? [{ kind: 'review' }, ...problems] : problems };
}

/** The visibility a submission chose: the form's default when it names none; undefined when the form does not offer it. */
export function chosenVisibility<V extends ReflectionVisibility>(form: AnswerForm<number, V>, value: unknown): V | undefined {
  const chosen = value ?? form.defaultVisibility;
  return form.visibilities.find((visibility) => visibility === chosen);
}
