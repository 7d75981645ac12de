import { sql, type Kysely } from 'kysely';

/**
 * The organisation report's stored summary, kept up to date in the same transaction as every write that changes it
 * (see repositories/report-summary.ts), so the report reads a few thousand rows instead of every lesson read.
 * @remarks
 * - `report_course_lessons`: the lessons of each course the summary counts (the course catalog's, registered at
 *   start-up; a course whose lessons changed is rebuilt then).
 * - `report_team_progress`: per team, course and month: current members, how many of them read every lesson (counted
 *   in the month of their last lesson; '' for members who have not completed) and how many read some. Exactly the
 *   rows the report's completion query grouped from `team_members` × `lesson_progress`; no user id, no time finer
 *   than a month, nothing about answers.
 * - `report_person_months` and `report_active_months`: who read at least one lesson in a month (per person, so a
 *   second read in the month is not counted twice and "delete my data" can take the person out again) and how many
 *   people that is per tenant and month.
 * The migration fills the person months from `lesson_progress`; the team rows are filled at start-up, once the
 * course catalog is known.
 *
 * Two covering indexes serve the report's remaining raw queries (rounds per team and month, plan items per team and
 * status), so each is one range scan of the tenant's months that never reads the table: `team_posts_tenant_claimed`
 * and `plan_items_tenant_created`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('report_course_lessons')
    .addColumn('course_id', 'text', (c) => c.notNull())
    .addColumn('lesson_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_course_lessons_pk', ['course_id', 'lesson_id'])
    .execute();
  await db.schema
    .createTable('report_team_progress')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('course_id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('members', 'integer', (c) => c.notNull())
    .addColumn('completed', 'integer', (c) => c.notNull())
    .addColumn('started', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_team_progress_pk', ['tenant_id', 'team_id', 'course_id', 'month'])
    .execute();
  await db.schema.createIndex('report_team_progress_course').on('report_team_progress').columns(['tenant_id', 'course_id', 'team_id']).execute();
  await db.schema
    .createTable('report_person_months')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_person_months_pk', ['tenant_id', 'user_id', 'month'])
    .execute();
  await db.schema
    .createTable('report_active_months')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('people', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_active_months_pk', ['tenant_id', 'month'])
    .execute();
  await db.schema.createIndex('team_posts_tenant_claimed').on('team_posts').columns(['tenant_id', 'claimed_at', 'team_id', 'post_key']).execute();
  await db.schema.createIndex('plan_items_tenant_created').on('plan_items').columns(['tenant_id', 'created_at', 'team_id', 'status']).execute();
  await sql`insert into report_person_months (tenant_id, user_id, month) select distinct tenant_id, user_id, substr(completed_at, 1, 7) from lesson_progress`.execute(db);
  await sql`insert into report_active_months (tenant_id, month, people) select tenant_id, month, count(*) from report_person_months group by tenant_id, month`.execute(db);
}

/** Drops what {@link up} created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('plan_items_tenant_created').ifExists().execute();
  await db.schema.dropIndex('team_posts_tenant_claimed').ifExists().execute();
  for (const table of ['report_active_months', 'report_person_months', 'report_team_progress', 'report_course_lessons']) await db.schema.dropTable(table).ifExists().execute();
}
