import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { StorageConfig } from '../../bot/config.js';

/** The PostgreSQL server the tests use (trust auth, database `test`); override with TEST_DATABASE_URL. */
export const testPostgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let reachable: Promise<boolean> | undefined;

/** Whether the test PostgreSQL server answers. */
export function postgresReachable(): Promise<boolean> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: testPostgresUrl, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return reachable;
}

/** A fresh, empty storage for one test: a SQLite file in a temp folder, or a new PostgreSQL schema. */
export type TestStorage = {
  readonly config: StorageConfig;
  /** Drops what the storage created. */
  dispose(): Promise<void>;
};

/** Creates an isolated storage on the engine. */
export async function createTestStorage(engine: StorageConfig['engine']): Promise<TestStorage> {
  if (engine === 'sqlite') {
    const dir = await mkdtemp(join(tmpdir(), 'lk-test-'));
    return { config: { engine: 'sqlite', path: join(dir, 'laerekraft.db') }, dispose: () => rm(dir, { recursive: true, force: true }) };
  }
  const schema = `lk_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testPostgresUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(testPostgresUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    config: { engine: 'postgres', url: url.toString() },
    async dispose() {
      const client = new pg.Client({ connectionString: testPostgresUrl });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    },
  };
}

/**
 * Declares a suite once per storage engine.
 * @remarks Without a reachable PostgreSQL the PostgreSQL suite is skipped with a notice, unless CI=true, where it fails.
 */
export function describeEachEngine(title: string, body: (engine: StorageConfig['engine']) => void): void {
  for (const engine of ['sqlite', 'postgres'] as const) {
    describe(`${title} [${engine}]`, function () {
      if (engine === 'postgres') {
        before(async function () {
          if (await postgresReachable()) return;
          if (process.env.CI === 'true') throw new Error(`PostgreSQL is required when CI=true but does not answer at ${testPostgresUrl}`);
          process.stderr.write(`\n  NOTICE: PostgreSQL not reachable at ${testPostgresUrl}; skipping the PostgreSQL suite "${title}".\n`);
          this.skip();
        });
      }
      body(engine);
    });
  }
}
