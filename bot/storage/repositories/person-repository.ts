import type { Kysely } from 'kysely';
import type { PersonRef } from '../../core/person.js';
import type { PersonRepository } from '../../core/ports.js';
import type { Database } from '../schema.js';

/** Ids per `in (…)` list: well under SQLite's and PostgreSQL's limits on bound parameters. */
const IN_CHUNK = 500;

/** People's own settings in the `people` table. */
export class SqlPersonRepository implements PersonRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async language(person: PersonRef): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('people')
      .select('language')
      .where('tenant_id', '=', person.tenantId)
      .where('user_id', '=', person.userId)
      .executeTakeFirst();
    return row?.language ?? undefined;
  }

  async languages(tenantId: string, userIds: readonly string[]): Promise<ReadonlyMap<string, string>> {
    const languages = new Map<string, string>();
    for (let i = 0; i < userIds.length; i += IN_CHUNK) {
      const rows = await this.db
        .selectFrom('people')
        .select(['user_id', 'language'])
        .where('tenant_id', '=', tenantId)
        .where('user_id', 'in', userIds.slice(i, i + IN_CHUNK))
        .where('language', 'is not', null)
        .execute();
      for (const row of rows) if (row.language) languages.set(row.user_id, row.language);
    }
    return languages;
  }

  async setLanguage(person: PersonRef, language: string, at: Date): Promise<void> {
    const updated_at = at.toISOString();
    await this.db
      .insertInto('people')
      .values({ tenant_id: person.tenantId, user_id: person.userId, language, updated_at })
      .onConflict((oc) => oc.columns(['tenant_id', 'user_id']).doUpdateSet({ language, updated_at }))
      .execute();
  }

  async chosenCourse(person: PersonRef): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('people')
      .select('course_id')
      .where('tenant_id', '=', person.tenantId)
      .where('user_id', '=', person.userId)
      .executeTakeFirst();
    return row?.course_id ?? undefined;
  }

  async chooseCourse(person: PersonRef, courseId: string, at: Date): Promise<void> {
    const updated_at = at.toISOString();
    await this.db
      .insertInto('people')
      .values({ tenant_id: person.tenantId, user_id: person.userId, language: null, course_id: courseId, updated_at })
      .onConflict((oc) => oc.columns(['tenant_id', 'user_id']).doUpdateSet({ course_id: courseId, updated_at }))
      .execute();
  }

  async remove(person: PersonRef): Promise<void> {
    await this.db.deleteFrom('people').where('tenant_id', '=', person.tenantId).where('user_id', '=', person.userId).execute();
  }
}
