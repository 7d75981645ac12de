import type { Clock, OutboxRepository } from './ports.js';

/** A claim-wide renewal: when its new lease end was computed (clock ms), and the rows it extended. */
type Renewal = { readonly at: number; readonly ids: ReadonlySet<string> };

/**
 * The lease of one outbox claim, renewed for all its rows in one write and shared by the sends of its rows.
 * @remarks Every write to Teams first proves that the row is still this worker's (its send guard). Rather than one
 * renewal per row, the rows being sent at about the same time share one renewal of the whole claim: a row the last
 * renewal extended less than {@link recentMs} ago holds at least `leaseMs − recentMs` of its lease yet, so no other
 * worker can have claimed it; a row that renewal did not extend (sent, given back, or claimed by another worker)
 * is renewed on its own, which fails when it is no longer this worker's. Concurrent callers wait for one renewal.
 */
export class ClaimLease {
  private last: Renewal | undefined;
  private pending: Promise<Renewal> | undefined;

  constructor(
    private readonly token: string,
    private readonly deps: { readonly outbox: OutboxRepository; readonly clock: Clock; readonly leaseMs: number; readonly recentMs: number },
  ) {}

  /** Whether a lease end computed at `at` (clock ms) still leaves nearly all of the lease. */
  recent(at: number | undefined): boolean {
    const now = this.deps.clock.now().getTime();
    return at !== undefined && now >= at && now - at < this.deps.recentMs;
  }

  /** A renewal of the whole claim no older than {@link recentMs}: the last one, the one under way, or a new one. */
  async renewed(): Promise<Renewal> {
    if (this.last && this.recent(this.last.at)) return this.last;
    this.pending ??= this.renewNow().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** Renews every row of the claim still leased under its token (also on a timer while the claim is sent). */
  async renewNow(): Promise<Renewal> {
    const at = this.deps.clock.now().getTime();
    const ids = await this.deps.outbox.renewClaim(this.token, new Date(at + this.deps.leaseMs));
    const renewal = { at, ids };
    if (!this.last || this.last.at <= at) this.last = renewal;
    return renewal;
  }
}
