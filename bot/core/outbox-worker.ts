import { DeliveryFailedError, LeaseLostError, type DeliveryContext, type OutboxItem } from './delivery.js';
import type { Clock, DeliveryHandler, Logger, OutboxRepository } from './ports.js';

/** Options for draining the outbox. */
export type OutboxWorkerOptions = {
  /** How long a claimed row is reserved for this worker. */
  readonly leaseMs: number;
  /** Rows claimed per round. */
  readonly batchSize: number;
  /** Sends in flight at once (the messenger paces them under Teams' limits). */
  readonly concurrency: number;
  /** Attempts before a row is given up as failed. */
  readonly maxAttempts: number;
  /** First retry delay; doubles per attempt, with jitter. */
  readonly retryBaseMs: number;
  /** How often the leases of a batch still being sent are renewed (default a third of the lease; 0: never, for tests). */
  readonly renewEveryMs?: number;
  readonly random?: () => number;
};

/**
 * Sends outbox rows: claims a batch with a fenced lease, sends with bounded concurrency, records the sent activity id,
 * retries transient failures later and gives up on permanent ones with their reason.
 * @remarks Every write names the lease token of the claim. While a batch is being sent its leases are renewed, and
 * each write to Teams first renews the row's lease; when another worker has claimed the row since (this one stalled
 * past its lease), the row is dropped here without sending or recording anything.
 */
export class OutboxWorker {
  constructor(
    private readonly deps: {
      readonly outbox: OutboxRepository;
      readonly handler: DeliveryHandler;
      readonly clock: Clock;
      readonly logger: Logger;
      readonly options: OutboxWorkerOptions;
    },
  ) {}

  /** Sends until nothing is due or `shouldStop` says so; returns how many rows were handled. */
  async drain(shouldStop: () => boolean = () => false): Promise<number> {
    let handled = 0;
    while (!shouldStop()) {
      const batch = await this.deps.outbox.claim(this.deps.clock.now(), this.deps.options.leaseMs, this.deps.options.batchSize);
      if (batch.length === 0) return handled;
      await this.sendAll(batch);
      handled += batch.length;
    }
    return handled;
  }

  private async sendAll(batch: readonly OutboxItem[]): Promise<void> {
    const queue = [...batch];
    const pending = new Set(batch);
    const renewEveryMs = this.deps.options.renewEveryMs ?? this.deps.options.leaseMs / 3;
    const timer = renewEveryMs > 0 ? setInterval(() => void this.renewAll(pending), renewEveryMs) : undefined;
    timer?.unref();
    try {
      const lanes = Array.from({ length: Math.min(this.deps.options.concurrency, queue.length) }, async () => {
        for (let item = queue.shift(); item; item = queue.shift()) {
          await this.sendOne(item);
          pending.delete(item);
        }
      });
      await Promise.all(lanes);
    } finally {
      if (timer) clearInterval(timer);
    }
  }

  private async renewAll(items: ReadonlySet<OutboxItem>): Promise<void> {
    const until = new Date(this.deps.clock.now().getTime() + this.deps.options.leaseMs);
    for (const item of [...items]) {
      await this.deps.outbox.renew(item.id, item.leaseToken, until).catch((error: unknown) => this.deps.logger.warn({ err: error, outboxId: item.id }, 'lease renewal failed'));
    }
  }

  private context(item: OutboxItem): DeliveryContext {
    const { outbox, clock, options } = this.deps;
    return {
      remember: async (payload) => {
        if (!(await outbox.remember(item.id, item.leaseToken, payload))) throw new LeaseLostError(item.id);
      },
      holdLease: async () => {
        if (!(await outbox.renew(item.id, item.leaseToken, new Date(clock.now().getTime() + options.leaseMs)))) throw new LeaseLostError(item.id);
      },
      claimPost: (postKey) => outbox.claimPost(item.team, postKey, item.id, clock.now()),
    };
  }

  private async sendOne(item: OutboxItem): Promise<void> {
    const { outbox, handler, clock, logger, options } = this.deps;
    try {
      const { activityId } = await handler.deliver(item, this.context(item));
      if (!(await outbox.markSent(item.id, item.leaseToken, activityId, clock.now()))) this.leaseLost(item, 'sent');
    } catch (error) {
      if (error instanceof LeaseLostError) return this.leaseLost(item, 'not sent');
      const failure = error instanceof DeliveryFailedError ? error : undefined;
      const reason = failure?.reason ?? (error instanceof Error ? error.message : String(error));
      if (failure?.permanent || item.attempts >= options.maxAttempts) {
        logger.warn({ outboxId: item.id, teamId: item.team.teamId, reason, attempts: item.attempts }, 'delivery failed');
        if (!(await outbox.markFailed(item.id, item.leaseToken, failure?.permanent ? reason : `gaveUp:${reason}`, clock.now()))) this.leaseLost(item, 'failed');
        return;
      }
      if (!failure) logger.error({ err: error, outboxId: item.id }, 'delivery crashed; will retry');
      const backoff = options.retryBaseMs * 2 ** (item.attempts - 1) * (0.5 + (options.random ?? Math.random)());
      const delay = Math.max(failure?.retryAfterMs ?? 0, backoff);
      if (!(await outbox.markRetry(item.id, item.leaseToken, new Date(clock.now().getTime() + delay), reason, clock.now()))) this.leaseLost(item, 'retry');
    }
  }

  private leaseLost(item: OutboxItem, outcome: string): void {
    this.deps.logger.warn({ outboxId: item.id, teamId: item.team.teamId, outcome }, 'outbox lease lost to another worker; outcome not recorded');
  }
}
