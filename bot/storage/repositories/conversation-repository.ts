import type { Kysely } from 'kysely';
import type { ConversationRepository } from '../../core/ports.js';
import type { Database } from '../schema.js';

/** Conversation references as opaque JSON in the `conversation_refs` table. */
export class SqlConversationRepository implements ConversationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async save(tenantId: string, key: string, reference: unknown, at: Date): Promise<void> {
    const json = JSON.stringify(reference);
    const updated_at = at.toISOString();
    await this.db
      .insertInto('conversation_refs')
      .values({ tenant_id: tenantId, ref_key: key, reference: json, updated_at })
      .onConflict((oc) => oc.columns(['tenant_id', 'ref_key']).doUpdateSet({ reference: json, updated_at }))
      .execute();
  }

  async find(tenantId: string, key: string): Promise<unknown> {
    const row = await this.db
      .selectFrom('conversation_refs')
      .select('reference')
      .where('tenant_id', '=', tenantId)
      .where('ref_key', '=', key)
      .executeTakeFirst();
    return row ? (JSON.parse(row.reference) as unknown) : undefined;
  }

  async forget(tenantId: string, key: string): Promise<void> {
    await this.db.deleteFrom('conversation_refs').where('tenant_id', '=', tenantId).where('ref_key', '=', key).execute();
  }
}
