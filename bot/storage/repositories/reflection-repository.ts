import type { Kysely, Transaction } from 'kysely';
import type { PersonRef } from '../../core/person.js';
import type { Reflection, ReflectionAnswers, ReflectionRepository, ReflectionVisibility } from '../../core/ports.js';
import { SEALED_REFLECTION_BYTES, type Sealer } from '../sealing.js';
import type { Database } from '../schema.js';
import { lockRounds, type RoundKey } from './round-lock.js';
import { shuffled } from './row-order.js';

/** Rows inserted per statement when a round is rewritten. */
const REWRITE_CHUNK = 50;

/** What is sealed in a reflection row. */
type SealedReflection = {
  readonly answers: ReflectionAnswers;
  readonly visibility: ReflectionVisibility;
  readonly sharedReplyId?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
};

/** Reflections in the `reflections` table, one row per person per lesson, content sealed per person. */
export class SqlReflectionRepository implements ReflectionRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly sealer: Sealer,
    private readonly engine: 'sqlite' | 'postgres',
  ) {}

  async save(person: PersonRef, reflection: Omit<Reflection, 'createdAt' | 'updatedAt'>, at: Date): Promise<{ readonly created: boolean }> {
    return this.db.transaction().execute(async (trx) => {
      const round = (teamId: string): RoundKey => ({ table: 'reflections', tenantId: person.tenantId, teamId, courseId: reflection.courseId, lessonId: reflection.lessonId });
      const findExisting = () =>
        trx
          .selectFrom('reflections')
          .select(['sealed', 'team_id', 'created_on'])
          .where('tenant_id', '=', person.tenantId)
          .where('user_id', '=', person.userId)
          .where('course_id', '=', reflection.courseId)
          .where('lesson_id', '=', reflection.lessonId)
          .executeTakeFirst();
      // The round's rows are all rewritten below: wait for anyone else writing to the same round first.
      if (reflection.teamId) await lockRounds(trx, this.engine, [round(reflection.teamId)]);
      let existing = await findExisting();
      if (!reflection.teamId && existing?.team_id) {
        await lockRounds(trx, this.engine, [round(existing.team_id)]);
        existing = await findExisting();
      }
      const now = at.toISOString();
      const createdAt = existing ? this.sealer.open<SealedReflection>(person.tenantId, person.userId, existing.sealed).createdAt : now;
      const sealed = this.sealer.seal(
        person.tenantId,
        person.userId,
        { answers: reflection.answers, visibility: reflection.visibility, sharedReplyId: reflection.sharedReplyId, createdAt, updatedAt: now } satisfies SealedReflection,
        SEALED_REFLECTION_BYTES,
      );
      const team_id = reflection.teamId ?? existing?.team_id ?? null;
      // In a team's round every row carries the round's first day, so no row's day tells when its author answered.
      const groupDay = team_id
        ? (
            await trx
              .selectFrom('reflections')
              .select((eb) => eb.fn.min('created_on').as('day'))
              .where('tenant_id', '=', person.tenantId)
              .where('team_id', '=', team_id)
              .where('course_id', '=', reflection.courseId)
              .where('lesson_id', '=', reflection.lessonId)
              .executeTakeFirst()
          )?.day
        : undefined;
      const created_on = groupDay ?? existing?.created_on ?? now.slice(0, 10);
      await trx
        .insertInto('reflections')
        .values({ tenant_id: person.tenantId, user_id: person.userId, course_id: reflection.courseId, lesson_id: reflection.lessonId, team_id, created_on, sealed })
        .onConflict((oc) => oc.columns(['tenant_id', 'user_id', 'course_id', 'lesson_id']).doUpdateSet({ sealed, team_id, created_on, text_removed: 0 }))
        .execute();
      if (team_id) await rewriteInKeyOrder(trx, { tenantId: person.tenantId, teamId: team_id, courseId: reflection.courseId, lessonId: reflection.lessonId });
      return { created: existing === undefined };
    });
  }

  async find(person: PersonRef, courseId: string, lessonId: string): Promise<Reflection | undefined> {
    const row = await this.db
      .selectFrom('reflections')
      .select(['course_id', 'lesson_id', 'team_id', 'sealed'])
      .where('tenant_id', '=', person.tenantId)
      .where('user_id', '=', person.userId)
      .where('course_id', '=', courseId)
      .where('lesson_id', '=', lessonId)
      .executeTakeFirst();
    return row ? this.unseal(person, row) : undefined;
  }

  async listForPerson(person: PersonRef, courseId: string): Promise<readonly Reflection[]> {
    const rows = await this.db
      .selectFrom('reflections')
      .select(['course_id', 'lesson_id', 'team_id', 'sealed'])
      .where('tenant_id', '=', person.tenantId)
      .where('user_id', '=', person.userId)
      .where('course_id', '=', courseId)
      .execute();
    return rows.map((row) => this.unseal(person, row));
  }

  async remove(person: PersonRef, courseId: string, lessonId: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('reflections')
        .select('team_id')
        .where('tenant_id', '=', person.tenantId)
        .where('user_id', '=', person.userId)
        .where('course_id', '=', courseId)
        .where('lesson_id', '=', lessonId)
        .executeTakeFirst();
      // A delete that meets a round being rewritten would miss the row re-inserted there: wait for the rewrite.
      if (row?.team_id) await lockRounds(trx, this.engine, [{ table: 'reflections', tenantId: person.tenantId, teamId: row.team_id, courseId, lessonId }]);
      const result = await trx
        .deleteFrom('reflections')
        .where('tenant_id', '=', person.tenantId)
        .where('user_id', '=', person.userId)
        .where('course_id', '=', courseId)
        .where('lesson_id', '=', lessonId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    });
  }

  private unseal(person: PersonRef, row: { course_id: string; lesson_id: string; team_id: string | null; sealed: string }): Reflection {
    const open = this.sealer.open<SealedReflection>(person.tenantId, person.userId, row.sealed);
    return {
      courseId: row.course_id,
      lessonId: row.lesson_id,
      answers: open.answers,
      visibility: open.visibility,
      teamId: row.team_id ?? undefined,
      sharedReplyId: open.sharedReplyId,
      createdAt: new Date(open.createdAt),
      updatedAt: new Date(open.updatedAt),
    };
  }

  async count(person: PersonRef, courseId: string): Promise<number> {
    const row = await this.db
      .selectFrom('reflections')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('tenant_id', '=', person.tenantId)
      .where('user_id', '=', person.userId)
      .where('course_id', '=', courseId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

/**
 * Deletes and re-inserts every reflection of one team's round in a fresh random order.
 * @remarks So SQLite's rowid and PostgreSQL's physical row order (what a dump lists) do not follow the order in which
 * people answered, which the replies in the thread reveal.
 */
async function rewriteInKeyOrder(trx: Transaction<Database>, round: { readonly tenantId: string; readonly teamId: string; readonly courseId: string; readonly lessonId: string }): Promise<void> {
  const rows = await trx
    .selectFrom('reflections')
    .selectAll()
    .where('tenant_id', '=', round.tenantId)
    .where('team_id', '=', round.teamId)
    .where('course_id', '=', round.courseId)
    .where('lesson_id', '=', round.lessonId)
    .execute();
  await trx
    .deleteFrom('reflections')
    .where('tenant_id', '=', round.tenantId)
    .where('team_id', '=', round.teamId)
    .where('course_id', '=', round.courseId)
    .where('lesson_id', '=', round.lessonId)
    .execute();
  const order = shuffled(rows);
  for (let i = 0; i < order.length; i += REWRITE_CHUNK) await trx.insertInto('reflections').values(order.slice(i, i + REWRITE_CHUNK)).execute();
}
