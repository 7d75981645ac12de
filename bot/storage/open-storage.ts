import type { StorageConfig } from '../config.js';
import { resolveDataKey } from './data-key.js';
import { openDatabase, type OpenDatabase } from './database.js';
import { createRepositories, type Repositories } from './repositories/index.js';
import { Sealer } from './sealing.js';

/** An open, migrated database with its repositories. */
export type Storage = {
  readonly database: OpenDatabase;
  readonly repositories: Repositories;
  /** True when the data key was generated and kept in the database (local mode only). */
  readonly localDataKey: boolean;
  /** The key that seals answers; other keys (e.g. for data links) are derived from it. */
  readonly dataKey: Buffer;
  close(): Promise<void>;
};

/** Opens the configured database, migrates it and builds the repositories over it. */
export async function openStorage(storage: StorageConfig, dataKey: Buffer | undefined): Promise<Storage> {
  const database = await openDatabase(storage);
  const { key, generated } = await resolveDataKey(database.db, dataKey);
  return { database, repositories: createRepositories(database.db, new Sealer(key), database.engine), localDataKey: generated, dataKey: key, close: () => database.close() };
}
