import type { Kysely } from 'kysely';

/** Next-steps rounds and answers, the team's plan, and small app state (when retention last ran). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('next_step_rounds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('thread_id', 'text', (c) => c.notNull())
    .addColumn('activity_id', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('next_step_rounds_team').on('next_step_rounds').columns(['tenant_id', 'team_id', 'started_at']).execute();

  await db.schema
    .createTable('next_step_answers')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('round_id', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('created_on', 'text', (c) => c.notNull())
    .addColumn('sealed', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('next_step_answers_pk', ['tenant_id', 'user_id', 'round_id'])
    .execute();
  await db.schema.createIndex('next_step_answers_round').on('next_step_answers').columns(['tenant_id', 'team_id', 'round_id']).execute();

  await db.schema
    .createTable('plan_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('owner_user_id', 'text')
    .addColumn('owner_name', 'text')
    .addColumn('due_date', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('plan_items_team').on('plan_items').columns(['tenant_id', 'team_id']).execute();

  await db.schema
    .createTable('app_state')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

/** Drops what {@link up} created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['app_state', 'plan_items', 'next_step_answers', 'next_step_rounds']) await db.schema.dropTable(table).ifExists().execute();
}
