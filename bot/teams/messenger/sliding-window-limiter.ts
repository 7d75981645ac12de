/** At most `count` sends in any window of `windowMs` milliseconds. */
export type WindowLimit = { readonly count: number; readonly windowMs: number };

/** The limits a {@link SlidingWindowLimiter} enforces: every window per conversation and every window per tenant. */
export type LimiterLimits = {
  readonly perConversation: readonly WindowLimit[];
  readonly perTenant: readonly WindowLimit[];
};

/** A granted slot; release it when the send has finished, whatever its outcome. */
export type Lease = { release(): void };

/** How many keys the limiter holds, for tests and benches. */
export type LimiterSize = { readonly tenants: number; readonly conversations: number; readonly waiting: number };

/**
 * The sends of one key (a conversation, or a whole tenant): how many are in flight and when the finished ones ended.
 * @remarks A send occupies a slot from the moment it starts until one window after it has finished. Its start is not
 * enough: the service counts it when the request arrives, somewhere between the start and the response, so counting
 * from the end is the earliest time that is certain not to overshoot any window at the service.
 */
class SendLog {
  inFlight = 0;
  /** Finish times, ascending, pruned to the longest window. */
  private readonly finished: number[] = [];

  /** The earliest time at which one more send fits every window; Infinity while sends in flight fill a window. */
  readyAt(limits: readonly WindowLimit[], now: number): number {
    let ready = now;
    for (const { count, windowMs } of limits) {
      if (this.inFlight >= count) return Infinity;
      // The (count - inFlight)-th most recent finish must have left the window (t - windowMs, t].
      const index = this.finished.length - (count - this.inFlight);
      if (index >= 0) ready = Math.max(ready, this.finished[index]! + windowMs);
    }
    return ready;
  }

  start(): void {
    this.inFlight += 1;
  }

  finish(at: number, horizonMs: number): void {
    this.inFlight -= 1;
    let index = this.finished.length;
    while (index > 0 && this.finished[index - 1]! > at) index -= 1;
    this.finished.splice(index, 0, at);
    this.prune(at, horizonMs);
  }

  /** Forgets finishes that no window can see any more. */
  prune(now: number, horizonMs: number): void {
    const cutoff = now - horizonMs;
    if (this.finished.length === 0 || this.finished[0]! > cutoff) return;
    let low = 0;
    let high = this.finished.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.finished[middle]! <= cutoff) low = middle + 1;
      else high = middle;
    }
    this.finished.splice(0, low);
  }

  /** True when nothing is in flight and no finish is inside any window. */
  idle(now: number, horizonMs: number): boolean {
    this.prune(now, horizonMs);
    return this.inFlight === 0 && this.finished.length === 0;
  }
}

type Waiter = { readonly resolve: (lease: Lease) => void };

type TenantState = {
  readonly log: SendLog;
  /** No send starts before this time (a shared back-off after throttling). */
  pausedUntil: number;
  readonly conversations: Map<string, SendLog>;
  /** Waiting sends per conversation, FIFO within a conversation; conversations in the order they get their turn. */
  readonly waiting: Map<string, Waiter[]>;
};

/**
 * A sliding-log rate limiter over two levels of keys, a tenant and its conversations, each with several windows.
 * @remarks A slot is granted only when every window of the conversation and of its tenant has room, and it is taken
 * in the same synchronous step as the check, so concurrent callers can never overshoot a window. Waiting sends are
 * queued per conversation and the conversations take turns, so one busy conversation does not hold up the others.
 * One timer at a time wakes the queue at the earliest moment a window frees; a finished send wakes it at once. Keys
 * idle for longer than their longest window are dropped, so memory follows the conversations active within that window.
 */
export class SlidingWindowLimiter {
  private readonly tenants = new Map<string, TenantState>();
  private readonly conversationHorizonMs: number;
  private readonly tenantHorizonMs: number;
  private readonly sweepEveryMs: number;
  private readonly maxTimerMs: number;
  private lastSweep: number;
  private wakeAt = Infinity;
  private waitingCount = 0;

  constructor(
    private readonly limits: LimiterLimits,
    private readonly clock: { now(): number },
    private readonly sleep: (ms: number) => Promise<void>,
    options: { readonly sweepEveryMs?: number; readonly maxTimerMs?: number } = {},
  ) {
    for (const limit of [...limits.perConversation, ...limits.perTenant]) {
      if (!(limit.count >= 1) || !(limit.windowMs > 0)) throw new RangeError(`Invalid window limit ${JSON.stringify(limit)}`);
    }
    this.conversationHorizonMs = Math.max(0, ...limits.perConversation.map((limit) => limit.windowMs));
    this.tenantHorizonMs = Math.max(0, ...limits.perTenant.map((limit) => limit.windowMs));
    this.sweepEveryMs = options.sweepEveryMs ?? Math.min(60_000, Math.max(this.conversationHorizonMs, this.tenantHorizonMs, 1));
    this.maxTimerMs = options.maxTimerMs ?? 1_000;
    this.lastSweep = clock.now();
  }

  /** Resolves with a lease once a send to the conversation fits every window of it and of its tenant. */
  acquire(tenantId: string, conversationId: string): Promise<Lease> {
    const now = this.clock.now();
    if (now - this.lastSweep >= this.sweepEveryMs) this.sweep();
    const tenant = this.tenant(tenantId);
    return new Promise<Lease>((resolve) => {
      const queue = tenant.waiting.get(conversationId);
      if (queue) queue.push({ resolve });
      else tenant.waiting.set(conversationId, [{ resolve }]);
      this.waitingCount += 1;
      this.pump(tenant, now);
    });
  }

  /** Lets no send of the tenant start before the given time (extends, never shortens, a pause). */
  pauseTenant(tenantId: string, until: number): void {
    const tenant = this.tenant(tenantId);
    tenant.pausedUntil = Math.max(tenant.pausedUntil, until);
  }

  /** The time until which the tenant is paused, if it is. */
  pausedUntil(tenantId: string): number | undefined {
    const until = this.tenants.get(tenantId)?.pausedUntil;
    return until !== undefined && until > this.clock.now() ? until : undefined;
  }

  /** How many tenants and conversations are held and how many sends wait. */
  size(): LimiterSize {
    let conversations = 0;
    for (const tenant of this.tenants.values()) conversations += tenant.conversations.size;
    return { tenants: this.tenants.size, conversations, waiting: this.waitingCount };
  }

  /** Drops every key that no window can see any more. */
  sweep(): void {
    const now = this.clock.now();
    this.lastSweep = now;
    for (const [tenantId, tenant] of this.tenants) {
      for (const [conversationId, log] of tenant.conversations) {
        if (!tenant.waiting.has(conversationId) && log.idle(now, this.conversationHorizonMs)) tenant.conversations.delete(conversationId);
      }
      if (tenant.conversations.size === 0 && tenant.waiting.size === 0 && tenant.pausedUntil <= now && tenant.log.idle(now, this.tenantHorizonMs)) {
        this.tenants.delete(tenantId);
      }
    }
  }

  private tenant(tenantId: string): TenantState {
    let tenant = this.tenants.get(tenantId);
    if (!tenant) {
      tenant = { log: new SendLog(), pausedUntil: -Infinity, conversations: new Map(), waiting: new Map() };
      this.tenants.set(tenantId, tenant);
    }
    return tenant;
  }

  private conversation(tenant: TenantState, conversationId: string): SendLog {
    let log = tenant.conversations.get(conversationId);
    if (!log) {
      log = new SendLog();
      tenant.conversations.set(conversationId, log);
    }
    return log;
  }

  /** Grants every slot that is free now, in turn order; schedules a wake-up for the earliest one that is not. */
  private pump(tenant: TenantState, now: number): void {
    let wake = Infinity;
    // Re-inserting a conversation moves it to the end of the Map, where this loop visits it again: intended (it still
    // has waiters and may still fit), and the loop ends because every visit either grants a slot or skips.
    for (const [conversationId, queue] of tenant.waiting) {
      const tenantReady = Math.max(tenant.pausedUntil, tenant.log.readyAt(this.limits.perTenant, now));
      if (tenantReady > now) {
        wake = Math.min(wake, tenantReady);
        break;
      }
      const log = this.conversation(tenant, conversationId);
      const conversationReady = log.readyAt(this.limits.perConversation, now);
      if (conversationReady > now) {
        wake = Math.min(wake, conversationReady);
        continue;
      }
      const waiter = queue.shift()!;
      tenant.waiting.delete(conversationId);
      if (queue.length > 0) tenant.waiting.set(conversationId, queue);
      this.waitingCount -= 1;
      waiter.resolve(this.grant(tenant, log));
    }
    if (wake !== Infinity) this.scheduleWake(wake, now);
  }

  private grant(tenant: TenantState, log: SendLog): Lease {
    tenant.log.start();
    log.start();
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        const now = this.clock.now();
        tenant.log.finish(now, this.tenantHorizonMs);
        log.finish(now, this.conversationHorizonMs);
        if (tenant.waiting.size > 0) this.pump(tenant, now);
        if (now - this.lastSweep >= this.sweepEveryMs) this.sweep();
      },
    };
  }

  private scheduleWake(at: number, now: number): void {
    if (at >= this.wakeAt) return;
    this.wakeAt = at;
    // Sleep in bounded steps, so a wake-up that an earlier one has superseded does not hold a timer for long.
    const delay = Math.min(Math.max(0, at - now), this.maxTimerMs);
    void this.sleep(delay).then(() => {
      if (this.wakeAt === at) this.wakeAt = Infinity;
      // Pumping recomputes every wait; a wake-up that came early (a bounded step) just schedules the next one.
      const later = this.clock.now();
      for (const tenant of this.tenants.values()) if (tenant.waiting.size > 0) this.pump(tenant, later);
    });
  }
}
