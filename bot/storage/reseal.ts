import { sql, type Kysely } from 'kysely';
import { lockRounds, type RoundKey } from './repositories/round-lock.js';
import { shuffled } from './repositories/row-order.js';
import type { Database } from './schema.js';
import { BALLOT_SEAL_SUBJECT, SEALED_KNOWLEDGE_BYTES } from './repositories/knowledge-repository.js';
import { SEALED_ANSWER_TABLES } from './repositories/sealed-answer-store.js';
import type { Sealer } from './sealing.js';

/** A table with sealed values, its primary key and padded size; for a table of answers, the columns of its subject. */
type SealedTable = { readonly table: string; readonly key: readonly string[]; readonly bytes: number; readonly subject?: readonly string[] };

/** The tables with sealed values. */
const SEALED_TABLES: readonly SealedTable[] = [
  ...Object.entries(SEALED_ANSWER_TABLES).map(([table, { subject, bytes }]) => ({ table, key: ['tenant_id', 'user_id', ...subject], bytes, subject })),
  // cert: knowledge-check results (sealed per person) and ballots (no author; sealed under the organisation's subject).
  { table: 'knowledge_results', key: ['tenant_id', 'user_id', 'course_id', 'lesson_id'], bytes: SEALED_KNOWLEDGE_BYTES },
  { table: 'knowledge_ballots', key: ['id'], bytes: SEALED_KNOWLEDGE_BYTES },
];

/** Whose key a row is sealed with: the author's, or for a knowledge ballot the organisation's. */
function sealSubject(table: string, row: Record<string, string | number | null>): string {
  return table === 'knowledge_ballots' ? BALLOT_SEAL_SUBJECT : String(row.user_id);
}

/** The app_state entry that records that every sealed value is in the v2 (padded, key-id) format. */
const FORMAT_STATE = 'sealed-format';

/** What a re-sealing pass did. */
export type ResealReport = { readonly scanned: number; readonly resealed: number };

/**
 * Re-seals every sealed value that is not in the current format under the current key, in batches.
 * @remarks A row is deleted and inserted again (in random order within a batch, so SQLite's rowid and PostgreSQL's
 * physical order no longer follow the order people answered in), and only if it still holds the value that was read, so concurrent writes
 * and a second instance doing the same are safe. Idempotent; a previous key can be dropped once it reports 0.
 */
export async function resealOutdated(db: Kysely<Database>, sealer: Sealer, options: { readonly batch?: number; readonly engine?: 'sqlite' | 'postgres' } = {}): Promise<ResealReport> {
  const batch = options.batch ?? 200;
  let scanned = 0;
  let resealed = 0;
  for (const { table, key, bytes, subject } of SEALED_TABLES) {
    // Every table has sealed; Kysely is told it is `reflections` so the shared columns type-check.
    const name = table as 'reflections';
    let after: readonly unknown[] | undefined;
    for (;;) {
      let query = db.selectFrom(name).selectAll();
      if (after) query = query.where(sql<boolean>`(${sql.join(key.map((column) => sql.ref(column)))}) > (${sql.join(after)})`);
      for (const column of key) query = query.orderBy(sql.ref(column));
      const rows = (await query.limit(batch).execute()) as unknown as Record<string, string | number | null>[];
      if (rows.length === 0) break;
      scanned += rows.length;
      const last = rows.at(-1)!;
      after = key.map((column) => last[column]);
      const stale = rows.filter((row) => !sealer.isCurrent(String(row.sealed)));
      if (stale.length > 0) {
        await db.transaction().execute(async (trx) => {
          // Answers being written re-insert their round's rows: wait for them, as they wait for each other.
          const rounds = stale.flatMap((row): RoundKey[] =>
            subject === undefined || row.team_id === null || row.team_id === undefined
              ? []
              : [{ table: table as RoundKey['table'], tenantId: String(row.tenant_id), teamId: String(row.team_id), subject: subject.map((column) => String(row[column])) }],
          );
          await lockRounds(trx, options.engine ?? 'sqlite', rounds);
          for (const row of shuffled(stale)) {
            const value = sealer.open<unknown>(String(row.tenant_id), sealSubject(table, row), String(row.sealed));
            let remove = trx.deleteFrom(name).where('sealed', '=', String(row.sealed));
            for (const column of key) remove = remove.where(sql.ref(column), '=', row[column]);
            const removed = await remove.executeTakeFirst();
            if (Number(removed.numDeletedRows) === 0) continue;
            const sealed = sealer.seal(String(row.tenant_id), sealSubject(table, row), value, bytes);
            await trx
              .insertInto(name)
              .values({ ...row, sealed } as never)
              .execute();
            resealed += 1;
          }
        });
      }
      if (rows.length < batch) break;
    }
  }
  return { scanned, resealed };
}

/**
 * Brings sealed values written before the v2 format (unpadded, no key id) up to it, once.
 * @remarks The keyed half of migration 0007: migrations run without the data key, so this runs right after them.
 */
export async function upgradeSealedFormat(db: Kysely<Database>, sealer: Sealer, engine?: 'sqlite' | 'postgres'): Promise<ResealReport | undefined> {
  const done = await db.selectFrom('app_state').select('value').where('name', '=', FORMAT_STATE).executeTakeFirst();
  if (done?.value === 'v2') return undefined;
  const report = await resealOutdated(db, sealer, { engine });
  await db.insertInto('app_state').values({ name: FORMAT_STATE, value: 'v2' }).onConflict((oc) => oc.column('name').doUpdateSet({ value: 'v2' })).execute();
  return report;
}

