import type { Kysely } from 'kysely';

/** Teams, their channels, members and leaders; enrollments; lesson threads; shared replies. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('teams')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('service_url', 'text', (c) => c.notNull())
    .addColumn('aad_group_id', 'text')
    .addColumn('status_changed_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('teams_pk', ['tenant_id', 'team_id'])
    .execute();

  await db.schema
    .createTable('team_channels')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('team_channels_pk', ['tenant_id', 'team_id', 'channel_id'])
    .execute();

  await db.schema
    .createTable('team_members')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('teams_user_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('team_members_pk', ['tenant_id', 'team_id', 'user_id'])
    .execute();
  await db.schema.createIndex('team_members_teams_user').on('team_members').columns(['tenant_id', 'team_id', 'teams_user_id']).execute();
  await db.schema.createIndex('team_members_user').on('team_members').columns(['tenant_id', 'user_id']).execute();

  await db.schema
    .createTable('team_leaders')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('team_leaders_pk', ['tenant_id', 'team_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('enrollments')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('course_id', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('mandatory', 'integer', (c) => c.notNull())
    .addColumn('due_date', 'text')
    .addColumn('lesson_weekday', 'integer', (c) => c.notNull())
    .addColumn('lesson_time', 'text', (c) => c.notNull())
    .addColumn('interval_weeks', 'integer', (c) => c.notNull())
    .addColumn('reflection_days_after', 'integer', (c) => c.notNull())
    .addColumn('reflection_time', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('enrollments_pk', ['tenant_id', 'team_id'])
    .execute();

  await db.schema
    .createTable('lesson_threads')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('course_id', 'text', (c) => c.notNull())
    .addColumn('lesson_id', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('thread_id', 'text', (c) => c.notNull())
    .addColumn('lesson_activity_id', 'text', (c) => c.notNull())
    .addColumn('reflection_activity_id', 'text')
    .addColumn('posted_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('lesson_threads_pk', ['tenant_id', 'team_id', 'course_id', 'lesson_id'])
    .execute();

  await db.schema
    .createTable('shared_replies')
    .addColumn('reply_id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('course_id', 'text', (c) => c.notNull())
    .addColumn('lesson_id', 'text', (c) => c.notNull())
    .addColumn('thread_id', 'text', (c) => c.notNull())
    .addColumn('activity_id', 'text', (c) => c.notNull())
    .addColumn('author_name', 'text')
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('posted_on', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('shared_replies_lesson').on('shared_replies').columns(['tenant_id', 'team_id', 'course_id', 'lesson_id']).execute();
}

/** Drops what {@link up} created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['shared_replies', 'lesson_threads', 'enrollments', 'team_leaders', 'team_members', 'team_channels', 'teams']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
