import type { Kysely } from 'kysely';
import type { WelcomeRepository } from '../../core/ports.js';
import type { Database } from '../schema.js';

/** Welcome claims in the `welcomes` table; the primary key makes a claim happen once. */
export class SqlWelcomeRepository implements WelcomeRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async claim(tenantId: string, key: string, at: Date): Promise<boolean> {
    const result = await this.db
      .insertInto('welcomes')
      .values({ tenant_id: tenantId, welcome_key: key, welcomed_at: at.toISOString() })
      .onConflict((oc) => oc.columns(['tenant_id', 'welcome_key']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
  }
}
