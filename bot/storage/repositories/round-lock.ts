import { sql, type Transaction } from 'kysely';
import type { Database } from '../schema.js';

/**
 * A round whose rows are rewritten together: the answers of one team to one subject (a lesson's reflection round, a
 * next-steps round, a dilemma round).
 * @remarks `subject` holds the values of the table's subject columns (see sealed-answer-store.ts), in their order.
 */
export type RoundKey = {
  readonly table: 'reflections' | 'next_step_answers' | 'dilemma_choices';
  readonly tenantId: string;
  readonly teamId: string;
  readonly subject: readonly string[];
};

/** The round's key as one string, unambiguous whatever the ids contain. */
export function roundKeyText(round: RoundKey): string {
  return JSON.stringify([round.table, round.tenantId, round.teamId, ...round.subject]);
}

/**
 * Makes writers to the same rounds wait for each other until the transaction ends.
 * @remarks Every write re-inserts all of a round's rows in a fresh random order (see row-order.ts). Two writers in
 * one round at the same moment on PostgreSQL would otherwise each delete and re-insert the rows the other had just
 * re-inserted (a duplicate-key error), or a deletion would miss a row another writer re-inserted. A transaction-level
 * advisory lock per round serialises them and is released at commit or rollback. Several rounds are locked in a fixed
 * order, so two writers never wait for each other in a cycle. SQLite needs none: it has a single writer, and the
 * app's one connection runs one transaction at a time.
 */
export async function lockRounds(trx: Transaction<Database>, engine: 'sqlite' | 'postgres', rounds: readonly RoundKey[]): Promise<void> {
  if (engine !== 'postgres') return;
  const keys = [...new Set(rounds.map(roundKeyText))].sort();
  for (const key of keys) await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
}
