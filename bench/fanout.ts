/**
 * `npm run bench:fanout` — one lesson to 1,000 channels and a reminder to 10,000 people through the Messenger and the
 * BotConnector, against a fake Bot Connector that enforces Teams' limits and fails 2% of calls with a transient 5xx.
 * Prints the total time against the floor those limits allow (the ratio; goal ≤ 1.15), messages sent, duplicates
 * (must be 0), lost (must be 0) and peak memory. Never asserts on timings; exits 1 only on duplicates or losses.
 *
 * Every limit and window is scaled by the same factor (`--speedup`): windows are divided by it, so the floor and the
 * measurement share one scale. Under one tenant's 50 requests/s, 11,000 sends have a floor of 220 s unscaled.
 *
 * Process layout (loopback): this process runs the driver, the Messenger, the BotConnector and botbuilder's
 * CloudAdapter (with `messengerConnectorOptions`, so the SDK does not retry on its own); the fake Bot Connector
 * (`bench/fake-teams-connector.ts`) runs in a child process so its work and memory are not counted as ours.
 *
 * Options (flags win over environment variables):
 *   --speedup N      (BENCH_SPEEDUP, 2)        windows divided by N; the run takes about 220/N s
 *   --concurrency N  (BENCH_CONCURRENCY, 32)   sends in flight or waiting for a slot at once
 *   --channels N     (BENCH_CHANNELS, 1000)    one lesson per channel, one channel per team
 *   --people N       (BENCH_PEOPLE, 10000)     one reminder per person, in 1:1 chat
 *   --failure-rate R (BENCH_FAILURE_RATE, 0.02)
 *   --seed N         (BENCH_SEED, 1)
 *   --personal M     (BENCH_PERSONAL, stored)  stored: the 1:1 conversation exists (its reference was kept), one
 *                                              request per reminder; create: create it first, two requests
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConversationParameters } from 'botbuilder';
import type { AdaptiveCard } from '../cards/models.js';
import type { Team } from '../bot/core/team.js';
import { BotConnector } from '../bot/teams/bot-connector.js';
import { Messenger, SendFailure, messengerConnectorOptions, teamsRateLimits, type RateLimits } from '../bot/teams/messenger.js';
import type { FakeTeamsChildMessage, FakeTeamsOptions, FakeTeamsReport } from './fake-teams-connector.js';

/** The run's settings. */
type BenchOptions = {
  readonly speedup: number;
  readonly concurrency: number;
  readonly channels: number;
  readonly people: number;
  readonly failureRate: number;
  readonly seed: number;
  readonly personal: 'stored' | 'create';
};

/** One message to deliver, with the dedupe key the fake records it under. */
type Job =
  | { readonly kind: 'lesson'; readonly key: string; readonly team: Team; readonly channelId: string }
  | { readonly kind: 'reminder'; readonly key: string; readonly team: Team; readonly userId: string; readonly conversationId: string };

/** What a driver reports: the keys it saw fail for good, with the reason. */
type DeliveryOutcome = { readonly failed: readonly { readonly key: string; readonly reason: string }[] };

/** Everything a driver may use. */
type DriverContext = {
  readonly connector: BotConnector;
  readonly messenger: Messenger;
  readonly adapter: CloudAdapter;
  readonly options: BenchOptions;
};

/** Delivers every job; the one function to swap for the durable outbox (scheduler tick → outbox → worker). */
type Driver = (jobs: readonly Job[], context: DriverContext) => Promise<DeliveryOutcome>;

const tenantId = 'tenant-1';
const botAppId = 'local-mode-bot';

function readOptions(): BenchOptions {
  const { values } = parseArgs({
    options: {
      speedup: { type: 'string' },
      concurrency: { type: 'string' },
      channels: { type: 'string' },
      people: { type: 'string' },
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
  const personal = values.personal ?? process.env.BENCH_PERSONAL ?? 'stored';
  if (personal !== 'stored' && personal !== 'create') throw new Error(`--personal is stored or create, not ${personal}`);
  return {
    speedup: number(values.speedup, process.env.BENCH_SPEEDUP, 2),
    concurrency: Math.max(1, Math.floor(number(values.concurrency, process.env.BENCH_CONCURRENCY, 32))),
    channels: Math.floor(number(values.channels, process.env.BENCH_CHANNELS, 1000)),
    people: Math.floor(number(values.people, process.env.BENCH_PEOPLE, 10_000)),
    failureRate: number(values['failure-rate'], process.env.BENCH_FAILURE_RATE, 0.02),
    seed: Math.floor(number(values.seed, process.env.BENCH_SEED, 1)),
    personal,
  };
}

/** A small card whose first element's id is the dedupe key (see `dedupeKeyOf` in the fake). */
function benchCard(key: string, text: string): AdaptiveCard {
  return { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', id: key, text, wrap: true }] };
}

function buildJobs(options: BenchOptions, serviceUrl: string): Job[] {
  const teams: Team[] = Array.from({ length: Math.max(1, options.channels) }, (_, index) => ({
    tenantId,
    teamId: `19:team-${index}@thread.tacv2`,
    name: `Team ${index}`,
    status: 'active',
    serviceUrl,
    aadGroupId: undefined,
  }));
  const jobs: Job[] = [];
  for (let index = 0; index < options.channels; index += 1) {
    jobs.push({ kind: 'lesson', key: `lesson:${index}`, team: teams[index]!, channelId: `19:channel-${index}@thread.tacv2` });
  }
  for (let index = 0; index < options.people; index += 1) {
    const userId = `29:user-${index}`;
    jobs.push({ kind: 'reminder', key: `reminder:${index}`, team: teams[index % teams.length]!, userId, conversationId: `a:personal-${userId}` });
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
  let conversationId = '';
  await context.messenger.send({ tenantId: job.team.tenantId, conversationId: `user:${job.userId}` }, () =>
    context.adapter.createConversationAsync(botAppId, 'msteams', job.team.serviceUrl, '', parameters, async (turn) => {
      conversationId = turn.activity.conversation.id;
    }),
  );
  return conversationId;
}

/**
 * The first driver: the Messenger and the BotConnector straight from a concurrency-limited loop, as the outbox
 * worker will call them. Channel lessons start a thread (`postToChannel`); reminders post into the person's 1:1
 * conversation (`replyInThread` posts to any conversation id), creating it first with `--personal create`.
 */
const deliverDirect: Driver = async (jobs, context) => {
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
};

/** The driver this run uses. */
const driver: Driver = deliverDirect;

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
  const fake = await startFake({ perConversation: limits.perConversation, perTenant: limits.perTenant, failureRate: options.failureRate, seed: options.seed, defaultTenantId: tenantId });
  const serviceUrl = `http://127.0.0.1:${fake.port}/`;
  try {
    const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}, undefined, undefined, undefined, messengerConnectorOptions()));
    let retries = 0;
    const messenger = new Messenger({
      limits,
      baseDelayMs: 1000 / options.speedup,
      maxDelayMs: 30_000 / options.speedup,
      logger: {
        debug: (_fields, message) => void (message === 'send will be retried' && (retries += 1)),
        info: () => undefined,
        warn: (fields, message) => console.error(message, JSON.stringify(fields)),
        error: (fields, message) => console.error(message, JSON.stringify(fields)),
      },
    });
    const connector = new BotConnector(adapter, '', messenger);
    const jobs = buildJobs(options, serviceUrl);
    const requestsNeeded = options.channels + options.people * (options.personal === 'create' ? 2 : 1);
    const floor = floorSeconds(requestsNeeded, limits);

    console.log(`fanout bench: speedup ×${options.speedup} (every window ÷${options.speedup}), concurrency ${options.concurrency}, seed ${options.seed}, transient 5xx ${fmt(options.failureRate * 100)}%, 1:1 conversations ${options.personal}`);
    console.log(`work: ${options.channels} lessons to ${options.channels} channels + ${options.people} reminders in 1:1 chat = ${jobs.length} messages, ${requestsNeeded} requests at least`);

    const baseline = retainedHeapMiB();
    const memory = memorySampler();
    const started = performance.now();
    const outcome = await driver(jobs, { connector, messenger, adapter, options });
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
    if (duplicates > 0 || lost > 0) process.exitCode = 1;
  } finally {
    await fake.stop();
  }
}

await main();
