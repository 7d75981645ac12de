import { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';
import type { Logger } from '../core/ports.js';
import { SendFailure } from '../core/delivery.js';
import { classifySendError } from './classify-send-error.js';
import { SlidingWindowLimiter, type LimiterSize, type WindowLimit } from './messenger/sliding-window-limiter.js';

/** What every failed send ends with (the core's type, re-exported for the Messenger's callers). */
export { SendFailure } from '../core/delivery.js';

/** Where a send goes, for pacing. */
export type SendTarget = { readonly tenantId: string; readonly conversationId: string };

/** The windows a Messenger keeps every conversation and every tenant within. */
export type RateLimits = { readonly perConversation: readonly WindowLimit[]; readonly perTenant: readonly WindowLimit[] };

/**
 * The Teams limits, optionally scaled (windows divided by `speedup`) for benches.
 * @remarks Per bot per conversation: 7 sends per second, 8 per 2 s, 60 per 30 s, 1,800 per hour; per app per tenant:
 * 50 requests per second.
 */
export function teamsRateLimits(speedup = 1): RateLimits {
  if (!(speedup > 0)) throw new RangeError(`speedup must be positive, got ${speedup}`);
  const scale = (count: number, seconds: number): WindowLimit => ({ count, windowMs: (seconds * 1000) / speedup });
  return {
    perConversation: [scale(7, 1), scale(8, 2), scale(60, 30), scale(1800, 3600)],
    perTenant: [scale(50, 1)],
  };
}

/** Options of a {@link Messenger}; every one has a default fit for production. */
export type MessengerOptions = {
  /** The windows to keep within (default: {@link teamsRateLimits}). */
  readonly limits?: RateLimits;
  /** Attempts per send, the first included (default 5). */
  readonly maxAttempts?: number;
  /** The back-off before the first retry; it doubles with every further one (default 1,000 ms). */
  readonly baseDelayMs?: number;
  /** The longest back-off; a Retry-After longer than this ends the send so a caller can reschedule it (default 30,000 ms). */
  readonly maxDelayMs?: number;
  /** A monotonic millisecond clock (default `performance.now`). */
  readonly clock?: { now(): number };
  readonly sleep?: (ms: number) => Promise<void>;
  /** Uniform in [0, 1), for jitter (default `Math.random`). */
  readonly random?: () => number;
  readonly logger?: Logger;
};

type TenantThrottle = { streak: number };

/** A check run right before every attempt (after pacing and back-off); it throws to stop the send, e.g. when the outbox lease is gone. */
export type SendGuard = () => Promise<void>;

const guards = new AsyncLocalStorage<SendGuard>();

/** Runs `work` so that every Messenger attempt inside it is preceded by `guard`. */
export function withSendGuard<T>(guard: SendGuard, work: () => Promise<T>): Promise<T> {
  return guards.run(guard, work);
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Paces and retries every write to Teams.
 * @remarks Every attempt first takes a slot under each window of its conversation and of its tenant (see
 * {@link SlidingWindowLimiter}), so retries are paced like first tries. A 429 pauses the whole tenant: for its
 * Retry-After, or, without one, for a shared back-off that doubles with every 429 in a row and resets on a success.
 * 412, 502, 503, 504, other retryable 5xx and socket errors are retried after an exponential back-off with equal
 * jitter (half fixed, half random), never shorter than a Retry-After the answer carried. 403 and 404 and other 4xx
 * end the send at once. The SDK's own retries must be switched off with {@link messengerConnectorOptions}, or each
 * attempt here may be up to four requests. A {@link SendGuard} set with {@link withSendGuard} runs before every
 * attempt; what it throws ends the send unclassified.
 */
export class Messenger {
  private readonly limiter: SlidingWindowLimiter;
  /** The windows this Messenger keeps every conversation and tenant within. */
  readonly limits: RateLimits;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly clock: { now(): number };
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly logger: Logger | undefined;
  private readonly throttles = new Map<string, TenantThrottle>();

  constructor(options: MessengerOptions = {}) {
    this.maxAttempts = Math.max(1, Math.floor(options.maxAttempts ?? 5));
    this.baseDelayMs = options.baseDelayMs ?? 1_000;
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
    this.clock = options.clock ?? { now: () => performance.now() };
    this.sleep = options.sleep ?? defaultSleep;
    this.random = options.random ?? Math.random;
    this.logger = options.logger;
    this.limits = options.limits ?? teamsRateLimits();
    this.limiter = new SlidingWindowLimiter(this.limits, this.clock, this.sleep);
  }

  /**
   * Waits for a slot under every limit for the target, runs `attempt`, retries transient failures with back-off and
   * jitter (honouring Retry-After, and pausing the whole tenant while it is throttled); throws SendFailure when it
   * gives up or on a permanent failure.
   */
  async send<T>(target: SendTarget, attempt: () => Promise<T>): Promise<T> {
    for (let attemptNumber = 1; ; attemptNumber += 1) {
      const lease = await this.limiter.acquire(target.tenantId, target.conversationId);
      let failure: SendFailure;
      try {
        await guards.getStore()?.();
      } catch (error) {
        lease.release();
        throw error;
      }
      try {
        const result = await attempt();
        lease.release();
        this.throttles.delete(target.tenantId);
        return result;
      } catch (error) {
        lease.release();
        failure = classifySendError(error);
      }
      const fields = { tenantId: target.tenantId, conversationId: target.conversationId, attempt: attemptNumber, reason: failure.reason, statusCode: failure.statusCode };
      if (failure.permanent) {
        this.logger?.warn({ ...fields, err: failure }, 'send failed permanently');
        throw failure;
      }
      const delay = this.retryDelay(target.tenantId, failure, attemptNumber);
      if (attemptNumber >= this.maxAttempts || delay > this.maxDelayMs) {
        this.logger?.warn({ ...fields, retryAfterMs: failure.retryAfterMs, err: failure }, 'send gave up');
        throw new SendFailure(failure.reason, false, { statusCode: failure.statusCode, retryAfterMs: failure.retryAfterMs, message: `Gave up after ${attemptNumber} attempt(s): ${failure.message}` });
      }
      this.logger?.debug({ ...fields, delayMs: Math.round(delay) }, 'send will be retried');
      await this.sleep(delay);
    }
  }

  /** How many tenants and conversations the pacing holds, and how many sends wait for a slot. */
  pacingSize(): LimiterSize {
    return this.limiter.size();
  }

  /** The wait before the next attempt; for a 429 it also pauses the tenant for that long. */
  private retryDelay(tenantId: string, failure: SendFailure, attemptNumber: number): number {
    if (failure.reason !== 'throttled') return Math.max(this.backoff(attemptNumber), failure.retryAfterMs ?? 0);
    const throttle = this.throttles.get(tenantId) ?? { streak: 0 };
    throttle.streak += 1;
    this.throttles.set(tenantId, throttle);
    const pause = failure.retryAfterMs ?? this.backoff(throttle.streak);
    this.limiter.pauseTenant(tenantId, this.clock.now() + pause);
    return pause;
  }

  /** Exponential back-off with equal jitter: in [d/2, d) for d = min(maxDelay, base × 2^(n−1)). */
  private backoff(attemptNumber: number): number {
    const ceiling = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attemptNumber - 1));
    return ceiling / 2 + (this.random() * ceiling) / 2;
  }
}

export { messengerConnectorOptions } from './messenger/connector-client-options.js';

/**
 * How many outbox rows one claim of a tenant should take: what the tenant's rate lets through in a third of the lease
 * (a row is at least one request), at least one window's burst, at most `batchSize`.
 * @remarks Every row of a claim is leased, and its lease renewed, until it is sent: a claim that outlives its lease many
 * times rewrites its waiting rows on every renewal (at Teams' real rate 250 rows take 10 s against a 120-s lease; a
 * tenant paced 20× slower with a 10-s lease, as in `npm run bench:sector`, took 200 s and bloated the table).
 */
export function claimRows(limits: RateLimits, leaseMs: number, batchSize: number): number {
  const tightest = limits.perTenant.reduce<WindowLimit | undefined>((slowest, window) => (!slowest || window.count / window.windowMs < slowest.count / slowest.windowMs ? window : slowest), undefined);
  if (!tightest) return batchSize;
  const inThirdOfLease = Math.floor((tightest.count * leaseMs) / 3 / tightest.windowMs);
  return Math.max(1, Math.min(batchSize, Math.max(Math.ceil(tightest.count / 2), inThirdOfLease)));
}
