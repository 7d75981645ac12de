import type { Kysely } from 'kysely';

/** A plain flag for answers whose text retention has removed, so the daily job finds the rest without opening every row. */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['reflections', 'next_step_answers']) {
    await db.schema.alterTable(table).addColumn('text_removed', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.createIndex(`${table}_retention`).on(table).columns(['text_removed', 'created_on']).execute();
  }
}

/** Drops what {@link up} added. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['reflections', 'next_step_answers']) {
    await db.schema.dropIndex(`${table}_retention`).ifExists().execute();
    await db.schema.alterTable(table).dropColumn('text_removed').execute();
  }
}
