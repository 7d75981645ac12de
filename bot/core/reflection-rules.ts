import type { ReflectionAnswers } from './ports.js';

/** The longest answer to one reflection question, in characters. */
export const MAX_ANSWER_LENGTH = 1000;

/** What is wrong with a reflection submission. */
export type ReflectionProblem =
  | { readonly kind: 'empty' }
  /** The card did not show answers saved before that this save would clear: they are filled in to review first. */
  | { readonly kind: 'review' }
  | { readonly kind: 'tooLong'; readonly question: 0 | 1 | 2; readonly length: number; readonly limit: number };

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

/** Normalises raw answers: missing or non-text values become empty strings (see {@link plainAnswer}). */
export function normaliseAnswers(raw: readonly unknown[]): ReflectionAnswers {
  return [plainAnswer(raw[0]), plainAnswer(raw[1]), plainAnswer(raw[2])];
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
