import type { Kysely, Selectable } from 'kysely';
import type { PersonRef } from '../../core/person.js';
import type { Reflection, ReflectionRepository, ReflectionVisibility } from '../../core/ports.js';
import type { Database, ReflectionsTable } from '../schema.js';

/** Reflections in the `reflections` table, one row per person per lesson. */
export class SqlReflectionRepository implements ReflectionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async save(person: PersonRef, reflection: Omit<Reflection, 'createdAt' | 'updatedAt'>, at: Date): Promise<{ readonly created: boolean }> {
    const now = at.toISOString();
    const [answer1, answer2, answer3] = reflection.answers;
    return this.db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom('reflections')
        .select('created_at')
        .where('tenant_id', '=', person.tenantId)
        .where('user_id', '=', person.userId)
        .where('course_id', '=', reflection.courseId)
        .where('lesson_id', '=', reflection.lessonId)
        .executeTakeFirst();
      await trx
        .insertInto('reflections')
        .values({
          tenant_id: person.tenantId,
          user_id: person.userId,
          course_id: reflection.courseId,
          lesson_id: reflection.lessonId,
          answer1,
          answer2,
          answer3,
          visibility: reflection.visibility,
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) =>
          oc.columns(['tenant_id', 'user_id', 'course_id', 'lesson_id']).doUpdateSet({ answer1, answer2, answer3, visibility: reflection.visibility, updated_at: now }),
        )
        .execute();
      return { created: existing === undefined };
    });
  }

  async find(person: PersonRef, courseId: string, lessonId: string): Promise<Reflection | undefined> {
    const row = await this.db
      .selectFrom('reflections')
      .selectAll()
      .where('tenant_id', '=', person.tenantId)
      .where('user_id', '=', person.userId)
      .where('course_id', '=', courseId)
      .where('lesson_id', '=', lessonId)
      .executeTakeFirst();
    return row ? toReflection(row) : undefined;
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

function toReflection(row: Selectable<ReflectionsTable>): Reflection {
  return {
    courseId: row.course_id,
    lessonId: row.lesson_id,
    answers: [row.answer1, row.answer2, row.answer3],
    visibility: row.visibility as ReflectionVisibility,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}
