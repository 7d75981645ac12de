import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import { DATA_KEY_BYTES } from './sealing.js';

const LOCAL_KEY_NAME = 'local-data-key';

/**
 * The key that seals reflections: the configured one, or in local mode one generated once and kept in the database.
 * @remarks A key kept beside the data protects nothing from someone who can read the database; production requires `DATA_KEY`.
 */
export async function resolveDataKey(db: Kysely<Database>, configured: Buffer | undefined): Promise<{ readonly key: Buffer; readonly generated: boolean }> {
  if (configured) return { key: configured, generated: false };
  const candidate = randomBytes(DATA_KEY_BYTES).toString('base64');
  await db
    .insertInto('app_secrets')
    .values({ name: LOCAL_KEY_NAME, value: candidate })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db.selectFrom('app_secrets').select('value').where('name', '=', LOCAL_KEY_NAME).executeTakeFirstOrThrow();
  return { key: Buffer.from(row.value, 'base64'), generated: true };
}
