import type { Kysely } from 'kysely';

/**
 * Indexes for the organisation report (measured with `npm run bench:org-report`), and the key that allows one
 * reminder per person per day.
 * @remarks
 * - `lesson_progress_course_member`: the report counts, per person, the course's lessons read and when the last was,
 *   in one range scan of the tenant's course (ordered by person, so grouped as it streams) that never reads the table.
 * - `lesson_progress_tenant_day`: people active per month is a range scan over the tenant's reads in the chosen months.
 * - `reminder_days`: a leader's "send a reminder now" claims (tenant, person, day) for each person before their
 *   outbox row is written, in the same transaction (insert … on conflict do nothing), so a second click, a second
 *   leader or a second instance never reminds anyone twice the same day. Rows are deleted with the finished sends.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('lesson_progress_course_member').on('lesson_progress').columns(['tenant_id', 'course_id', 'user_id', 'lesson_id', 'completed_at']).execute();
  await db.schema.createIndex('lesson_progress_tenant_day').on('lesson_progress').columns(['tenant_id', 'completed_at', 'user_id']).execute();
  await db.schema
    .createTable('reminder_days')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('reminder_days_pk', ['tenant_id', 'user_id', 'day'])
    .execute();
  await db.schema.createIndex('reminder_days_team').on('reminder_days').columns(['tenant_id', 'team_id', 'day']).execute();
}

/** Drops what {@link up} created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('reminder_days').ifExists().execute();
  await db.schema.dropIndex('lesson_progress_tenant_day').ifExists().execute();
  await db.schema.dropIndex('lesson_progress_course_member').ifExists().execute();
}
