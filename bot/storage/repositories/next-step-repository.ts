import type { Kysely } from 'kysely';
import type { NextStepAnswer, NextStepRound } from '../../core/next-steps.js';
import type { PersonRef } from '../../core/person.js';
import type { NextStepRepository } from '../../core/ports.js';
import type { TeamRef } from '../../core/team.js';
import type { Sealer } from '../sealing.js';
import type { Database } from '../schema.js';
import { SealedAnswerStore, type StoredAnswer } from './sealed-answer-store.js';

/** What is sealed in an answer row besides the reply link and the times. */
type SealedAnswer = {
  readonly answers: readonly string[];
  readonly visibility: NextStepAnswer['visibility'];
};

/** Next-steps rounds and answers; answers are sealed per person, like reflections. */
export class SqlNextStepRepository implements NextStepRepository {
  private readonly answers: SealedAnswerStore<'next_step_answers', SealedAnswer>;

  constructor(
    private readonly db: Kysely<Database>,
    sealer: Sealer,
    engine: 'sqlite' | 'postgres',
  ) {
    this.answers = new SealedAnswerStore(db, sealer, engine, 'next_step_answers');
  }

  async recordRound(round: NextStepRound): Promise<void> {
    await this.db
      .insertInto('next_step_rounds')
      .values({
        id: round.id,
        tenant_id: round.team.tenantId,
        team_id: round.team.teamId,
        course_id: round.courseId ?? null,
        thread_id: round.threadId,
        activity_id: round.activityId,
        started_at: round.startedAt.toISOString(),
      })
      .execute();
  }

  async round(team: TeamRef, roundId: string): Promise<NextStepRound | undefined> {
    const row = await this.db
      .selectFrom('next_step_rounds')
      .selectAll()
      .where('tenant_id', '=', team.tenantId)
      .where('team_id', '=', team.teamId)
      .where('id', '=', roundId)
      .executeTakeFirst();
    return row ? toRound(row) : undefined;
  }

  async latestRound(team: TeamRef & { readonly courseId?: string }): Promise<NextStepRound | undefined> {
    let query = this.db.selectFrom('next_step_rounds').selectAll().where('tenant_id', '=', team.tenantId).where('team_id', '=', team.teamId);
    if (team.courseId !== undefined) query = query.where('course_id', '=', team.courseId);
    const row = await query
      .orderBy('started_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? toRound(row) : undefined;
  }

  saveAnswer(person: PersonRef, team: TeamRef, answer: Omit<NextStepAnswer, 'createdAt' | 'updatedAt'>, at: Date): Promise<{ readonly created: boolean }> {
    return this.answers.save(
      person,
      { subject: { round_id: answer.roundId }, teamId: team.teamId, content: { answers: answer.answers, visibility: answer.visibility }, sharedReplyId: answer.sharedReplyId },
      at,
    );
  }

  async findAnswer(person: PersonRef, roundId: string): Promise<NextStepAnswer | undefined> {
    const stored = await this.answers.find(person, { round_id: roundId });
    return stored ? toAnswer(stored) : undefined;
  }

  async answersOf(person: PersonRef): Promise<readonly (NextStepAnswer & { readonly teamId: string })[]> {
    return (await this.answers.list(person)).map(toAnswer);
  }

  async removeAnswer(person: PersonRef, roundId: string): Promise<void> {
    await this.answers.remove(person, { round_id: roundId });
  }

  answerCount(team: TeamRef, roundId: string): Promise<number> {
    return this.answers.countInRound(team, { round_id: roundId });
  }
}

function toAnswer(stored: StoredAnswer<'next_step_answers', SealedAnswer>): NextStepAnswer & { readonly teamId: string } {
  return {
    roundId: stored.subject.round_id,
    teamId: stored.teamId,
    answers: stored.content.answers,
    visibility: stored.content.visibility,
    sharedReplyId: stored.sharedReplyId,
    createdAt: stored.createdAt,
    updatedAt: stored.updatedAt,
  };
}

function toRound(row: { id: string; tenant_id: string; team_id: string; course_id: string | null; thread_id: string; activity_id: string; started_at: string }): NextStepRound {
  return {
    id: row.id,
    team: { tenantId: row.tenant_id, teamId: row.team_id },
    ...(row.course_id ? { courseId: row.course_id } : {}),
    threadId: row.thread_id,
    activityId: row.activity_id,
    startedAt: new Date(row.started_at),
  };
}
