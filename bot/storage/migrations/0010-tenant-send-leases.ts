import type { Kysely } from 'kysely';

/**
 * Tenant send leases: one instance at a time sends for a tenant, so its in-process pacing holds for the whole cluster.
 * @remarks
 * - `tenant_send_leases`: one row per tenant that has ever been sent for. `holder` is the worker that holds (or last
 *   held) it; `active` is 1 while that worker sends for it; once `lease_until` has passed any worker may take it. A
 *   worker that stops sending for a tenant sets `active = 0` and `lease_until` a short hand-over later, so the next
 *   holder starts only when the last one's sends have left Teams' windows.
 * - `send_workers`: a heartbeat per running worker, so each one can take its fair share of the tenants with work.
 * - `outbox_tenant_status`: finds the tenants with work, and a worker's rows, without scanning every row;
 *   `outbox_lease_token`: renews a whole claimed batch in one write.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tenant_send_leases')
    .addColumn('tenant_id', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('lease_until', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('send_workers')
    .addColumn('holder', 'text', (c) => c.primaryKey())
    .addColumn('seen_until', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('outbox_tenant_status').on('outbox').columns(['tenant_id', 'status', 'next_attempt_at']).execute();
  await db.schema.createIndex('outbox_lease_token').on('outbox').column('lease_token').execute();
}

/** Drops what {@link up} created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('outbox_lease_token').ifExists().execute();
  await db.schema.dropIndex('outbox_tenant_status').ifExists().execute();
  await db.schema.dropTable('send_workers').ifExists().execute();
  await db.schema.dropTable('tenant_send_leases').ifExists().execute();
}
