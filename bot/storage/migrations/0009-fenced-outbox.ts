import type { Kysely } from 'kysely';

/**
 * Fenced outbox leases and per-team post claims.
 * @remarks
 * - `outbox.lease_token`: each claim writes a fresh token; a worker records an outcome, renews or sends only while the
 *   row still carries the token it claimed, so a row re-claimed by another instance is never finished by the first.
 * - `team_posts`: one row per team and post (a lesson, a lesson's reflection round), inserted before the post is sent
 *   (insert … on conflict do nothing). Whichever outbox row inserts it is the only one that may post it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('lease_token', 'text').execute();
  await db.schema
    .createTable('team_posts')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('post_key', 'text', (c) => c.notNull())
    .addColumn('outbox_id', 'text', (c) => c.notNull())
    .addColumn('claimed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('team_posts_pk', ['tenant_id', 'team_id', 'post_key'])
    .execute();
}

/** Drops what {@link up} created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('team_posts').ifExists().execute();
  await db.schema.alterTable('outbox').dropColumn('lease_token').execute();
}
