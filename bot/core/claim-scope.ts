import type { OutboxItem } from './delivery.js';

/** How long a read shared by the rows of one claim is used before it is read again. */
export const SHARED_READ_MAX_AGE_MS = 2_000;

/**
 * What the rows of one outbox claim (one tenant's batch) share while they are sent: the claim's rows, and reads made
 * once for all of them (a team's course, its members' languages and progress) instead of once per row.
 * @remarks A shared read is used for at most {@link SHARED_READ_MAX_AGE_MS} after it was made, then made again, so a
 * row sent later in a long, paced batch sees what is in the database then, no older than a row's own read was before
 * it waited for its slot under Teams' limits. A read that failed is not kept: the next row reads again.
 */
export class ClaimScope {
  private readonly reads = new Map<string, { readonly at: number; readonly value: Promise<unknown> }>();

  constructor(
    /** Every row of the claim, this one included. */
    readonly items: readonly OutboxItem[],
    /** A monotonic millisecond clock. */
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The value `read` gives, made once for the claim's rows (again once older than the maximum age). */
  shared<T>(key: string, read: () => Promise<T>): Promise<T> {
    const now = this.now();
    const known = this.reads.get(key);
    if (known && now - known.at < SHARED_READ_MAX_AGE_MS) return known.value as Promise<T>;
    const value = read();
    const entry = { at: now, value };
    this.reads.set(key, entry);
    value.catch(() => {
      if (this.reads.get(key) === entry) this.reads.delete(key);
    });
    return value;
  }
}
