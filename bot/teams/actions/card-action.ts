import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import type { Verb } from '../../../cards/verbs.js';
import type { Turn } from '../turn.js';

/** The handler of one `Action.Execute` verb; returns the card that replaces the clicked one. */
export type CardAction = {
  readonly verb: Verb;
  handle(turn: Turn, data: Readonly<Record<string, unknown>>): Promise<AdaptiveCardInvokeResponse>;
};

/** Card data that lacks a field the action needs. */
export class BadCardDataError extends Error {
  constructor(readonly field: string) {
    super(`Card data is missing ${field}`);
  }
}

/** A required non-empty text field of the card data. */
export function requireText(data: Readonly<Record<string, unknown>>, field: string): string {
  const value = data[field];
  if (typeof value !== 'string' || value.trim() === '') throw new BadCardDataError(field);
  return value;
}

/** The course id a card's data names, if any (every leader button carries the course it acts on). */
export function cardCourseId(data: Readonly<Record<string, unknown>>): string | undefined {
  return typeof data.courseId === 'string' && data.courseId !== '' ? data.courseId : undefined;
}
