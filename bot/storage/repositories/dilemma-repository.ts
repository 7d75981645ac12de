import type { Kysely, Transaction } from 'kysely';
import type { DilemmaChoice, DilemmaRound } from '../../core/dilemma.js';
import type { PersonRef } from '../../core/person.js';
import type { DilemmaRepository, ReflectionVisibility } from '../../core/ports.js';
import type { TeamRef } from '../../core/team.js';
import { SEALED_DILEMMA_BYTES, type Sealer } from '../sealing.js';
import type { Database } from '../schema.js';
import { lockRounds, type RoundKey } from './round-lock.js';
import { shuffled } from './row-order.js';

/** Rows inserted per statement when a round is rewritten. */
const REWRITE_CHUNK = 50;

/**
 * What is sealed in a choice row: everything it says.
 * @remarks The reason is kept as `answers: [reason]`, the shape retention redacts in every sealed table.
 */
type SealedChoice = {
  readonly optionId: string;
  readonly answers: readonly [string];
  readonly visibility: ReflectionVisibility;
  readonly sharedReplyId?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
};

/**
 * Dilemma rounds and choices, under the same rules as reflections: one row per person and round, its content sealed
 * per person and padded to one size, every row of a round carrying the round's first day, and the round's rows
 * re-inserted in a fresh random order (under the round's lock) on every write, so a copy of the database tells
 * neither who chose what nor who answered when.
 */
export class SqlDilemmaRepository implements DilemmaRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly sealer: Sealer,
    private readonly engine: 'sqlite' | 'postgres',
  ) {}

  async recordRound(round: DilemmaRound): Promise<void> {
    await this.db
      .insertInto('dilemma_rounds')
      .values({
        id: round.id,
        tenant_id: round.team.tenantId,
        team_id: round.team.teamId,
        course_id: round.courseId,
        dilemma_id: round.dilemmaId,
        thread_id: round.threadId,
        activity_id: round.activityId,
        started_at: round.startedAt.toISOString(),
      })
      .execute();
  }

  async round(team: TeamRef, roundId: string): Promise<DilemmaRound | undefined> {
    const row = await this.db.selectFrom('dilemma_rounds').selectAll().where('tenant_id', '=', team.tenantId).where('team_id', '=', team.teamId).where('id', '=', roundId).executeTakeFirst();
    return row ? toRound(row) : undefined;
  }

  async rounds(team: TeamRef): Promise<readonly DilemmaRound[]> {
    const rows = await this.db.selectFrom('dilemma_rounds').selectAll().where('tenant_id', '=', team.tenantId).where('team_id', '=', team.teamId).orderBy('started_at', 'desc').orderBy('id').execute();
    return rows.map(toRound);
  }

  async saveChoice(person: PersonRef, team: TeamRef, choice: Omit<DilemmaChoice, 'createdAt' | 'updatedAt'>, at: Date): Promise<{ readonly created: boolean }> {
    return this.db.transaction().execute(async (trx) => {
      const key = { table: 'dilemma_choices' as const, tenantId: person.tenantId, teamId: team.teamId, roundId: choice.roundId };
      // The round's rows are all rewritten below: wait for anyone else writing to the same round first.
      await lockRounds(trx, this.engine, [key satisfies RoundKey]);
      const existing = await trx
        .selectFrom('dilemma_choices')
        .select('sealed')
        .where('tenant_id', '=', person.tenantId)
        .where('user_id', '=', person.userId)
        .where('round_id', '=', choice.roundId)
        .executeTakeFirst();
      const now = at.toISOString();
      const createdAt = existing ? this.sealer.open<SealedChoice>(person.tenantId, person.userId, existing.sealed).createdAt : now;
      const sealed = this.sealer.seal(
        person.tenantId,
        person.userId,
        { optionId: choice.optionId, answers: [choice.reason], visibility: choice.visibility, sharedReplyId: choice.sharedReplyId, createdAt, updatedAt: now } satisfies SealedChoice,
        SEALED_DILEMMA_BYTES,
      );
      // Every row of a round carries the round's first day, so no row's day tells when its author answered.
      const groupDay = (
        await trx
          .selectFrom('dilemma_choices')
          .select((eb) => eb.fn.min('created_on').as('day'))
          .where('tenant_id', '=', person.tenantId)
          .where('team_id', '=', team.teamId)
          .where('round_id', '=', choice.roundId)
          .executeTakeFirst()
      )?.day;
      const created_on = groupDay ?? now.slice(0, 10);
      await trx
        .insertInto('dilemma_choices')
        .values({ tenant_id: person.tenantId, user_id: person.userId, round_id: choice.roundId, team_id: team.teamId, created_on, sealed })
        .onConflict((oc) => oc.columns(['tenant_id', 'user_id', 'round_id']).doUpdateSet({ sealed, created_on, text_removed: 0 }))
        .execute();
      await rewriteShuffled(trx, key);
      return { created: existing === undefined };
    });
  }

  async findChoice(person: PersonRef, roundId: string): Promise<DilemmaChoice | undefined> {
    const row = await this.db
      .selectFrom('dilemma_choices')
      .select(['round_id', 'team_id', 'sealed'])
      .where('tenant_id', '=', person.tenantId)
      .where('user_id', '=', person.userId)
      .where('round_id', '=', roundId)
      .executeTakeFirst();
    return row ? this.unseal(person, row) : undefined;
  }

  async choicesOf(person: PersonRef): Promise<readonly (DilemmaChoice & { readonly teamId: string })[]> {
    const rows = await this.db.selectFrom('dilemma_choices').select(['round_id', 'team_id', 'sealed']).where('tenant_id', '=', person.tenantId).where('user_id', '=', person.userId).execute();
    return rows.map((row) => this.unseal(person, row));
  }

  async chosenOptions(team: TeamRef, roundId: string): Promise<readonly string[]> {
    const rows = await this.db
      .selectFrom('dilemma_choices')
      .select(['user_id', 'sealed'])
      .where('tenant_id', '=', team.tenantId)
      .where('team_id', '=', team.teamId)
      .where('round_id', '=', roundId)
      .execute();
    return rows.map((row) => this.sealer.open<SealedChoice>(team.tenantId, row.user_id, row.sealed).optionId);
  }

  private unseal(person: PersonRef, row: { round_id: string; team_id: string; sealed: string }): DilemmaChoice & { readonly teamId: string } {
    const open = this.sealer.open<SealedChoice>(person.tenantId, person.userId, row.sealed);
    return {
      roundId: row.round_id,
      teamId: row.team_id,
      optionId: open.optionId,
      reason: open.answers[0] ?? '',
      visibility: open.visibility,
      sharedReplyId: open.sharedReplyId,
      createdAt: new Date(open.createdAt),
      updatedAt: new Date(open.updatedAt),
    };
  }
}

/** Deletes and re-inserts every row of the round in a fresh random order (see row-order.ts). */
async function rewriteShuffled(trx: Transaction<Database>, round: { readonly tenantId: string; readonly teamId: string; readonly roundId: string }): Promise<void> {
  const rows = await trx.selectFrom('dilemma_choices').selectAll().where('tenant_id', '=', round.tenantId).where('team_id', '=', round.teamId).where('round_id', '=', round.roundId).execute();
  await trx.deleteFrom('dilemma_choices').where('tenant_id', '=', round.tenantId).where('team_id', '=', round.teamId).where('round_id', '=', round.roundId).execute();
  const order = shuffled(rows);
  for (let i = 0; i < order.length; i += REWRITE_CHUNK) await trx.insertInto('dilemma_choices').values(order.slice(i, i + REWRITE_CHUNK)).execute();
}

function toRound(row: { id: string; tenant_id: string; team_id: string; course_id: string; dilemma_id: string; thread_id: string; activity_id: string; started_at: string }): DilemmaRound {
  return {
    id: row.id,
    team: { tenantId: row.tenant_id, teamId: row.team_id },
    courseId: row.course_id,
    dilemmaId: row.dilemma_id,
    threadId: row.thread_id,
    activityId: row.activity_id,
    startedAt: new Date(row.started_at),
  };
}
