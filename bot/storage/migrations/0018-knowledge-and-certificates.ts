import type { Kysely } from 'kysely';

/**
 * Knowledge checks and course certificates (issue 15, points 5 and 6).
 * - `knowledge_results`: a person's own answers to a lesson's knowledge check, sealed with their key (one per lesson).
 * - `knowledge_ballots`: the same answers for the aggregates, with no author: a random id, where it counts (a team, or
 *   '' for the organisation) and the lesson; the choices sealed under an organisation key, so a copy of the database
 *   tells nothing of what anyone chose, not even where one person answered alone.
 * - `certificates`: that a person has fetched the certificate of a course (no date, no name), for the leader's count.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('knowledge_results')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('course_id', 'text', (c) => c.notNull())
    .addColumn('lesson_id', 'text', (c) => c.notNull())
    .addColumn('sealed', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('knowledge_results_pk', ['tenant_id', 'user_id', 'course_id', 'lesson_id'])
    .execute();
  await db.schema
    .createTable('knowledge_ballots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('course_id', 'text', (c) => c.notNull())
    .addColumn('lesson_id', 'text', (c) => c.notNull())
    .addColumn('sealed', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('knowledge_ballots_scope').on('knowledge_ballots').columns(['tenant_id', 'scope', 'course_id']).execute();
  await db.schema
    .createTable('certificates')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('course_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('certificates_pk', ['tenant_id', 'user_id', 'course_id'])
    .execute();
}

/** Drops what {@link up} added. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('certificates').ifExists().execute();
  await db.schema.dropTable('knowledge_ballots').ifExists().execute();
  await db.schema.dropTable('knowledge_results').ifExists().execute();
}
