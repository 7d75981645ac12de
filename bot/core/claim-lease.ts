import type { Clock, OutboxRepository } from './ports.js';

/**
 * When a lease end was computed: the clock's reading, the order in which it was taken, and the clock's era then (it
 * changes whenever a reading is earlier than the one before: the clock went back).
 */
export type LeaseStamp = { readonly at: number; readonly seq: number; readonly era: number };

/** A claim-wide renewal: when its new lease end was computed, and the rows it extended. */
type Renewal = LeaseStamp & { readonly ids: ReadonlySet<string> };

/**
 * The lease of one outbox claim, renewed for all its rows in one write and shared by the sends of its rows.
 * @remarks Every write to Teams first proves that the row is still this worker's (its send guard). Rather than one
 * renewal per row, the rows being sent at about the same time share one renewal of the whole claim: a row the last
 * renewal extended less than {@link recentMs} ago holds at least `leaseMs − recentMs` of its lease yet, so no other
 * worker can have claimed it; a row that renewal did not extend (sent, given back, or claimed by another worker)
 * is renewed on its own, which fails when it is no longer this worker's. Concurrent callers wait for one renewal.
 *
 * That reasoning holds only while no later renewal has set an earlier lease end, which happens when the clock goes
 * back: a renewal made at the earlier reading shortens every row's lease, another worker may claim them once its clock
 * passes that end, and when this clock is back where it was, the renewal made before it went back would look recent
 * again. So the last renewal is the last one started (not the one with the latest reading), and a stamp taken before
 * the clock went back is never recent again.
 */
export class ClaimLease {
  private last: Renewal | undefined;
  private pending: Promise<Renewal> | undefined;
  /** The latest stamp taken: its reading, order and era. */
  private latest: LeaseStamp = { at: Number.NEGATIVE_INFINITY, seq: 0, era: 0 };

  constructor(
    private readonly token: string,
    private readonly deps: { readonly outbox: OutboxRepository; readonly clock: Clock; readonly leaseMs: number; readonly recentMs: number },
  ) {}

  /** Reads the clock for a lease end about to be written (by this claim's renewal, or by one row's own). */
  stamp(): LeaseStamp {
    const at = this.deps.clock.now().getTime();
    const era = at < this.latest.at ? this.latest.era + 1 : this.latest.era;
    this.latest = { at, seq: this.latest.seq + 1, era };
    return this.latest;
  }

  /** Whether a lease end computed at `stamp` still leaves nearly all of the lease (and the clock has not gone back since). */
  recent(stamp: LeaseStamp | undefined): boolean {
    const now = this.deps.clock.now().getTime();
    return stamp !== undefined && stamp.era === this.latest.era && now >= stamp.at && now - stamp.at < this.deps.recentMs;
  }

  /** A renewal of the whole claim no older than {@link recentMs}: the last one, the one under way, or a new one. */
  async renewed(): Promise<Renewal> {
    if (this.last && this.recent(this.last)) return this.last;
    this.pending ??= this.renewNow().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** Renews every row of the claim still leased under its token (also on a timer while the claim is sent). */
  async renewNow(): Promise<Renewal> {
    const stamp = this.stamp();
    const ids = await this.deps.outbox.renewClaim(this.token, new Date(stamp.at + this.deps.leaseMs));
    const renewal = { ...stamp, ids };
    if (!this.last || this.last.seq < renewal.seq) this.last = renewal;
    return renewal;
  }
}
