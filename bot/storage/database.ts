import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { LRUCache } from 'lru-cache';
import pg from 'pg';
import type { StorageConfig } from '../config.js';
import { migrations } from './migrations/index.js';
import type { Database } from './schema.js';

/** An open database with its engine name. */
export type OpenDatabase = {
  readonly db: Kysely<Database>;
  /**
   * Connections of their own for recording outbox outcomes (PostgreSQL; on SQLite the same as `db`), so that "sent" is
   * written the moment Teams answered and never queues behind the reads of sends still to come: a sent message not
   * yet recorded when an instance dies is sent again. Four of them: with two, outcomes queued at ~100 messages a
   * second and an instance killed at that moment (bench:sector `--fault kill`) left 37–44 sent but unrecorded; with
   * four, 1.
   */
  readonly outcomes: Kysely<Database>;
  /**
   * Connections of their own for the background loop's control work (PostgreSQL; on SQLite the same as `db`): firing
   * schedules, tenant send leases, claiming and renewing outbox batches. Without them that work queues behind the reads
   * of up to 128 sends in flight, and a tick that fires hundreds of schedules takes a minute instead of seconds.
   */
  readonly control: Kysely<Database>;
  readonly engine: StorageConfig['engine'];
  /** Closes every connection. */
  close(): Promise<void>;
};

/**
 * Opens the configured database and brings its schema up to date.
 * @remarks SQLite runs in WAL mode with a busy timeout and `secure_delete`; the file and its folder are created on first start.
 */
export async function openDatabase(storage: StorageConfig): Promise<OpenDatabase> {
  const db = storage.engine === 'sqlite' ? new Kysely<Database>({ dialect: sqliteDialect(storage.path) }) : new Kysely<Database>({ dialect: postgresDialect(storage.url) });
  try {
    await migrate(db, storage.engine);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  if (storage.engine === 'sqlite') return { db, outcomes: db, control: db, engine: storage.engine, close: () => db.destroy() };
  const outcomes = new Kysely<Database>({ dialect: postgresDialect(storage.url, 4) });
  const control = new Kysely<Database>({ dialect: postgresDialect(storage.url, 5) });
  return { db, outcomes, control, engine: storage.engine, close: async () => void (await Promise.all([db.destroy(), outcomes.destroy(), control.destroy()])) };
}

/**
 * Runs every pending migration; throws with the first failure.
 * @remarks On PostgreSQL the migration tables are looked up in the current schema only; otherwise another schema's
 * tables in the same database would be mistaken for ours.
 */
export async function migrate(db: Kysely<Database>, engine: StorageConfig['engine']): Promise<void> {
  const schema = engine === 'postgres' ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema : undefined;
  const migrator = new Migrator({ db, provider: migrations, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}

/**
 * On SQLite, copies the write-ahead log into the file and empties it (`wal_checkpoint(TRUNCATE)`); nothing on PostgreSQL.
 * @remarks `secure_delete` zeroes deleted content in the new version of a page, but the `-wal` file keeps earlier
 * versions of the pages it wrote until SQLite happens to reuse it. Called after erasing a person's data or withdrawing
 * a shared reply, so a copy of the database folder holds no earlier version with their text.
 */
export async function truncateWal(db: Kysely<Database>, engine: 'sqlite' | 'postgres'): Promise<void> {
  if (engine === 'sqlite') await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
}

/** A trivial query that proves the database answers. */
export async function pingDatabase(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}

function sqliteDialect(path: string): SqliteDialect {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new SQLite(path);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = ON');
  // Deleted and overwritten content is zeroed in the file, so withdrawn or erased text does not linger in free pages
  // (earlier page versions in the -wal file are removed by truncateWal after an erasure or a withdrawal).
  database.pragma('secure_delete = ON');
  // Statistics for the query planner (cheap: only tables that need them); without them SQLite may scan a whole
  // tenant's progress for one team's counts.
  database.pragma('optimize = 0x10002');
  return new SqliteDialect({ database: withStatementCache(database) });
}

/**
 * Reuses prepared statements by SQL text (Kysely asks better-sqlite3 to prepare every query anew; preparing costs
 * more than running the small queries of a turn). Bounded, so dynamic SQL cannot grow it without limit.
 */
function withStatementCache(database: SQLite.Database): SQLite.Database {
  const prepare = database.prepare.bind(database);
  const statements = new LRUCache<string, SQLite.Statement>({ max: 500 });
  database.prepare = ((source: string) => {
    let statement = statements.get(source);
    if (!statement) {
      statement = prepare(source);
      statements.set(source, statement);
    }
    return statement;
  }) as typeof database.prepare;
  return database;
}

/**
 * A pool whose connections may break (a PostgreSQL restart or fail-over) without ending the process: pg emits
 * `error` on the pool (idle connections) or on the client (checked-out ones), which unhandled would crash Node. The
 * broken client is dropped; the next query opens a new connection, and a query that meets the outage fails where it runs and is logged there (its caller retries).
 */
function postgresDialect(url: string, max = 10): PostgresDialect {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', () => undefined);
  // A connection checked out when the server goes away (e.g. "terminating connection due to administrator command")
  // emits `error` on its client, not on the pool; the query using it fails, and the pool drops the broken client.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return new PostgresDialect({ pool });
}
