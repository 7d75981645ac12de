import type { Kysely } from 'kysely';
import type { NextStepAnswer, NextStepRound } from '../../core/next-steps.js';
import type { PersonRef } from '../../core/person.js';
import type { NextStepRepository } from '../../core/ports.js';
import type { TeamRef } from '../../core/team.js';
import { SEALED_NEXT_STEP_BYTES, type Sealer } from '../sealing.js';
import type { Database } from '../schema.js';
import { lockRounds } from './round-lock.js';
import { shuffled } from './row-order.js';

/** Rows inserted per statement when a round is rewritten. */
const REWRITE_CHUNK = 50;

/** What is sealed in an answer row. */
type SealedAnswer = {
  readonly answers: readonly string[];
  readonly visibility: NextStepAnswer['visibility'];
  readonly sharedReplyId?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
};

/** Next-steps rounds and answers; answers are sealed per person, like reflections. */
export class SqlNextStepRepository implements NextStepRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly sealer: Sealer,
    private readonly engine: 'sqlite' | 'postgres',
  ) {}

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

  async saveAnswer(person: PersonRef, team: TeamRef, answer: Omit<NextStepAnswer, 'createdAt' | 'updatedAt'>, at: Date): Promise<{ readonly created: boolean }> {
    return this.db.transaction().execute(async (trx) => {
      // The round's rows are all rewritten below: wait for anyone else writing to the same round first.
      await lockRounds(trx, this.engine, [{ table: 'next_step_answers', tenantId: person.tenantId, teamId: team.teamId, roundId: answer.roundId }]);
      const existing = await trx
        .selectFrom('next_step_answers')
        .select('sealed')
        .where('tenant_id', '=', person.tenantId)
        .where('user_id', '=', person.userId)
        .where('round_id', '=', answer.roundId)
        .executeTakeFirst();
      const now = at.toISOString();
      const createdAt = existing ? this.sealer.open<SealedAnswer>(person.tenantId, person.userId, existing.sealed).createdAt : now;
      const sealed = this.sealer.seal(
        person.tenantId,
        person.userId,
        { answers: answer.answers, visibility: answer.visibility, sharedReplyId: answer.sharedReplyId, createdAt, updatedAt: now } satisfies SealedAnswer,
        SEALED_NEXT_STEP_BYTES,
      );
      // Every answer of a round carries the round's first day, so no row's day tells when its author answered.
      const groupDay = (
        await trx
          .selectFrom('next_step_answers')
          .select((eb) => eb.fn.min('created_on').as('day'))
          .where('tenant_id', '=', person.tenantId)
          .where('team_id', '=', team.teamId)
          .where('round_id', '=', answer.roundId)
          .executeTakeFirst()
      )?.day;
      const created_on = groupDay ?? now.slice(0, 10);
      await trx
        .insertInto('next_step_answers')
        .values({ tenant_id: person.tenantId, user_id: person.userId, round_id: answer.roundId, team_id: team.teamId, created_on, sealed })
        .onConflict((oc) => oc.columns(['tenant_id', 'user_id', 'round_id']).doUpdateSet({ sealed, created_on, text_removed: 0 }))
        .execute();
      // Rewritten in a fresh random order, so rowid and physical order say nothing about the order of answers.
      const rows = await trx
        .selectFrom('next_step_answers')
        .selectAll()
        .where('tenant_id', '=', person.tenantId)
        .where('team_id', '=', team.teamId)
        .where('round_id', '=', answer.roundId)
        .execute();
      await trx.deleteFrom('next_step_answers').where('tenant_id', '=', person.tenantId).where('team_id', '=', team.teamId).where('round_id', '=', answer.roundId).execute();
      const order = shuffled(rows);
      for (let i = 0; i < order.length; i += REWRITE_CHUNK) await trx.insertInto('next_step_answers').values(order.slice(i, i + REWRITE_CHUNK)).execute();
      return { created: existing === undefined };
    });
  }

  async findAnswer(person: PersonRef, roundId: string): Promise<NextStepAnswer | undefined> {
    const row = await this.db
      .selectFrom('next_step_answers')
      .select(['round_id', 'team_id', 'sealed'])
      .where('tenant_id', '=', person.tenantId)
      .where('user_id', '=', person.userId)
      .where('round_id', '=', roundId)
      .executeTakeFirst();
    return row ? this.unseal(person, row) : undefined;
  }

  async answersOf(person: PersonRef): Promise<readonly (NextStepAnswer & { readonly teamId: string })[]> {
    const rows = await this.db
      .selectFrom('next_step_answers')
      .select(['round_id', 'team_id', 'sealed'])
      .where('tenant_id', '=', person.tenantId)
      .where('user_id', '=', person.userId)
      .execute();
    return rows.map((row) => this.unseal(person, row));
  }

  async removeAnswer(person: PersonRef, roundId: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('next_step_answers').select('team_id').where('tenant_id', '=', person.tenantId).where('user_id', '=', person.userId).where('round_id', '=', roundId).executeTakeFirst();
      if (!row) return;
      // A delete that meets the round being rewritten would miss the row re-inserted there: wait for the rewrite.
      await lockRounds(trx, this.engine, [{ table: 'next_step_answers', tenantId: person.tenantId, teamId: row.team_id, roundId }]);
      await trx.deleteFrom('next_step_answers').where('tenant_id', '=', person.tenantId).where('user_id', '=', person.userId).where('round_id', '=', roundId).execute();
    });
  }

  async answerCount(team: TeamRef, roundId: string): Promise<number> {
    const row = await this.db
      .selectFrom('next_step_answers')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('tenant_id', '=', team.tenantId)
      .where('team_id', '=', team.teamId)
      .where('round_id', '=', roundId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  private unseal(person: PersonRef, row: { round_id: string; team_id: string; sealed: string }): NextStepAnswer & { readonly teamId: string } {
    const open = this.sealer.open<SealedAnswer>(person.tenantId, person.userId, row.sealed);
    return {
      roundId: row.round_id,
      teamId: row.team_id,
      answers: open.answers,
      visibility: open.visibility,
      sharedReplyId: open.sharedReplyId,
      createdAt: new Date(open.createdAt),
      updatedAt: new Date(open.updatedAt),
    };
  }
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
