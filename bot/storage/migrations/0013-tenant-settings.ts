import type { Kysely } from 'kysely';

/**
 * Each tenant's own settings (only the values its administrators set, as JSON; the environment gives the rest) and the
 * audit log of every change: who, when, which setting, old and new value, and the named-progress decision.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tenant_settings')
    .addColumn('tenant_id', 'text', (c) => c.primaryKey())
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('settings_audit')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('setting', 'text', (c) => c.notNull())
    .addColumn('old_value', 'text', (c) => c.notNull())
    .addColumn('new_value', 'text', (c) => c.notNull())
    .addColumn('decision_reference', 'text')
    .addColumn('discussed_on', 'text')
    .execute();
  await db.schema.createIndex('settings_audit_tenant_at').on('settings_audit').columns(['tenant_id', 'at']).execute();
  await db.schema.createIndex('settings_audit_at').on('settings_audit').column('at').execute();
}

/** Drops what {@link up} added. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('settings_audit').ifExists().execute();
  await db.schema.dropTable('tenant_settings').ifExists().execute();
}
