import { DeliveryFailedError, type OutboxItem } from './delivery.js';
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
  readonly random?: () => number;
};

/**
 * Sends outbox rows: claims a batch with a lease, sends with bounded concurrency, records the sent activity id,
 * retries transient failures later and gives up on permanent ones with their reason.
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
    const lanes = Array.from({ length: Math.min(this.deps.options.concurrency, queue.length) }, async () => {
      for (let item = queue.shift(); item; item = queue.shift()) await this.sendOne(item);
    });
    await Promise.all(lanes);
  }

  private async sendOne(item: OutboxItem): Promise<void> {
    const { outbox, handler, clock, logger, options } = this.deps;
    try {
      const { activityId } = await handler.deliver(item, (payload) => outbox.remember(item.id, payload));
      await outbox.markSent(item.id, activityId, clock.now());
    } catch (error) {
      const failure = error instanceof DeliveryFailedError ? error : undefined;
      const reason = failure?.reason ?? (error instanceof Error ? error.message : String(error));
      if (failure?.permanent || item.attempts >= options.maxAttempts) {
        logger.warn({ outboxId: item.id, teamId: item.team.teamId, reason, attempts: item.attempts }, 'delivery failed');
        await outbox.markFailed(item.id, failure?.permanent ? reason : `gaveUp:${reason}`, clock.now());
        return;
      }
      if (!failure) logger.error({ err: error, outboxId: item.id }, 'delivery crashed; will retry');
      const backoff = options.retryBaseMs * 2 ** (item.attempts - 1) * (0.5 + (options.random ?? Math.random)());
      const delay = Math.max(failure?.retryAfterMs ?? 0, backoff);
      await outbox.markRetry(item.id, new Date(clock.now().getTime() + delay), reason, clock.now());
    }
  }
}
