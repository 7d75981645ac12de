import type { Kysely } from 'kysely';

/** People, progress, reflections, welcomes and conversation references. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('people')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('language', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('people_pk', ['tenant_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('lesson_progress')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('course_id', 'text', (c) => c.notNull())
    .addColumn('lesson_id', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('lesson_progress_pk', ['tenant_id', 'user_id', 'course_id', 'lesson_id'])
    .execute();

  await db.schema
    .createTable('reflections')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('course_id', 'text', (c) => c.notNull())
    .addColumn('lesson_id', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text')
    .addColumn('created_on', 'text', (c) => c.notNull())
    .addColumn('sealed', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('reflections_pk', ['tenant_id', 'user_id', 'course_id', 'lesson_id'])
    .execute();
  await db.schema.createIndex('reflections_team').on('reflections').columns(['tenant_id', 'team_id', 'course_id', 'lesson_id']).execute();

  await db.schema
    .createTable('app_secrets')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('welcomes')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('welcome_key', 'text', (c) => c.notNull())
    .addColumn('welcomed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('welcomes_pk', ['tenant_id', 'welcome_key'])
    .execute();

  await db.schema
    .createTable('conversation_refs')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('ref_key', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('conversation_refs_pk', ['tenant_id', 'ref_key'])
    .execute();
}

/** Drops what {@link up} created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['app_secrets', 'conversation_refs', 'welcomes', 'reflections', 'lesson_progress', 'people']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
