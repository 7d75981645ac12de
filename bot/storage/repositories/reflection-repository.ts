import type { Kysely } from 'kysely';
import type { PersonRef } from '../../core/person.js';
import type { Reflection, ReflectionAnswers, ReflectionRepository, ReflectionVisibility } from '../../core/ports.js';
import type { Sealer } from '../sealing.js';
import type { Database } from '../schema.js';

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
  ) {}

  async save(person: PersonRef, reflection: Omit<Reflection, 'createdAt' | 'updatedAt'>, at: Date): Promise<{ readonly created: boolean }> {
    return this.db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom('reflections')
        .select(['sealed', 'team_id'])
        .where('tenant_id', '=', person.tenantId)
        .where('user_id', '=', person.userId)
        .where('course_id', '=', reflection.courseId)
        .where('lesson_id', '=', reflection.lessonId)
        .executeTakeFirst();
      const now = at.toISOString();
      const createdAt = existing ? this.sealer.open<SealedReflection>(person.tenantId, person.userId, existing.sealed).createdAt : now;
      const sealed = this.sealer.seal(person.tenantId, person.userId, {
        answers: reflection.answers,
        visibility: reflection.visibility,
        sharedReplyId: reflection.sharedReplyId,
        createdAt,
        updatedAt: now,
      } satisfies SealedReflection);
      const team_id = reflection.teamId ?? existing?.team_id ?? null;
      await trx
        .insertInto('reflections')
        .values({
          tenant_id: person.tenantId,
          user_id: person.userId,
          course_id: reflection.courseId,
          lesson_id: reflection.lessonId,
          team_id,
          created_on: now.slice(0, 10),
          sealed,
        })
        .onConflict((oc) => oc.columns(['tenant_id', 'user_id', 'course_id', 'lesson_id']).doUpdateSet({ sealed, team_id, text_removed: 0 }))
        .execute();
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
    const result = await this.db
      .deleteFrom('reflections')
      .where('tenant_id', '=', person.tenantId)
      .where('user_id', '=', person.userId)
      .where('course_id', '=', courseId)
      .where('lesson_id', '=', lessonId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
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
