import type { Logger } from '../core/ports.js';
import type { OutboxWorker } from '../core/outbox-worker.js';
import type { RetentionService } from '../core/retention-service.js';
import type { SchedulerService } from '../core/scheduler-service.js';

/** Schedules fired per tick call. */
const TICK_BATCH = 100;

/** Tick calls per run at most, so a schedule that keeps failing cannot hold the loop. */
const MAX_TICK_ROUNDS = 50;

/**
 * The background loop: every tick fires due schedules and (once a day) applies retention; the outbox is drained
 * alongside, in a drain of its own that the ticks start and nudge.
 * @remarks The timer only triggers work; what is due lives in the database, so any instance can do it and a
 * restart loses nothing. Ticks never overlap, and `stop` waits for the running one and for the drain. A tick does not
 * wait for the drain: a drain lasts as long as there is something to send (minutes for a large tenant at Teams'
 * rate), and schedules fired meanwhile reach the drain at once through {@link OutboxWorker.nudge}, so a tenant whose
 * schedule fired late does not wait for the others' sends.
 */
export class SchedulerRunner {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private draining: Promise<void> | undefined;
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

  /** Starts ticking (no-op when the tick interval is 0); a "send now" queued on this instance reaches the drain at once. */
  start(): void {
    if (this.tickMs <= 0 || this.timer) return;
    this.scheduler.onQueued(() => this.nudge());
    this.timer = setInterval(() => void this.runOnce(), this.tickMs);
    this.timer.unref();
    void this.runOnce();
  }

  /** One tick: fire what is due (the drain sends it meanwhile), and run the daily retention job when it is due. */
  runOnce(): Promise<void> {
    if (this.running) return this.running;
    this.running = (async () => {
      try {
        // A tick fires at most a batch of schedules; keep going while whole batches come back (e.g. 1,000 teams at 09:00).
        let queued = false;
        for (let round = 0; round < MAX_TICK_ROUNDS && !this.stopping; round += 1) {
          const started = performance.now();
          const fired = await this.scheduler.tick(TICK_BATCH, () => {
            queued = true;
          });
          if (fired > 0) this.logger.debug({ fired, ms: Math.round(performance.now() - started) }, 'schedules fired');
          if (fired < TICK_BATCH) break;
        }
        // Everything due is fired before the drain takes it up: sends started meanwhile would take the event loop and
        // the database from the firing (which took 10–15 s instead of 1–2 s that way), and every tenant starts its
        // sends only once its schedules have fired, so the last firing, not the first, decides when the last tenant ends.
        if (queued) this.drainNow();
        else this.drain();
        await this.retention.runIfDue();
      } catch (error) {
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

  /** Something was queued: the running drain takes it up at once, or a drain starts. */
  private drainNow(): void {
    if (this.draining) this.worker.nudge();
    else this.drain();
  }

  /** Starts a drain unless one runs. */
  private drain(): void {
    if (this.draining || this.stopping) return;
    this.draining = this.worker
      .drain(() => this.stopping)
      .then(
        () => undefined,
        (error: unknown) => this.logger.error({ err: error }, 'outbox drain failed'),
      )
      .finally(() => {
        this.draining = undefined;
      });
  }

  /** Something was queued on this instance: the running drain takes it up at once, or a tick runs now. */
  nudge(): void {
    if (this.stopping || !this.timer) return;
    if (this.draining) {
      this.worker.nudge();
      return;
    }
    if (this.running) {
      this.again = true;
      return;
    }
    void this.runOnce();
  }

  /** Stops ticking and waits for the current tick and drain to finish. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.worker.nudge();
    await this.running;
    await this.draining;
    await this.worker.stop().catch((error: unknown) => this.logger.warn({ err: error }, 'could not let go of tenant send leases'));
  }
}
