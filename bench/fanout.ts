/**
 * `npm run bench:fanout` — one lesson to 1,000 channels and a reminder to 10,000 people, against a fake Bot Connector
 * that enforces Teams' limits and fails 2% of calls with a transient 5xx. Prints the total time against the floor
 * those limits allow (the ratio; goal ≤ 1.15), messages sent, duplicates (must be 0), lost (must be 0) and peak
 * memory. Never asserts on timings; exits 1 only on duplicates or losses.
 *
 * Two drivers deliver the same work:
 * - `outbox` (default): the real pipeline. 1,000 teams, each set up with a lesson schedule that is due, and one team
 *   of 10,000 members (`--reminder-teams` splits them) with a due reminder, are seeded through the repositories into
 *   a fresh database (a SQLite file, or a new PostgreSQL schema with `--engine postgres`). The timed part is what the
 *   background loop does: `SchedulerService.tick()` (fires the schedules: one delivery per occurrence, one outbox row
 *   per target) and `OutboxWorker.drain()` (claims rows, renders the real lesson and reminder cards, sends through
 *   the TeamsDeliveryHandler, BotConnector and Messenger, records each row as sent), built by `buildServices` from
 *   `bot/compose.ts` with its worker options and the bench's scaled Messenger. Reminders always create the 1:1
 *   conversation first (as `BotConnector.sendPersonal` does): two requests each. The fake keys messages by
 *   conversation (`dedupeBy: 'conversation'`), since the cards are the app's own.
 * - `direct`: the Messenger and the BotConnector straight from a concurrency-limited loop, with bench cards, no
 *   database: the transport on its own, for comparison.
 *
 * Every limit and window is scaled by the same factor (`--speedup`): windows are divided by it, so the floor and the
 * measurement share one scale. Under one tenant's 50 requests/s, 11,000 requests have a floor of 220 s unscaled;
 * the outbox driver's 21,000 (1,000 + 2 × 10,000) have one of 420 s.
 *
 * Process layout (loopback): this process runs the driver, the Messenger, the BotConnector and botbuilder's
 * Bot Connector clients (`ConnectorClients`, with `messengerConnectorOptions`, so the SDK does not retry on its own) and, for the outbox driver,
 * the database (SQLite in process; PostgreSQL is a server of its own); the fake Bot Connector
 * (`bench/fake-teams-connector.ts`) runs in a child process so its work and memory are not counted as ours.
 *
 * Options (flags win over environment variables):
 *   --driver D       (BENCH_DRIVER, outbox)    outbox: scheduler tick → outbox → worker; direct: see above
 *   --engine E       (BENCH_ENGINE, sqlite)    outbox driver's database: sqlite (temp file) or postgres (a new schema
 *                                              on TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test)
 *   --speedup N      (BENCH_SPEEDUP, 2)        windows divided by N; the run takes about 220/N s (outbox: 420/N s)
 *   --concurrency N  (BENCH_CONCURRENCY, 32)   direct driver: sends in flight or waiting for a slot at once
 *   --batch-size N   (BENCH_BATCH_SIZE)        outbox driver: override the worker's rows per claim (compose.ts)
 *   --worker-concurrency N (BENCH_WORKER_CONCURRENCY) outbox driver: override the worker's sends in flight
 *   --channels N     (BENCH_CHANNELS, 1000)    one lesson per channel, one channel per team
 *   --people N       (BENCH_PEOPLE, 10000)     one reminder per person, in 1:1 chat
 *   --reminder-teams N (BENCH_REMINDER_TEAMS, 1) outbox driver: the people split over N teams, a due reminder each
 *   --failure-rate R (BENCH_FAILURE_RATE, 0.02)
 *   --seed N         (BENCH_SEED, 1)
 *   --personal M     (BENCH_PERSONAL, stored)  direct driver only. stored: the 1:1 conversation exists (its reference
 *                                              was kept), one request per reminder; create: create it first, two requests
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ConfigurationBotFrameworkAuthentication, type ConversationParameters } from 'botbuilder';
import { ConnectorClients } from '../bot/teams/connector-clients.js';
import type { AdaptiveCard } from '../cards/models.js';
import { buildServices, systemClock } from '../bot/compose.js';
import { loadConfig, type StorageConfig } from '../bot/config.js';
import type { Logger } from '../bot/core/ports.js';
import type { Team, TeamMember, TeamRef } from '../bot/core/team.js';
import { loadCourses } from '../bot/course/load-courses.js';
import { openStorage, type Storage } from '../bot/storage/open-storage.js';
import { BotConnector } from '../bot/teams/bot-connector.js';
import { Messenger, SendFailure, messengerConnectorOptions, teamsRateLimits, type RateLimits } from '../bot/teams/messenger.js';
import { createTestStorage, type TestStorage } from '../tests/helpers/engines.js';
import type { FakeTeamsChildMessage, FakeTeamsOptions, FakeTeamsReport } from './fake-teams-connector.js';
import { benchEnrollment } from './support/bench-enrollment.js';

/** The run's settings. */
type BenchOptions = {
  readonly driver: 'outbox' | 'direct';
  readonly engine: StorageConfig['engine'];
  readonly speedup: number;
  readonly concurrency: number;
  readonly batchSize: number | undefined;
  readonly workerConcurrency: number | undefined;
  readonly channels: number;
  readonly people: number;
  readonly reminderTeams: number;
  readonly failureRate: number;
  readonly seed: number;
  readonly personal: 'stored' | 'create';
};

/** One message to deliver, with the dedupe key the fake records it under. */
type Job =
  | { readonly kind: 'lesson'; readonly key: string; readonly team: Team; readonly channelId: string }
  | { readonly kind: 'reminder'; readonly key: string; readonly team: Team; readonly userId: string; readonly conversationId: string };

/** What a driver reports: the keys it saw fail for good, with the reason, and lines of its own to print. */
type DeliveryOutcome = { readonly failed: readonly { readonly key: string; readonly reason: string }[]; readonly notes?: readonly string[] };

/** Everything a driver may use. */
type DriverContext = {
  readonly connector: BotConnector;
  readonly messenger: Messenger;
  readonly clients: ConnectorClients;
  readonly logger: Logger;
  readonly options: BenchOptions;
};

/** Delivers every job (`deliverDirect`), or the work the jobs describe through the durable outbox (`deliverThroughOutbox`). */
type Driver = {
  /** Untimed: whatever must exist before the clock starts (the outbox driver seeds its database here). */
  prepare?(jobs: readonly Job[], context: DriverContext): Promise<void>;
  /** Timed. */
  run(jobs: readonly Job[], context: DriverContext): Promise<DeliveryOutcome>;
  /** Untimed: releases what `prepare` made. */
  dispose?(): Promise<void>;
};

const tenantId = 'tenant-1';
const botAppId = 'local-mode-bot';

function readOptions(): BenchOptions {
  const { values } = parseArgs({
    options: {
      driver: { type: 'string' },
      engine: { type: 'string' },
      speedup: { type: 'string' },
      concurrency: { type: 'string' },
      'batch-size': { type: 'string' },
      'worker-concurrency': { type: 'string' },
      channels: { type: 'string' },
      people: { type: 'string' },
      'reminder-teams': { type: 'string' },
      'failure-rate': { type: 'string' },
      seed: { type: 'string' },
      personal: { type: 'string' },
    },
  });
  const number = (flag: string | undefined, env: string | undefined, fallback: number): number => {
    const value = Number(flag ?? env ?? fallback);
    if (!Number.isFinite(value) || value < 0) throw new Error(`Not a usable number: ${flag ?? env}`);
    return value;
  };
  const optionalCount = (flag: string | undefined, env: string | undefined): number | undefined =>
    flag === undefined && env === undefined ? undefined : Math.max(1, Math.floor(number(flag, env, 1)));
  const personal = values.personal ?? process.env.BENCH_PERSONAL ?? 'stored';
  if (personal !== 'stored' && personal !== 'create') throw new Error(`--personal is stored or create, not ${personal}`);
  const driver = values.driver ?? process.env.BENCH_DRIVER ?? 'outbox';
  if (driver !== 'outbox' && driver !== 'direct') throw new Error(`--driver is outbox or direct, not ${driver}`);
  const engine = values.engine ?? process.env.BENCH_ENGINE ?? 'sqlite';
  if (engine !== 'sqlite' && engine !== 'postgres') throw new Error(`--engine is sqlite or postgres, not ${engine}`);
  return {
    driver,
    engine,
    speedup: number(values.speedup, process.env.BENCH_SPEEDUP, 2),
    concurrency: Math.max(1, Math.floor(number(values.concurrency, process.env.BENCH_CONCURRENCY, 32))),
    batchSize: optionalCount(values['batch-size'], process.env.BENCH_BATCH_SIZE),
    workerConcurrency: optionalCount(values['worker-concurrency'], process.env.BENCH_WORKER_CONCURRENCY),
    channels: Math.floor(number(values.channels, process.env.BENCH_CHANNELS, 1000)),
    people: Math.floor(number(values.people, process.env.BENCH_PEOPLE, 10_000)),
    reminderTeams: Math.max(1, Math.floor(number(values['reminder-teams'], process.env.BENCH_REMINDER_TEAMS, 1))),
    failureRate: number(values['failure-rate'], process.env.BENCH_FAILURE_RATE, 0.02),
    seed: Math.floor(number(values.seed, process.env.BENCH_SEED, 1)),
    personal,
  };
}

/** A small card whose first element's id is the dedupe key (see `dedupeKeyOf` in the fake). */
function benchCard(key: string, text: string): AdaptiveCard {
  return { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', id: key, text, wrap: true }] };
}

/**
 * The work: a lesson per channel and a reminder per person. For the direct driver the reminders are spread over the
 * lesson teams and keyed by the bench card; for the outbox driver they belong to `--reminder-teams` teams of their
 * own (the roster a reminder fans out to) and are keyed by where they go, as the fake records them then.
 */
function buildJobs(options: BenchOptions, serviceUrl: string): Job[] {
  const team = (teamId: string, name: string): Team => ({ tenantId, teamId, name, status: 'active', serviceUrl, aadGroupId: undefined });
  const teams: Team[] = Array.from({ length: Math.max(1, options.channels) }, (_, index) => team(`19:team-${index}@thread.tacv2`, `Team ${index}`));
  const reminderTeams: Team[] =
    options.driver === 'outbox' ? Array.from({ length: options.reminderTeams }, (_, index) => team(`19:reminder-team-${index}@thread.tacv2`, `Reminder team ${index}`)) : teams;
  const byConversation = options.driver === 'outbox';
  const jobs: Job[] = [];
  for (let index = 0; index < options.channels; index += 1) {
    const channelId = `19:channel-${index}@thread.tacv2`;
    jobs.push({ kind: 'lesson', key: byConversation ? `thread:${channelId}` : `lesson:${index}`, team: teams[index]!, channelId });
  }
  for (let index = 0; index < options.people; index += 1) {
    const userId = `29:user-${index}`;
    const conversationId = `a:personal-${userId}`;
    jobs.push({ kind: 'reminder', key: byConversation ? `conversation:${conversationId}` : `reminder:${index}`, team: reminderTeams[index % reminderTeams.length]!, userId, conversationId });
  }
  return jobs;
}

/** Runs `work` over the items with at most `concurrency` at once: lanes share one iterator (`for … of`). */
async function forEachWithLimit<T>(items: Iterable<T>, concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = items[Symbol.iterator]();
  const shared: Iterable<T> = { [Symbol.iterator]: () => ({ next: () => queue.next() }) };
  const lane = async (): Promise<void> => {
    for (const item of shared) await work(item);
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
}

/** Creates the 1:1 conversation, as a first send of its own (one request, one slot). */
async function createPersonalConversation(job: Extract<Job, { kind: 'reminder' }>, context: DriverContext): Promise<string> {
  const parameters = {
    isGroup: false,
    bot: { id: botAppId, name: 'Lærekraft' },
    members: [{ id: job.userId, name: '' }],
    tenantId: job.team.tenantId,
    channelData: { tenant: { id: job.team.tenantId } },
  } as ConversationParameters;
  return context.messenger.send({ tenantId: job.team.tenantId, conversationId: `user:${job.userId}` }, async () => {
    const client = await context.clients.client(job.team.serviceUrl);
    return (await client.conversations.createConversation(parameters)).id;
  });
}

/**
 * The first driver: the Messenger and the BotConnector straight from a concurrency-limited loop, as the outbox
 * worker will call them. Channel lessons start a thread (`postToChannel`); reminders post into the person's 1:1
 * conversation (`replyInThread` posts to any conversation id), creating it first with `--personal create`.
 */
const deliverDirect: Driver = {
  async run(jobs, context) {
    const failed: { key: string; reason: string }[] = [];
    await forEachWithLimit(jobs, context.options.concurrency, async (job) => {
      try {
        if (job.kind === 'lesson') {
          await context.connector.postToChannel(job.team, job.channelId, benchCard(job.key, 'Leksjon 1: Hva er bærekraftig utvikling?'));
        } else {
          const conversationId = context.options.personal === 'create' ? await createPersonalConversation(job, context) : job.conversationId;
          await context.connector.replyInThread(job.team, conversationId, benchCard(job.key, 'Påminnelse: kurset ditt venter på deg.'));
        }
      } catch (error) {
        failed.push({ key: job.key, reason: error instanceof SendFailure ? `${error.reason}${error.statusCode ? ` ${error.statusCode}` : ''}` : String(error) });
      }
    });
    return { failed };
  },
};

/** 32 fixed bytes: the outbox driver's data key (nothing sealed here is secret). */
const benchDataKey = Buffer.alloc(32, 0x42);


/** A fresh database for the outbox driver: a SQLite file in a temp folder, or a new PostgreSQL schema. */
async function benchStorage(engine: StorageConfig['engine']): Promise<{ readonly config: StorageConfig; dispose(): Promise<void> }> {
  if (engine === 'postgres') {
    const storage: TestStorage = await createTestStorage('postgres');
    return storage;
  }
  const dir = await mkdtemp(join(tmpdir(), 'lk-bench-fanout-'));
  return { config: { engine: 'sqlite', path: join(dir, 'laerekraft.db') }, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * The durable pipeline, as the background loop runs it: the jobs become teams with due schedules in a fresh database
 * (untimed); the timed part fires the schedules (`SchedulerService.tick`, which writes one outbox row per target in
 * the transaction that advances each schedule) and drains the outbox (`OutboxWorker.drain`), with the services and
 * worker options of `buildServices` and the bench's scaled Messenger. Tick and drain alternate until nothing is due
 * and nothing is queued, as `SchedulerRunner.runOnce` does (without the wait between ticks).
 */
function deliverThroughOutbox(): Driver {
  let database: { readonly config: StorageConfig; dispose(): Promise<void> } | undefined;
  let storage: Storage | undefined;
  let services: ReturnType<typeof buildServices> | undefined;
  let seeded = '';
  return {
    async prepare(jobs, context) {
      const started = performance.now();
      database = await benchStorage(context.options.engine);
      storage = await openStorage(database.config, benchDataKey);
      const { repositories } = storage;
      const { catalog: courses } = await loadCourses();
      const courseId = courses.defaultCourse().id;
      const config = loadConfig({
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        SCHEDULER_TICK_SECONDS: '0',
        ...(database.config.engine === 'sqlite' ? { SQLITE_PATH: database.config.path } : { DATABASE_URL: database.config.url }),
      });
      const at = new Date();
      const dueAt = new Date(at.getTime() - 1000);
      const dueDate = '2031-06-13';
      // Lesson teams: the team, its channel, a small roster (the lesson card counts readers) and a due lesson.
      for (const job of jobs) {
        if (job.kind !== 'lesson') continue;
        await repositories.teams.upsert(job.team, at);
        await repositories.teams.replaceChannels(job.team, [{ channelId: job.channelId, name: 'Kurs' }], at);
        const members: TeamMember[] = Array.from({ length: 5 }, (_, index) => ({ userId: `aad-${job.channelId}-${index}`, teamsUserId: `29:${job.channelId}-${index}`, name: `Person ${index}` }));
        await repositories.teams.upsertMembers(job.team, members, at);
        await repositories.enrollments.save(benchEnrollment(job.team, courseId, job.channelId, undefined));
        await repositories.schedules.plan({ ...job.team, courseId }, 'lesson', dueAt, at);
      }
      // Reminder teams: the roster the reminder fans out to (nobody has read anything), mandatory with a due date.
      const rosters = new Map<string, { team: Team; members: TeamMember[] }>();
      for (const job of jobs) {
        if (job.kind !== 'reminder') continue;
        const roster = rosters.get(job.team.teamId) ?? { team: job.team, members: [] };
        roster.members.push({ userId: `aad-${job.userId}`, teamsUserId: job.userId, name: `Person ${job.userId}` });
        rosters.set(job.team.teamId, roster);
      }
      for (const { team, members } of rosters.values()) {
        await repositories.teams.upsert(team, at);
        await repositories.teams.replaceChannels(team, [{ channelId: team.teamId, name: '' }], at);
        await repositories.teams.upsertMembers(team, members, at);
        await repositories.enrollments.save(benchEnrollment(team, courseId, team.teamId, dueDate));
        await repositories.schedules.plan({ ...team, courseId }, 'reminder', dueAt, at);
      }
      services = buildServices({
        config,
        dataKey: storage.dataKey,
        repositories,
        courses,
        clock: systemClock,
        logger: context.logger,
        messenger: context.messenger,
        outboxOptions: {
          // The worker's retry delay is a window like the others: scaled with them.
          retryBaseMs: 5_000 / context.options.speedup,
          ...(context.options.batchSize ? { batchSize: context.options.batchSize } : {}),
          ...(context.options.workerConcurrency ? { concurrency: context.options.workerConcurrency } : {}),
        },
      });
      seeded = `seeded ${database.config.engine} in ${fmt((performance.now() - started) / 1000)} s (untimed): ${jobs.filter((job) => job.kind === 'lesson').length} teams with a due lesson, ${rosters.size} team(s) with a due reminder to ${jobs.length - jobs.filter((job) => job.kind === 'lesson').length} members`;
    },

    async run(jobs) {
      if (!services || !storage) throw new Error('prepare first');
      const { scheduler, outboxWorker } = services;
      let ticks = 0;
      let fired = 0;
      let tickMs = 0;
      let longestTickMs = 0;
      let drainMs = 0;
      for (;;) {
        const tickStarted = performance.now();
        const firedNow = await scheduler.tick();
        const drainStarted = performance.now();
        const handled = await outboxWorker.drain();
        tickMs += drainStarted - tickStarted;
        longestTickMs = Math.max(longestTickMs, drainStarted - tickStarted);
        drainMs += performance.now() - drainStarted;
        ticks += 1;
        fired += firedNow;
        if (firedNow > 0 || handled > 0) continue;
        // A row may wait for a retry (the worker's back-off); wait for it as the next tick would.
        if ((await storage.repositories.outbox.pendingCount()) === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const db = storage.database.db;
      const rows = await db.selectFrom('outbox').select(['target_key', 'team_id', 'status', 'last_error']).execute();
      const byStatus = new Map<string, number>();
      for (const row of rows) byStatus.set(row.status, (byStatus.get(row.status) ?? 0) + 1);
      const keyOf = new Map(jobs.map((job) => [job.kind === 'lesson' ? job.team.teamId : `${job.team.teamId}\u0000aad-${job.userId}`, job.key]));
      const failed = rows
        .filter((row) => row.status !== 'sent')
        .map((row) => ({ key: keyOf.get(row.target_key === 'channel' ? row.team_id : `${row.team_id}\u0000${row.target_key}`) ?? row.target_key, reason: `${row.status}: ${row.last_error ?? ''}` }));
      return {
        failed,
        notes: [
          seeded,
          `pipeline: ${ticks} tick+drain rounds fired ${fired} schedules; scheduler ticks ${fmt(tickMs / 1000)} s (longest ${fmt(longestTickMs / 1000)} s), outbox drains ${fmt(drainMs / 1000)} s (nothing is sent while a tick runs)`,
          `outbox rows: ${rows.length} (${[...byStatus].map(([status, count]) => `${status} ${count}`).join(', ')})`,
        ],
      };
    },

    async dispose() {
      await storage?.close();
      await database?.dispose();
    },
  };
}

/** Starts the fake Bot Connector in a child process. */
async function startFake(options: FakeTeamsOptions): Promise<{ child: ChildProcess; port: number; report(): Promise<FakeTeamsReport>; stop(): Promise<void> }> {
  const script = fileURLToPath(new URL('./fake-teams-connector.ts', import.meta.url));
  const child = fork(script, [JSON.stringify(options)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const [ready] = (await Promise.race([once(child, 'message'), once(child, 'exit').then(() => Promise.reject(new Error('The fake Bot Connector exited before it was ready')))])) as [FakeTeamsChildMessage];
  if (ready.type !== 'ready') throw new Error(`Unexpected first message from the fake: ${JSON.stringify(ready)}`);
  return {
    child,
    port: ready.port,
    async report() {
      child.send({ type: 'report' });
      const [message] = (await once(child, 'message')) as [FakeTeamsChildMessage];
      if (message.type !== 'report') throw new Error('Expected a report from the fake');
      return message.report;
    },
    async stop() {
      child.send({ type: 'stop' });
      await once(child, 'exit');
    },
  };
}

/** Samples this process's memory while the run lasts. */
function memorySampler(): { stop(): { readonly rssMiB: number; readonly heapMiB: number } } {
  let rss = 0;
  let heap = 0;
  const sample = (): void => {
    const usage = process.memoryUsage();
    rss = Math.max(rss, usage.rss);
    heap = Math.max(heap, usage.heapUsed);
  };
  sample();
  const timer = setInterval(sample, 100);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { rssMiB: rss / 2 ** 20, heapMiB: heap / 2 ** 20 };
    },
  };
}

/** Heap in use after a full garbage collection: what the run really keeps. */
function retainedHeapMiB(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

/** The least time the tenant's windows allow for `requests` requests: the request count over the tightest rate. */
function floorSeconds(requests: number, limits: RateLimits): { seconds: number; rate: number } {
  const rate = Math.min(...limits.perTenant.map((window) => (window.count * 1000) / window.windowMs));
  return { seconds: requests / rate, rate };
}

const fmt = (value: number, digits = 1): string => value.toFixed(digits);

async function main(): Promise<void> {
  const options = readOptions();
  const limits = teamsRateLimits(options.speedup);
  const fake = await startFake({
    perConversation: limits.perConversation,
    perTenant: limits.perTenant,
    failureRate: options.failureRate,
    seed: options.seed,
    defaultTenantId: tenantId,
    dedupeBy: options.driver === 'outbox' ? 'conversation' : 'card',
  });
  const serviceUrl = `http://127.0.0.1:${fake.port}/`;
  try {
    const clients = new ConnectorClients(new ConfigurationBotFrameworkAuthentication({}, undefined, undefined, undefined, messengerConnectorOptions()), botAppId);
    let retries = 0;
    const logger: Logger = {
      debug: (_fields, message) => void (message === 'send will be retried' && (retries += 1)),
      info: () => undefined,
      warn: (fields, message) => console.error(message, JSON.stringify(fields)),
      error: (fields, message) => console.error(message, JSON.stringify(fields)),
    };
    const messenger = new Messenger({ limits, baseDelayMs: 1000 / options.speedup, maxDelayMs: 30_000 / options.speedup, logger });
    const connector = new BotConnector(clients, '', messenger);
    const jobs = buildJobs(options, serviceUrl);
    // The outbox path always creates the 1:1 conversation before posting (BotConnector.sendPersonal).
    const personal = options.driver === 'outbox' ? 'create' : options.personal;
    const requestsNeeded = options.channels + options.people * (personal === 'create' ? 2 : 1);
    const floor = floorSeconds(requestsNeeded, limits);
    const driver = options.driver === 'outbox' ? deliverThroughOutbox() : deliverDirect;
    const context: DriverContext = { connector, messenger, clients, logger, options };

    const how =
      options.driver === 'outbox'
        ? `driver outbox (${options.engine}; worker ${options.batchSize ? `batch ${options.batchSize}` : 'batch as compose.ts'}, ${options.workerConcurrency ? `concurrency ${options.workerConcurrency}` : 'concurrency as compose.ts'})`
        : `driver direct (concurrency ${options.concurrency})`;
    console.log(`fanout bench: ${how}, speedup ×${options.speedup} (every window ÷${options.speedup}), seed ${options.seed}, transient 5xx ${fmt(options.failureRate * 100)}%, 1:1 conversations ${personal}`);
    console.log(`work: ${options.channels} lessons to ${options.channels} channels + ${options.people} reminders in 1:1 chat = ${jobs.length} messages, ${requestsNeeded} requests at least`);

    try {
      await driver.prepare?.(jobs, context);
      const baseline = retainedHeapMiB();
      const memory = memorySampler();
      const started = performance.now();
      const outcome = await driver.run(jobs, context);
      const seconds = (performance.now() - started) / 1000;
      const peak = memory.stop();
      const report = await fake.report();

      const expected = new Set(jobs.map((job) => job.key));
      let duplicates = 0;
      let delivered = 0;
      for (const [key, count] of report.keys) {
        if (!expected.has(key)) continue;
        delivered += 1;
        duplicates += count - 1;
      }
      const lost = expected.size - delivered;
      const failedBy = new Map<string, number>();
      for (const failure of outcome.failed) failedBy.set(failure.reason, (failedBy.get(failure.reason) ?? 0) + 1);
      const pacing = messenger.pacingSize();
      const retained = retainedHeapMiB();

      console.log(`floor: ${requestsNeeded} requests at ${fmt(floor.rate, 0)} requests/s (50/s ×${options.speedup}) = ${fmt(floor.seconds)} s (unscaled ${fmt(floor.seconds * options.speedup)} s)`);
      console.log(`total: ${fmt(seconds)} s (unscaled ${fmt(seconds * options.speedup)} s); ratio ${fmt(seconds / floor.seconds, 3)} (goal ≤ 1.15)`);
      console.log(`messages sent: ${report.delivered} (${delivered} distinct of ${expected.size}); duplicates: ${duplicates}; lost: ${lost}`);
      console.log(`requests: ${report.requests}; 429 throttled: ${report.throttled} (conversation ${report.throttledBy.conversation}, tenant ${report.throttledBy.tenant}); injected 5xx: ${report.injectedFailures}; 1:1 conversations created: ${report.conversationsCreated}`);
      console.log(`messenger: ${retries} retries; ${outcome.failed.length} sends failed${outcome.failed.length ? ` (${[...failedBy].map(([reason, count]) => `${reason}: ${count}`).join(', ')})` : ''}; pacing holds ${pacing.conversations} conversations in ${pacing.tenants} tenant(s) at the end`);
      console.log(
        `peak memory: bench process rss ${fmt(peak.rssMiB)} MiB, heap ${fmt(peak.heapMiB)} MiB (process max rss ${fmt(process.resourceUsage().maxRSS / 1024)} MiB), heap after GC ${fmt(baseline)} MiB before the run and ${fmt(retained)} MiB after it; fake connector rss ${fmt(report.peakRssMiB)} MiB`,
      );
      for (const note of outcome.notes ?? []) console.log(note);
      if (duplicates > 0 || lost > 0) process.exitCode = 1;
    } finally {
      await driver.dispose?.();
    }
  } finally {
    await fake.stop();
  }
}

await main();
