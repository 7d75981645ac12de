import type { Kysely } from 'kysely';
import type { UsedLinkRepository } from '../../core/ports.js';
import type { Database } from '../schema.js';

/** Used link ids in the `used_links` table; the primary key makes a link's use happen once, across instances. */
export class SqlUsedLinkRepository implements UsedLinkRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async claim(jti: string, expiresAt: Date, now: Date): Promise<boolean> {
    await this.db.deleteFrom('used_links').where('expires_at', '<', now.toISOString()).execute();
    const result = await this.db
      .insertInto('used_links')
      .values({ jti, expires_at: expiresAt.toISOString() })
      .onConflict((oc) => oc.column('jti').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
  }
}
