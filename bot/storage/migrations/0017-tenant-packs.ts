import type { Kysely } from 'kysely';

/**
 * Course packs a tenant's course owners publish from the tab (one row per version, withdrawn or not) and the lesson
 * images uploaded with them (base64 text, so one column type serves SQLite and PostgreSQL; at most 700 KB each).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tenant_packs')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('course_id', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('pack', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.notNull())
    .addColumn('withdrawn_at', 'text')
    .addPrimaryKeyConstraint('tenant_packs_pk', ['tenant_id', 'course_id', 'version'])
    .execute();
  await db.schema
    .createTable('tenant_media')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tenant_media_tenant').on('tenant_media').column('tenant_id').execute();
}

/** Drops what {@link up} added. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('tenant_media').ifExists().execute();
  await db.schema.dropTable('tenant_packs').ifExists().execute();
}
