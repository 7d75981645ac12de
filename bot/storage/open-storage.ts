import type { StorageConfig } from '../config.js';
import { resolveDataKey } from './data-key.js';
import { openDatabase, type OpenDatabase } from './database.js';
import { createRepositories, type Repositories } from './repositories/index.js';
import { upgradeSealedFormat } from './reseal.js';
import { Sealer } from './sealing.js';

/** An open, migrated database with its repositories. */
export type Storage = {
  readonly database: OpenDatabase;
  readonly repositories: Repositories;
  /** True when the data key was generated and kept in the database (local mode only). */
  readonly localDataKey: boolean;
  /** The key that seals answers; other keys (e.g. for data links) are derived from it. */
  readonly dataKey: Buffer;
  /** Seals with the current key and opens with the current or a previous one. */
  readonly sealer: Sealer;
  close(): Promise<void>;
};

/**
 * Opens the configured database, migrates it, brings old sealed values to the current format, and builds the
 * repositories over it.
 */
export async function openStorage(storage: StorageConfig, dataKey: Buffer | undefined, previousDataKeys: readonly Buffer[] = []): Promise<Storage> {
  const database = await openDatabase(storage);
  try {
    const { key, generated } = await resolveDataKey(database.db, dataKey);
    const sealer = new Sealer({ current: key, previous: previousDataKeys });
    await upgradeSealedFormat(database.db, sealer, database.engine);
    return { database, repositories: createRepositories(database.db, sealer, database.engine, database.outcomes, database.control), localDataKey: generated, dataKey: key, sealer, close: () => database.close() };
  } catch (error) {
    await database.close();
    throw error;
  }
}
