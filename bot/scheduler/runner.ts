import type { Logger } from '../core/ports.js';
import type { OutboxWorker } from '../core/outbox-worker.js';
import type { RetentionService } from '../core/retention-service.js';
import type { SchedulerService } from '../core/scheduler-service.js';

/** Schedules fired per tick call. */
const TICK_BATCH = 100;

/** Tick calls per run at most, so a schedule that keeps failing cannot hold the loop. */
const MAX_TICK_ROUNDS = 50;

/**
 * The background loop: every tick fires due schedules, drains the outbox, and (once a day) applies retention.
 * @remarks The timer only triggers work; what is due lives in the database, so any instance can do it and a
 * restart loses nothing. Ticks never overlap, and `stop` waits for the running one.
 */
export class SchedulerRunner {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopping = false;
  private again = false;
  private completed = 0;

  constructor(
    private readonly scheduler: SchedulerService,
    private readonly worker: OutboxWorker,
    private readonly retention: RetentionService,
    private readonly logger: Logger,
    private readonly tickMs: number,
  ) {}

  /** Starts ticking (no-op when the tick interval is 0); a "send now" queued on this instance runs a tick at once. */
  start(): void {
    if (this.tickMs <= 0 || this.timer) return;
    this.scheduler.onQueued(() => this.nudge());
    this.timer = setInterval(() => void this.runOnce(), this.tickMs);
    this.timer.unref();
    void this.runOnce();
  }

  /** One tick: fire what is due, send what is queued, and run the daily retention job when it is due. */
  runOnce(): Promise<void> {
    if (this.running) return this.running;
    this.running = (async () => {
      let draining: Promise<number> | undefined;
      try {
        // A tick fires at most a batch of schedules; keep going while whole batches come back (e.g. 1,000 teams at 09:00).
        // The outbox is drained from the first batch on, while later batches fire, so the first sends do not wait for the last firing.
        for (let round = 0; round < MAX_TICK_ROUNDS && !this.stopping; round += 1) {
          const fired = await this.scheduler.tick(TICK_BATCH);
          draining ??= this.worker.drain(() => this.stopping);
          if (fired < TICK_BATCH) break;
        }
        await (draining ?? this.worker.drain(() => this.stopping));
        await this.retention.runIfDue();
      } catch (error) {
        await draining?.catch(() => undefined);
        this.logger.error({ err: error }, 'scheduler tick failed');
      } finally {
        this.completed += 1;
        this.running = undefined;
        if (this.again && !this.stopping) {
          this.again = false;
          void this.runOnce();
        }
      }
    })();
    return this.running;
  }

  /** How many ticks this instance has finished (shown on /healthz, so a test can wait for more ticks rather than sleep). */
  get ticks(): number {
    return this.completed;
  }

  /** Runs a tick now, or right after the running one (which may have claimed before the new row was queued). */
  nudge(): void {
    if (this.stopping || !this.timer) return;
    if (this.running) {
      this.again = true;
      return;
    }
    void this.runOnce();
  }

  /** Stops ticking and waits for the current tick to finish. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
    await this.worker.stop().catch((error: unknown) => this.logger.warn({ err: error }, 'could not let go of tenant send leases'));
  }
}
