import type { Kysely } from 'kysely';

/**
 * Dilemma rounds and the choices made in them.
 * @remarks A choice row is keyed by person like a reflection, and everything it says (the option, the reason, its
 * visibility, the link to a shared reply, the times) is sealed per person and padded; `created_on` is the round's
 * first day for every row, and a round's rows are re-inserted in a fresh random order on every write.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('dilemma_rounds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('course_id', 'text', (c) => c.notNull())
    .addColumn('dilemma_id', 'text', (c) => c.notNull())
    .addColumn('thread_id', 'text', (c) => c.notNull())
    .addColumn('activity_id', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('dilemma_rounds_team').on('dilemma_rounds').columns(['tenant_id', 'team_id', 'started_at']).execute();

  await db.schema
    .createTable('dilemma_choices')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('round_id', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('created_on', 'text', (c) => c.notNull())
    .addColumn('sealed', 'text', (c) => c.notNull())
    .addColumn('text_removed', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('dilemma_choices_pk', ['tenant_id', 'user_id', 'round_id'])
    .execute();
  await db.schema.createIndex('dilemma_choices_round').on('dilemma_choices').columns(['tenant_id', 'team_id', 'round_id']).execute();
}

/** Drops what {@link up} created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['dilemma_choices', 'dilemma_rounds']) await db.schema.dropTable(table).ifExists().execute();
}
