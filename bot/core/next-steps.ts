import type { AnswerForm } from './answer-rules.js';
import type { ReflectionVisibility } from './reflection.js';
import type { TeamRef } from './team.js';

/** The pseudo course id under which next-steps answers are shared in threads. */
export const NEXT_STEPS_SUBJECT = 'next-steps';

/** The subject an answer basis is salted with for next-step answers in a round. */
export function nextStepsSubject(roundId: string): string {
  return `${NEXT_STEPS_SUBJECT}/${roundId}`;
}

/** The next-steps form: four questions, at least one answered, gathered for the team with or without the author's name. */
export const NEXT_STEPS_FORM: AnswerForm<4, NextStepAnswer['visibility']> = { questions: 4, required: true, visibilities: ['named', 'anonymous'], defaultVisibility: 'named' };

/** A next-steps round, posted as a thread in the team's channel. */
export type NextStepRound = {
  readonly id: string;
  readonly team: TeamRef;
  /** The course the round belongs to (undefined only for a round of a team that had no setup before migration 0016). */
  readonly courseId?: string;
  readonly threadId: string;
  readonly activityId: string;
  readonly startedAt: Date;
};

/** One person's answers to the four next-step questions. */
export type NextStepAnswer = {
  readonly roundId: string;
  readonly answers: readonly string[];
  /** Next-step answers are gathered for the team: with the author's name, or anonymously. */
  readonly visibility: Exclude<ReflectionVisibility, 'private'>;
  readonly sharedReplyId: string | undefined;
  readonly createdAt: Date;
  readonly updatedAt: Date;
};

/** How far an item of the plan has come. */
export type PlanItemStatus = 'planned' | 'inProgress' | 'done';

/** An item of the team's plan after the course. */
export type PlanItem = {
  readonly id: string;
  readonly team: TeamRef;
  readonly text: string;
  readonly owner: { readonly userId: string; readonly name: string } | undefined;
  readonly dueDate: string | undefined;
  readonly status: PlanItemStatus;
  readonly createdAt: Date;
  readonly updatedAt: Date;
};
