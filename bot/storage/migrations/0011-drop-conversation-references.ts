import type { Kysely } from 'kysely';

/**
 * Drops `conversation_refs`: written on every turn and read by nothing (proactive sends address a team's channels and
 * 1:1 chats from the team's stored service URL and roster), so it was personal data with no use.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('conversation_refs').ifExists().execute();
}

/** Creates the table again, empty (the dropped references are not restored). */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('conversation_refs')
    .ifNotExists()
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('ref_key', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('conversation_refs_pk', ['tenant_id', 'ref_key'])
    .execute();
}
