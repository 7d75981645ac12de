import type { Kysely } from 'kysely';

/**
 * Shared replies are posted, edited and withdrawn by the outbox, not from the click (issue 12).
 * @remarks `shared_replies` becomes the state the thread should show: `frame` holds what the reply is framed by (its
 * kind, the lesson's title, the questions, the language, a dilemma's option; no author and no answer), `version` counts
 * the author's changes and `sent_version` the last one the thread shows, `withdrawn` marks a reply to take out of the
 * thread (its answers and name are blanked at once). `activity_id` is `''` until the outbox has posted the reply.
 * Existing rows were posted from the click and are in step (version 0 = sent version 0).
 *
 * A read count on a posted lesson card is queued too, unless a row for that card is waiting: `outbox_by_target` finds it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('shared_replies').addColumn('frame', 'text').execute();
  await db.schema.alterTable('shared_replies').addColumn('version', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('shared_replies').addColumn('sent_version', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('shared_replies').addColumn('withdrawn', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.createIndex('outbox_by_target').on('outbox').columns(['tenant_id', 'team_id', 'target_key', 'status']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('outbox_by_target').execute();
  for (const column of ['withdrawn', 'sent_version', 'version', 'frame']) await db.schema.alterTable('shared_replies').dropColumn(column).execute();
}
