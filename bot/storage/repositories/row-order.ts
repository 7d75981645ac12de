import { randomInt } from 'node:crypto';

/**
 * The rows in a fresh, uniformly random order (Fisher–Yates with a cryptographic generator).
 * @remarks Rows of a round are re-inserted in this order on every answer: SQLite's rowid and PostgreSQL's physical
 * order (what a dump lists) then say nothing about who answered when. A fixed order (say by user id) would not do on
 * PostgreSQL, where a new row lands in whichever slot earlier rows freed, so the layout would carry the history.
 */
export function shuffled<T>(rows: readonly T[]): T[] {
  const result = [...rows];
  for (let i = result.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    [result[i], result[j]] = [result[j]!, result[i]!];
  }
  return result;
}
