import { randomUUID } from 'node:crypto';
import { ClaimLease, type LeaseStamp } from './claim-lease.js';
import { ClaimScope } from './claim-scope.js';
import { LeaseLostError, SendFailure, unlistedDeliveryKinds, type DeliveryContext, type OutboxItem } from './delivery.js';
import type { Clock, DeliveryHandler, Logger, OutboxRepository, TenantLeaseRepository } from './ports.js';

/** Options for draining the outbox. */
export type OutboxWorkerOptions = {
  /** How long a claimed row (and a held tenant) is reserved for this worker. */
  readonly leaseMs: number;
  /** Rows claimed per round, per tenant. */
  readonly batchSize: number;
  /** Rows one claim takes, when fewer than `batchSize` (see `claimRows` in the Teams messenger; default `batchSize`). */
  readonly claimRows?: number;
  /** Sends in flight at once per tenant (the messenger paces them under Teams' limits). */
  readonly concurrency: number;
  /**
   * Sends in flight at once in this worker, all tenants together (default 128): with many tenants held, each gets
   * `maxInFlight / tenants` lanes (at least 2, at most `concurrency`), so a round does not start thousands of sends
   * whose database reads queue behind each other before the first one reaches Teams.
   */
  readonly maxInFlight?: number;
  /** Attempts before a row is given up as failed. */
  readonly maxAttempts: number;
  /** First retry delay; doubles per attempt, with jitter. */
  readonly retryBaseMs: number;
  /** How often the leases of a batch still being sent are renewed (default a third of the lease; 0: never, for tests). */
  readonly renewEveryMs?: number;
  /**
   * How long a tenant let go stays with nobody before another worker may take it (default 2,000 ms: Teams' longest
   * window that a hand-over can matter for, 8 per conversation in 2 s; the per-tenant window is 1 s).
   */
  readonly handoverMs?: number;
  /**
   * A tenant over this worker's share is handed to another worker only with at least this many rows queued (default
   * `batchSize`): with fewer, this worker finishes it within about one batch's time, as soon as a hand-over could help.
   */
  readonly handOverAtLeast?: number;
  /** How often the worker takes its share of tenants anew while it sends (default a third of the lease). */
  readonly roundMs?: number;
  readonly random?: () => number;
};

/** A row's lease renewed by its send less than this long ago (and less than a tenth of the lease) is not renewed again before the next write to Teams. */
const RENEWED_RECENTLY_MS = 1_000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends outbox rows: claims a batch with a fenced lease, sends with bounded concurrency, records the sent activity id,
 * retries transient failures later and gives up on permanent ones with their reason.
 * @remarks Every write names the lease token of the claim. While a batch is being sent its leases are renewed, and
 * each write to Teams first renews the row's lease (not again within a second of this send's last renewal, when the
 * lease has nearly all of its time left); when another worker has claimed the row since (this one stalled
 * past its lease), the row is dropped here without sending or recording anything.
 *
 * With tenant leases (see {@link TenantLeaseRepository}) the worker sends only for the tenants it holds, one loop per
 * tenant, and takes its share anew every round; a tenant whose lease it can no longer prove (renewal lost, or the lease
 * ran out while the database was away) gets no further write to Teams from this worker. An outcome that cannot be
 * written because the database is away is retried until the row's lease would run out.
 */
export class OutboxWorker {
  /** This worker's name in tenant leases. */
  readonly holder = randomUUID();
  /** Tenants held, with the end of their lease as last written. */
  private readonly held = new Map<string, Date>();
  /** Set by {@link nudge}; ends a running drain's wait for its next round. */
  private nudged = false;
  private wake: (() => void) | undefined;
  /** While a round takes its share (`hold`), and how many rounds have, so a renewal racing one is skipped. */
  private holding = false;
  private holdRounds = 0;
  /** When expired tenant leases were last swept (performance.now). */
  private sweptAt: number | undefined;
  /** Per tenant: writes to Teams in flight and when the last one ended (performance.now), for `quiet`. */
  private readonly writes = new Map<string, { inFlight: number; lastEnd: number }>();
  /** While a round's `hold` runs: the tenants it was told are quiet, and its end; no first write for them starts meanwhile. */
  private offered: { readonly tenants: ReadonlySet<string>; readonly done: Promise<unknown> } | undefined;

  constructor(
    private readonly deps: {
      readonly outbox: OutboxRepository;
      /** Without it the worker sends for every tenant (one instance only). */
      readonly tenantLeases?: TenantLeaseRepository;
      readonly handler: DeliveryHandler;
      readonly clock: Clock;
      readonly logger: Logger;
      readonly options: OutboxWorkerOptions;
    },
  ) {}

  /** The tenant drain running on this worker, if any. */
  private draining: Promise<number> | undefined;

  /** Sends until nothing is due (for the tenants this worker may take) or `shouldStop` says so; returns how many rows were handled. */
  async drain(shouldStop: () => boolean = () => false): Promise<number> {
    if (this.deps.tenantLeases) {
      // One tenant drain at a time per worker (its rounds share the held tenants and the wake-up): a second call waits
      // for the running one, then drains what is left itself, so nothing queued meanwhile waits for the next tick.
      while (this.draining) {
        this.nudge();
        await this.draining.catch(() => undefined);
      }
      const draining = this.drainTenants(this.deps.tenantLeases, shouldStop);
      this.draining = draining;
      try {
        return await draining;
      } finally {
        if (this.draining === draining) this.draining = undefined;
      }
    }
    let handled = 0;
    while (!shouldStop()) {
      const sent = await this.batch(undefined, this.deps.options.concurrency, shouldStop);
      if (sent === 0) return handled;
      handled += sent;
    }
    return handled;
  }

  /**
   * Something was queued (a schedule fired, a "send now"): a running drain takes its share of tenants anew at once,
   * instead of at the end of its round, so a tenant that just got work does not wait for the others.
   */
  nudge(): void {
    this.nudged = true;
    this.wake?.();
  }

  /** Lets go of every tenant (after the hand-over time) and drops this worker's heartbeat. */
  async stop(): Promise<void> {
    this.held.clear();
    await this.deps.tenantLeases?.leave(this.holder, this.deps.clock.now(), this.handoverMs());
  }

  private handoverMs(): number {
    return this.deps.options.handoverMs ?? 2_000;
  }

  private renewEveryMs(): number {
    return this.deps.options.renewEveryMs ?? this.deps.options.leaseMs / 3;
  }

  /**
   * Sends for the tenants this worker holds, each in a loop of its own (claim a batch of that tenant, send it, claim
   * the next), until none of them has anything due. Every round (`roundMs`), or at once when nudged, it takes its
   * share of tenants anew: a tenant taken starts its loop right away, and one let go or lost stops its loop after the
   * send in hand, its unsent rows given back at once. A round never waits for the slowest tenant's batch.
   */
  private async drainTenants(leases: TenantLeaseRepository, shouldStop: () => boolean): Promise<number> {
    const { clock, options, logger } = this.deps;
    const roundMs = options.roundMs ?? options.leaseMs / 3;
    const loops = new Map<string, Promise<void>>();
    /** Tenants whose last claim found nothing due: not started again until the next round or nudge. */
    const idle = new Set<string>();
    let handled = 0;
    let failure: { readonly error: unknown } | undefined;
    const renewEveryMs = this.renewEveryMs();
    const timer = renewEveryMs > 0 ? setInterval(() => void this.renewTenants(leases), renewEveryMs) : undefined;
    timer?.unref();
    this.nudged = false;
    try {
      for (let rounds = 0; !shouldStop() && !failure; rounds += 1) {
        const roundStarted = performance.now();
        this.holding = true;
        let held: ReadonlyMap<string, Date>;
        const quiet = this.quietTenants();
        const holdAt = clock.now();
        try {
          const holding = leases.hold(this.holder, holdAt, { leaseMs: options.leaseMs, handoverMs: this.handoverMs(), handOverAtLeast: options.handOverAtLeast ?? options.batchSize, quiet });
          this.offered = { tenants: new Set(quiet), done: holding.catch(() => undefined) };
          held = await holding;
        } catch (error) {
          // `hold` is several statements, not one transaction: it may have let go of tenants before it failed (e.g. a
          // deadlock in taking free ones). One passed as quiet is then free to others at once, so no write for it
          // starts here; this worker has written nothing to it lately, and the next round takes it again if it can.
          // Any other it may have let go with the hand-over, after which another worker may take it: this worker's
          // sends for it (the tenant loops go on after the drain fails) stop at that hand-over's end at the latest.
          for (const tenantId of quiet) this.held.delete(tenantId);
          const handoverEnd = new Date(holdAt.getTime() + this.handoverMs());
          for (const [tenantId, until] of this.held) if (until > handoverEnd) this.held.set(tenantId, handoverEnd);
          throw error;
        } finally {
          this.offered = undefined;
          this.holding = false;
          this.holdRounds += 1;
        }
        this.held.clear();
        for (const [tenantId, until] of held) this.held.set(tenantId, until);
        const pruneBefore = performance.now() - this.handoverMs();
        for (const [tenantId, writes] of this.writes) if (!held.has(tenantId) && writes.inFlight === 0 && writes.lastEnd < pruneBefore) this.writes.delete(tenantId);
        let started = 0;
        for (const tenantId of held.keys()) {
          if (loops.has(tenantId) || idle.has(tenantId)) continue;
          started += 1;
          const loop = this.tenantLoop(tenantId, () => loops.size, shouldStop)
            .then(
              (result) => {
                handled += result.handled;
                if (result.idle) idle.add(tenantId);
              },
              (error: unknown) => {
                failure ??= { error };
              },
            )
            .finally(() => {
              loops.delete(tenantId);
              if (loops.size === 0) this.wake?.();
            });
          loops.set(tenantId, loop);
        }
        logger.debug({ round: rounds, held: held.size, started, sending: loops.size, idle: idle.size, handled, ms: Math.round(performance.now() - roundStarted) }, 'send round');
        if (loops.size === 0) break;
        const woken = await this.waitForRound(roundMs);
        // A round's end or a nudge tries the idle tenants again (a retry may have come due); the last loop ending does not.
        if (woken !== 'loopsDone') idle.clear();
      }
    } finally {
      await Promise.allSettled([...loops.values()]);
      if (timer) clearInterval(timer);
      this.wake = undefined;
    }
    if (failure) throw failure.error;
    await this.sweep(leases);
    return handled;
  }

  /**
   * After a drain, at most once per lease time: removes leases that have run out of tenants with nothing queued (and
   * heartbeats of workers gone), so `tenant_send_leases` holds only the tenants being sent for, not every tenant ever.
   */
  private async sweep(leases: TenantLeaseRepository): Promise<void> {
    const now = performance.now();
    if (this.sweptAt !== undefined && now - this.sweptAt < this.deps.options.leaseMs) return;
    this.sweptAt = now;
    try {
      const removed = await leases.sweep(this.deps.clock.now(), this.handoverMs());
      if (removed > 0) this.deps.logger.debug({ removed }, 'expired tenant send leases removed');
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'expired tenant send leases could not be removed');
    }
  }

  /** Waits until the round is over, the worker is nudged, or its last tenant loop has ended. */
  private waitForRound(roundMs: number): Promise<'round' | 'nudged' | 'loopsDone'> {
    if (this.nudged) {
      this.nudged = false;
      return Promise.resolve('nudged');
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish('round'), roundMs);
      const finish = (why: 'round' | 'nudged' | 'loopsDone'): void => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve(why);
      };
      this.wake = () => {
        if (this.nudged) {
          this.nudged = false;
          finish('nudged');
        } else finish('loopsDone');
      };
    });
  }

  /** Claims and sends batches of one tenant while this worker holds it and something of it is due. */
  private async tenantLoop(tenantId: string, tenantsSending: () => number, shouldStop: () => boolean): Promise<{ readonly handled: number; readonly idle: boolean }> {
    const { options } = this.deps;
    let handled = 0;
    // With many tenants at once each gets a part of the worker's sends in flight (at least 2, at most `concurrency`),
    // taken anew before every row: tenant loops start one after another, so a share computed when a loop starts would
    // give the first tenants of a round all the lanes and the others 2 each (the first tenants' 14th request went out
    // within a second, the last ones' after 12 s, and a tenant's last requests wait 20 s after its first ones).
    const lanes = (): number => Math.min(options.concurrency, Math.max(2, Math.floor((options.maxInFlight ?? 128) / Math.max(1, tenantsSending()))));
    while (!shouldStop() && this.holds(tenantId)) {
      const sent = await this.batch([tenantId], lanes, shouldStop);
      if (sent === 0) return { handled, idle: true };
      handled += sent;
    }
    return { handled, idle: false };
  }

  /**
   * The held tenants this worker has written nothing to Teams for within the hand-over time, with nothing in flight:
   * let go in the coming `hold`, they need no hand-over (see {@link TenantLeaseTiming.quiet}).
   */
  private quietTenants(): string[] {
    const now = performance.now();
    return [...this.held.keys()].filter((tenantId) => {
      const writes = this.writes.get(tenantId);
      return !writes || (writes.inFlight === 0 && now - writes.lastEnd >= this.handoverMs());
    });
  }

  /** Whether this worker may still write to Teams for the tenant (without tenant leases: always). */
  private holds(tenantId: string): boolean {
    if (!this.deps.tenantLeases) return true;
    const until = this.held.get(tenantId);
    return until !== undefined && until > this.deps.clock.now();
  }

  private async renewTenants(leases: TenantLeaseRepository): Promise<void> {
    // A renewal racing a round's `hold` would read a tenant that `hold` just let go (or took again) as lost: the round
    // renews what it keeps itself, so a renewal during it, or answered after it, is skipped.
    if (this.holding) return;
    const round = this.holdRounds;
    const tenants = [...this.held.keys()];
    if (tenants.length === 0) return;
    const until = new Date(this.deps.clock.now().getTime() + this.deps.options.leaseMs);
    try {
      const kept = new Set(await leases.renew(this.holder, tenants, until));
      if (this.holding || round !== this.holdRounds) return;
      for (const tenantId of tenants) {
        if (kept.has(tenantId)) this.held.set(tenantId, until);
        else {
          this.held.delete(tenantId);
          this.deps.logger.warn({ tenantId }, 'tenant send lease lost to another worker; sending stops for it here');
        }
      }
    } catch (error) {
      // The database is away: keep the leases as last written; `holds` stops the sends once they run out.
      this.deps.logger.warn({ err: error }, 'tenant lease renewal failed');
    }
  }

  /**
   * Claims one batch (of the tenants given, or of all) and sends it with `lanes` sends at once; returns its size.
   * @remarks A lane stops taking rows once the worker no longer holds the row's tenant or is stopping; the rows no lane
   * took are given back at once (not left leased until their lease runs out), so the next holder can send them.
   */
  private async batch(tenantIds: readonly string[] | undefined, lanes: number | (() => number), shouldStop: () => boolean): Promise<number> {
    const { options } = this.deps;
    const batch = await this.deps.outbox.claim(this.deps.clock.now(), options.leaseMs, Math.min(options.batchSize, options.claimRows ?? options.batchSize), tenantIds);
    if (batch.length > 0) await this.sendAll(batch, lanes, shouldStop);
    return batch.length;
  }

  private async sendAll(batch: readonly OutboxItem[], lanes: number | (() => number), shouldStop: () => boolean): Promise<void> {
    const allowed = typeof lanes === 'number' ? () => lanes : lanes;
    const queue = [...batch];
    const renewEveryMs = this.renewEveryMs();
    // Every row of a claim carries the claim's token, so the whole batch is renewed in one write.
    const lease = new ClaimLease(batch[0]!.leaseToken, { outbox: this.deps.outbox, clock: this.deps.clock, leaseMs: this.deps.options.leaseMs, recentMs: Math.min(RENEWED_RECENTLY_MS, this.deps.options.leaseMs / 10) });
    const timer = renewEveryMs > 0 ? setInterval(() => void this.renewClaim(lease), renewEveryMs) : undefined;
    timer?.unref();
    const mayGoOn = (item: OutboxItem): boolean => !shouldStop() && this.holds(item.team.tenantId);
    const claim = new ClaimScope(batch);
    try {
      // A lane beyond the share (more tenants started sending meanwhile) stops after its send in hand; the first
      // lane never does, so every row is tried or given back.
      await Promise.all(
        Array.from({ length: Math.min(allowed(), queue.length) }, async (_, lane) => {
          while (queue.length > 0) {
            // No first write for a tenant that a running `hold` was told is quiet. Checked in the same tick as the
            // write is counted (`sendOne` counts it before its first await): after an await here, a nudged round may
            // already have begun its next `hold` and passed the tenant as quiet again.
            const offered = this.offered;
            if (offered?.tenants.has(queue[0]!.team.tenantId)) {
              await offered.done;
              continue;
            }
            if (!mayGoOn(queue[0]!) || (lane !== 0 && lane >= allowed())) break;
            await this.sendOne(queue.shift()!, claim, lease);
          }
        }),
      );
    } finally {
      if (timer) clearInterval(timer);
    }
    if (queue.length > 0) await this.giveBack(queue);
  }

  /** Returns claimed rows that were never tried to the queue, due at once and with the attempt not counted. */
  private async giveBack(items: readonly OutboxItem[]): Promise<void> {
    const token = items[0]!.leaseToken;
    try {
      const returned = await this.deps.outbox.giveBack(
        items.map((item) => item.id),
        token,
        this.deps.clock.now(),
      );
      this.deps.logger.debug({ rows: items.length, returned }, 'unsent rows given back');
    } catch (error) {
      // They are claimable again once their lease runs out.
      this.deps.logger.warn({ err: error, rows: items.length }, 'unsent rows could not be given back; they are sent once their lease runs out');
    }
  }

  private async renewClaim(lease: ClaimLease): Promise<void> {
    await lease.renewNow().catch((error: unknown) => this.deps.logger.warn({ err: error }, 'lease renewal failed'));
  }

  private context(item: OutboxItem, claim: ClaimScope, lease: ClaimLease): DeliveryContext {
    const { outbox, clock, options } = this.deps;
    /** When the row's lease was last renewed in the database for this send. */
    let renewedAt: LeaseStamp | undefined;
    return {
      claim,
      remember: async (payload) => {
        if (!(await outbox.remember(item.id, item.leaseToken, payload))) throw new LeaseLostError(item.id);
      },
      holdLease: async () => {
        if (!this.holds(item.team.tenantId)) throw new LeaseLostError(item.id);
        // Renewed a moment ago (a 1:1 reminder's post right after creating its chat): the row's lease then runs for
        // nearly all of `leaseMs` yet, so no other worker can have claimed it, and the renewal is not repeated.
        if (lease.recent(renewedAt)) return;
        // The rows of the claim sent at about the same time share one renewal of the whole claim.
        const renewal = await lease.renewed();
        if (renewal.ids.has(item.id) && lease.recent(renewal)) {
          renewedAt = renewal;
          return;
        }
        const stamp = lease.stamp();
        if (!(await outbox.renew(item.id, item.leaseToken, new Date(stamp.at + options.leaseMs)))) throw new LeaseLostError(item.id);
        renewedAt = stamp;
      },
      claimPost: (postKey, claimOptions) => outbox.claimPost(item.team, postKey, item.id, clock.now(), claimOptions),
    };
  }

  /** Sends one row and records its outcome; never throws. */
  private async sendOne(item: OutboxItem, claim: ClaimScope, lease: ClaimLease): Promise<void> {
    const { outbox, handler, clock, logger, options } = this.deps;
    try {
      const { activityId } = await this.deliverCounted(item, () => handler.deliver(item, this.context(item, claim, lease)));
      if (await this.record(item, 'sent', () => outbox.markSent(item.id, item.leaseToken, activityId, clock.now()))) await this.forgetIfUnlisted(item);
    } catch (error) {
      if (error instanceof LeaseLostError) return this.leaseLost(item, 'not sent');
      const failure = error instanceof SendFailure ? error : undefined;
      const reason = failure?.reason ?? (error instanceof Error ? error.message : String(error));
      if (failure?.permanent || item.attempts >= options.maxAttempts) {
        logger.warn({ outboxId: item.id, teamId: item.team.teamId, reason, attempts: item.attempts }, 'delivery failed');
        if (await this.record(item, 'failed', () => outbox.markFailed(item.id, item.leaseToken, failure?.permanent ? reason : `gaveUp:${reason}`, clock.now()))) await this.forgetIfUnlisted(item);
        return;
      }
      if (!failure) logger.error({ err: error, outboxId: item.id }, 'delivery crashed; will retry');
      const backoff = options.retryBaseMs * 2 ** (item.attempts - 1) * (0.5 + (options.random ?? Math.random)());
      const delay = Math.max(failure?.retryAfterMs ?? 0, backoff);
      await this.record(item, 'retry', () => outbox.markRetry(item.id, item.leaseToken, new Date(clock.now().getTime() + delay), reason, clock.now()));
    }
  }

  /** Runs a delivery counted in the tenant's writes (see {@link quietTenants}); counted before its first await. */
  private async deliverCounted<T>(item: OutboxItem, deliver: () => Promise<T>): Promise<T> {
    const writes = this.writes.get(item.team.tenantId) ?? { inFlight: 0, lastEnd: 0 };
    this.writes.set(item.team.tenantId, writes);
    writes.inFlight += 1;
    try {
      return await deliver();
    } finally {
      writes.inFlight -= 1;
      writes.lastEnd = performance.now();
    }
  }

  /** A shared reply's or a read count's row is in nobody's history: once done it is deleted, with its delivery and post claim. */
  private async forgetIfUnlisted(item: OutboxItem): Promise<void> {
    if (!(unlistedDeliveryKinds as readonly string[]).includes(item.payload.kind)) return;
    try {
      await this.deps.outbox.forget(item.id, item.deliveryId);
    } catch (error) {
      this.deps.logger.warn({ err: error, outboxId: item.id }, 'a done unlisted row could not be deleted now; the retention run deletes done rows later');
    }
  }

  /**
   * Writes an outcome and says whether it was written (false: the lease was lost, or the database stayed away); a write that throws (the database is away) is tried again, with back-off, until the row's
   * lease would have run out: a sent message left unrecorded would be sent again.
   */
  private async record(item: OutboxItem, outcome: string, write: () => Promise<boolean>): Promise<boolean> {
    const giveUpAt = performance.now() + this.deps.options.leaseMs;
    for (let wait = 50; ; wait = Math.min(wait * 2, 1_000)) {
      try {
        if (await write()) return true;
        this.leaseLost(item, outcome);
        return false;
      } catch (error) {
        if (performance.now() + wait >= giveUpAt) {
          this.deps.logger.error({ err: error, outboxId: item.id, outcome }, 'outcome not recorded; the row is sent again once its lease runs out');
          return false;
        }
        this.deps.logger.warn({ err: error, outboxId: item.id, outcome }, 'recording an outcome failed; trying again');
        await sleep(wait);
      }
    }
  }

  private leaseLost(item: OutboxItem, outcome: string): void {
    this.deps.logger.warn({ outboxId: item.id, teamId: item.team.teamId, outcome }, 'outbox lease lost to another worker; outcome not recorded');
  }
}
