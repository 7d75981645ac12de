import type { AnswerForm } from './answer-rules.js';
import type { ReflectionVisibility } from './reflection.js';
import type { TeamRef } from './team.js';

/** The pseudo course id under which reasons given in dilemma rounds are shared in threads. */
export const DILEMMA_SUBJECT = 'dilemma';

/** The subject an answer basis is salted with for a reason in a dilemma round. */
export function dilemmaSubject(roundId: string): string {
  return `${DILEMMA_SUBJECT}/${roundId}`;
}

/** The reason given with a choice: one answer that may be left out; private, or shared with or without the author's name. */
export const DILEMMA_REASON_FORM: AnswerForm<1> = { questions: 1, required: false, visibilities: ['private', 'named', 'anonymous'], defaultVisibility: 'private' };

/** A dilemma posted as a thread in the team's channel. */
export type DilemmaRound = {
  readonly id: string;
  readonly team: TeamRef;
  readonly courseId: string;
  readonly dilemmaId: string;
  readonly threadId: string;
  readonly activityId: string;
  readonly startedAt: Date;
};

/** One person's choice in a dilemma round, with an optional reason that is private, named or anonymous. */
export type DilemmaChoice = {
  readonly roundId: string;
  readonly optionId: string;
  /** Empty when no reason was given. */
  readonly reason: string;
  readonly visibility: ReflectionVisibility;
  readonly sharedReplyId: string | undefined;
  readonly createdAt: Date;
  readonly updatedAt: Date;
};

/** How many chose each option, shown only once at least the minimum group has answered. */
export type DilemmaTally = {
  readonly answered: number;
  readonly minGroupSize: number;
  /** Per option id, in the course's option order; undefined while fewer than the minimum group have answered. */
  readonly counts: ReadonlyMap<string, number> | undefined;
};

/** The tally as anyone may see it: counts only once `answered` reaches the minimum group size. */
export function disclosedTally(optionIds: readonly string[], chosen: readonly string[], minGroupSize: number): DilemmaTally {
  const answered = chosen.length;
  if (answered < minGroupSize) return { answered, minGroupSize, counts: undefined };
  return { answered, minGroupSize, counts: new Map(optionIds.map((id) => [id, chosen.filter((choice) => choice === id).length])) };
}
