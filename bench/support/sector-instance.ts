/**
 * One instance of `npm run bench:sector`, run as a child process: the background loop of the real app (scheduler
 * tick, outbox worker with tenant send leases, TeamsDeliveryHandler, BotConnector, Messenger), composed by
 * `buildServices` over PostgreSQL, with the bench's scaled Teams limits.
 *
 * IPC: sends `ready` once its storage is open and its worker has announced itself (a drain that finds nothing yet);
 * starts the loop on `go`; answers `report` with its CPU time since `go`, peak memory and what it logged; exits on
 * `stop` after stopping the loop (letting its tenants go).
 */
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { buildServices, systemClock } from '../../bot/compose.js';
import { loadConfig } from '../../bot/config.js';
import type { Logger } from '../../bot/core/ports.js';
import { RetentionService } from '../../bot/core/retention-service.js';
import { loadCourses } from '../../bot/course/load-courses.js';
import { SchedulerRunner } from '../../bot/scheduler/runner.js';
import { openStorage } from '../../bot/storage/open-storage.js';
import { Messenger, teamsRateLimits } from '../../bot/teams/messenger.js';

/** What the bench tells an instance. */
export type SectorInstanceOptions = {
  readonly databaseUrl: string;
  /** Every Teams window is divided by it (below 1: longer windows, lower rates). */
  readonly speedup: number;
  readonly leaseSeconds: number;
  readonly tickSeconds: number;
  /** Print warnings and errors to stderr as they come (else only counted). */
  readonly verbose: boolean;
  /** Print the worker's debug lines (each send round: tenants held, lanes, rows handled, how long it took). */
  readonly trace?: boolean;
};

/** What an instance reports. */
export type SectorInstanceReport = {
  readonly pid: number;
  /** User + system CPU since `go`, in microseconds. */
  readonly cpuUs: number;
  readonly peakRssMiB: number;
  readonly peakHeapMiB: number;
  /** Heap in use right after a full garbage collection at the end of the run: what the instance still holds. */
  readonly retainedHeapMiB: number;
  /** Log lines at warn and error, counted by message. */
  readonly logged: Readonly<Record<string, number>>;
  /** Sends the Messenger retried. */
  readonly retries: number;
};

/** Messages from an instance. */
export type SectorInstanceMessage = { readonly type: 'ready' } | { readonly type: 'report'; readonly report: SectorInstanceReport };

/** 32 fixed bytes: the bench's data key (nothing sealed here is secret); the seeding uses the same. */
export const sectorDataKey = Buffer.alloc(32, 0x53);

/** A full garbage collection (V8's `gc`, exposed for this call only). */
function fullGc(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

async function main(): Promise<void> {
  const send = process.send?.bind(process);
  if (!send) throw new Error('Run by bench/sector.ts, with an IPC channel.');
  const options = JSON.parse(process.argv[2] ?? '{}') as SectorInstanceOptions;
  const logged: Record<string, number> = {};
  let retries = 0;
  const note = (level: string) => (fields: Record<string, unknown>, message: string) => {
    logged[message] = (logged[message] ?? 0) + 1;
    if (options.verbose) process.stderr.write(`[${process.pid} ${level}] ${message} ${JSON.stringify(fields, (key, value: unknown) => (key === 'err' && value instanceof Error ? value.message : value))}\n`);
  };
  const logger: Logger = {
    debug: (fields, message) => {
      if (message === 'send will be retried') retries += 1;
      if (options.trace && message !== 'send will be retried') process.stderr.write(`[${process.pid} ${(performance.now() / 1000).toFixed(1)}] ${message} ${JSON.stringify(fields)}\n`);
    },
    info: () => undefined,
    warn: note('warn'),
    error: note('error'),
  };
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: options.databaseUrl,
    SCHEDULER_TICK_SECONDS: String(options.tickSeconds),
    OUTBOX_LEASE_SECONDS: String(options.leaseSeconds),
    PORT: '0',
  });
  const storage = await openStorage(config.storage, sectorDataKey);
  const { catalog: courses } = await loadCourses();
  const messenger = new Messenger({ limits: teamsRateLimits(options.speedup), logger });
  const services = buildServices({
    config,
    dataKey: storage.dataKey,
    repositories: storage.repositories,
    courses,
    clock: systemClock,
    logger,
    messenger,
    // The hand-over covers Teams' 2-second window, scaled like the others.
    outboxOptions: { handoverMs: 2_000 / options.speedup },
  });
  const retention = new RetentionService({ retention: storage.repositories.retention, clock: systemClock, logger, options: config.retention });
  const runner = new SchedulerRunner(services.scheduler, services.outboxWorker, retention, logger, config.scheduler.tickMs);
  // Announce this worker (its heartbeat) before anything is due, so each instance takes its fair share from the start.
  await services.outboxWorker.drain();

  let cpuAtGo = process.cpuUsage();
  let peakRss = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  }, 100);
  sampler.unref();

  process.on('message', (message: { type?: string }) => {
    if (message.type === 'go') {
      cpuAtGo = process.cpuUsage();
      runner.start();
    }
    if (message.type === 'report') {
      const cpu = process.cpuUsage(cpuAtGo);
      fullGc();
      const report: SectorInstanceReport = {
        pid: process.pid,
        cpuUs: cpu.user + cpu.system,
        peakRssMiB: Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 2 ** 20,
        peakHeapMiB: peakHeap / 2 ** 20,
        retainedHeapMiB: process.memoryUsage().heapUsed / 2 ** 20,
        logged,
        retries,
      };
      send({ type: 'report', report } satisfies SectorInstanceMessage);
    }
    if (message.type === 'stop') {
      void runner
        .stop()
        .then(() => storage.close())
        .finally(() => process.exit(0));
    }
  });
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready' } satisfies SectorInstanceMessage);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
