import type { ReflectionAnswers } from './ports.js';

/** The longest answer to one reflection question, in characters. */
export const MAX_ANSWER_LENGTH = 1000;

/** What is wrong with a reflection submission. */
export type ReflectionProblem =
  | { readonly kind: 'empty' }
  /** The card did not show answers saved before that this save would clear: they are filled in to review first. */
  | { readonly kind: 'review' }
  | { readonly kind: 'tooLong'; readonly question: 0 | 1 | 2; readonly length: number; readonly limit: number };

/** Normalises raw answers: missing or non-text values become empty strings, whitespace is trimmed. */
export function normaliseAnswers(raw: readonly unknown[]): ReflectionAnswers {
  const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
  return [text(raw[0]), text(raw[1]), text(raw[2])];
}

/** Every problem with the answers; empty when they can be stored. */
export function reflectionProblems(answers: ReflectionAnswers): readonly ReflectionProblem[] {
  const problems: ReflectionProblem[] = [];
  if (answers.every((answer) => answer.length === 0)) problems.push({ kind: 'empty' });
  answers.forEach((answer, index) => {
    const length = [...answer].length;
    if (length > MAX_ANSWER_LENGTH) {
      problems.push({ kind: 'tooLong', question: index as 0 | 1 | 2, length, limit: MAX_ANSWER_LENGTH });
    }
  });
  return problems;
}
