import type { Kysely } from 'kysely';

/** "My data" links already used (by their random `jti`), so each works once; rows go when the link has expired. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('used_links')
    .addColumn('jti', 'text', (c) => c.primaryKey())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('used_links_expiry').on('used_links').column('expires_at').execute();
}

/** Drops what {@link up} added. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('used_links').ifExists().execute();
}
