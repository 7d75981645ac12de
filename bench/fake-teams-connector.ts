/**
 * A fake Bot Connector that enforces Teams' rate limits, for `bench/fanout.ts` and `bench/sector.ts`.
 *
 * - Per conversation and per tenant sliding windows (the limits given, usually `teamsRateLimits(speedup)`), counted
 *   at the arrival of each request it accepts; a request over any window gets 429 with `Retry-After` (whole seconds,
 *   as Teams sends it) and `retry-after-ms` (exact, since the bench scales windows below a second).
 * - A seeded share of the requests within the limits (2% by default) fails with 503 or 502 before anything is
 *   delivered, as a transient fault in front of the service would.
 * - Every delivered message is recorded under a dedupe key, so duplicates and losses can be counted: by default the
 *   key is taken from the message (`dedupeKeyOf`); with `dedupeBy: 'conversation'` it is where the message went
 *   (`thread:<channel id>` for a new channel thread, `conversation:<id>` for a post in a conversation), for
 *   messages the bench does not write itself (the real lesson and reminder cards of the outbox pipeline).
 * - Answers `POST /v3/conversations` for a new channel thread (`channelData.channel.id`, as
 *   `tests/helpers/fake-connector.ts` does) and for a 1:1 conversation (`members`; the same id for the same user,
 *   as Teams does), `POST /v3/conversations/{id}/activities[/{replyToId}]` and `PUT` updates.
 *
 * - For `bench:sector`'s faults: tenants that removed the app (`forbiddenTenants`: every request 403) and an outage
 *   (`startOutage`, or `{ type: 'outage', status, ms }` over IPC: every request answered with that status for a while).
 *
 * Which conversation a request is paced under: the channel for a new thread, the user for a new 1:1 conversation,
 * else the conversation in the path. Its tenant: `tenantId`, `channelData.tenant.id` or `conversation.tenantId` in
 * the body, else the tenant a channel was registered under, else the default tenant.
 *
 * Run as a script (`node --import tsx bench/fake-teams-connector.ts '<options JSON>'`) it serves over an IPC channel:
 * it sends `{ type: 'ready', port }`, answers `{ type: 'report' }` with `{ type: 'report', report }`, `{ type: 'delivered' }` with the count so far, and exits on
 * `{ type: 'stop' }`.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

/** At most `count` requests in any window of `windowMs`. */
export type FakeWindow = { readonly count: number; readonly windowMs: number };

/** How the fake behaves. */
export type FakeTeamsOptions = {
  readonly perConversation: readonly FakeWindow[];
  readonly perTenant: readonly FakeWindow[];
  /** Share of requests within the limits that fail with 503 or 502 (default 0.02). */
  readonly failureRate?: number;
  /** Seed of the failure draw (default 1). */
  readonly seed?: number;
  readonly defaultTenantId?: string;
  /** What a delivered message is recorded under: `card` (default, see `dedupeKeyOf`) or `conversation`. */
  readonly dedupeBy?: 'card' | 'conversation';
  /** Channels by the tenant their new threads are paced under (as `registerChannel`). */
  readonly channelTenants?: Readonly<Record<string, string>>;
  /** Tenants that removed the app: every request of theirs is answered 403. */
  readonly forbiddenTenants?: readonly string[];
};

/** What the fake saw. */
export type FakeTeamsReport = {
  readonly requests: number;
  /** Messages delivered (activities posted, threads and 1:1 conversations created with a message). */
  readonly delivered: number;
  /** 1:1 conversations created without a message. */
  readonly conversationsCreated: number;
  readonly updates: number;
  readonly throttled: number;
  readonly injectedFailures: number;
  /** Requests over a window that the fake answered 429, per kind of window. */
  readonly throttledBy: { readonly conversation: number; readonly tenant: number };
  /** Every dedupe key delivered, with how many times. */
  readonly keys: readonly (readonly [string, number])[];
  /** Messages without a dedupe key. */
  readonly unkeyed: number;
  readonly peakRssMiB: number;
  /** Requests answered 403 because their tenant removed the app, and answered with an outage's status. */
  readonly forbidden: number;
  readonly outageAnswers: number;
  /** Per tenant, when each accepted request arrived (ms since the epoch), in order. */
  readonly acceptedAt: Readonly<Record<string, readonly number[]>>;
};

/** The dedupe key of a message: the `id` of the first body element of its Adaptive Card, else its text. */
export function dedupeKeyOf(activity: unknown): string | undefined {
  const message = activity as { text?: unknown; attachments?: { content?: { body?: { id?: unknown }[] } }[] } | undefined;
  const id = message?.attachments?.[0]?.content?.body?.[0]?.id;
  if (typeof id === 'string') return id;
  return typeof message?.text === 'string' ? message.text : undefined;
}

/** mulberry32: a small, fast, seeded PRNG, uniform in [0, 1). */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Arrival times of accepted requests of one key, ascending, pruned to the longest window. */
class ArrivalLog {
  private readonly times: number[] = [];
  private head = 0;

  /** How long until one more request fits every window; 0 when it fits now. */
  waitMs(windows: readonly FakeWindow[], now: number): number {
    let wait = 0;
    const length = this.times.length - this.head;
    for (const { count, windowMs } of windows) {
      if (length < count) continue;
      // Within the window (now - windowMs, now] there may be at most count - 1 before this one.
      const oldestThatMatters = this.times[this.times.length - count]!;
      if (oldestThatMatters > now - windowMs) wait = Math.max(wait, oldestThatMatters + windowMs - now);
    }
    return wait;
  }

  record(now: number, horizonMs: number): void {
    this.times.push(now);
    while (this.head < this.times.length && this.times[this.head]! <= now - horizonMs) this.head += 1;
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times.splice(0, this.head);
      this.head = 0;
    }
  }
}

type Reply = { readonly status: number; readonly body: unknown; readonly headers?: Record<string, string> };

/** The fake Bot Connector; see the file comment. */
export class FakeTeamsConnector {
  private server: Server | undefined;
  private readonly conversations = new Map<string, ArrivalLog>();
  private readonly tenants = new Map<string, ArrivalLog>();
  private readonly acceptedAt = new Map<string, number[]>();
  private readonly channelTenants = new Map<string, string>();
  private readonly keys = new Map<string, number>();
  private readonly random: () => number;
  private readonly failureRate: number;
  private readonly defaultTenantId: string;
  private readonly conversationHorizonMs: number;
  private readonly tenantHorizonMs: number;
  private counter = 0;
  private peakRss = 0;
  private outage: { readonly status: number; readonly until: number } | undefined;
  private readonly forbiddenTenants: ReadonlySet<string>;
  private stats = { requests: 0, delivered: 0, conversationsCreated: 0, updates: 0, throttled: 0, injectedFailures: 0, unkeyed: 0, byConversation: 0, byTenant: 0, forbidden: 0, outageAnswers: 0 };

  constructor(private readonly options: FakeTeamsOptions) {
    this.random = seededRandom(options.seed ?? 1);
    this.failureRate = options.failureRate ?? 0.02;
    this.defaultTenantId = options.defaultTenantId ?? 'tenant-1';
    this.conversationHorizonMs = Math.max(0, ...options.perConversation.map((window) => window.windowMs));
    this.tenantHorizonMs = Math.max(0, ...options.perTenant.map((window) => window.windowMs));
    for (const [channelId, tenantId] of Object.entries(options.channelTenants ?? {})) this.channelTenants.set(channelId, tenantId);
    this.forbiddenTenants = new Set(options.forbiddenTenants ?? []);
  }

  /** Answers every request with `status` (e.g. 503) for the next `ms` milliseconds, before any limit is counted. */
  startOutage(status: number, ms: number): void {
    this.outage = { status, until: performance.now() + ms };
  }

  /** Messages delivered so far (cheaper than a whole report). */
  get delivered(): number {
    return this.stats.delivered;
  }

  /** Starts listening on loopback. */
  async start(port = 0): Promise<this> {
    this.server = createServer((req, res) => void this.serve(req, res));
    this.server.keepAliveTimeout = 30_000;
    this.server.listen(port, '127.0.0.1');
    await once(this.server, 'listening');
    return this;
  }

  get port(): number {
    return (this.server!.address() as AddressInfo).port;
  }

  /** The serviceUrl to give the bot. */
  get url(): string {
    return `http://127.0.0.1:${this.port}/`;
  }

  /** Paces requests that create threads in the channel under the tenant. */
  registerChannel(channelId: string, tenantId: string): void {
    this.channelTenants.set(channelId, tenantId);
  }

  /** What the fake saw so far. */
  report(): FakeTeamsReport {
    this.peakRss = Math.max(this.peakRss, process.memoryUsage().rss);
    return {
      requests: this.stats.requests,
      delivered: this.stats.delivered,
      conversationsCreated: this.stats.conversationsCreated,
      updates: this.stats.updates,
      throttled: this.stats.throttled,
      injectedFailures: this.stats.injectedFailures,
      throttledBy: { conversation: this.stats.byConversation, tenant: this.stats.byTenant },
      keys: [...this.keys],
      unkeyed: this.stats.unkeyed,
      forbidden: this.stats.forbidden,
      outageAnswers: this.stats.outageAnswers,
      peakRssMiB: Math.max(this.peakRss, process.resourceUsage().maxRSS * 1024) / 2 ** 20,
      acceptedAt: Object.fromEntries(this.acceptedAt),
    };
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let reply: Reply;
    try {
      reply = this.handle(req.method ?? 'GET', decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname), raw ? (JSON.parse(raw) as Record<string, unknown>) : {});
    } catch (error) {
      reply = { status: 400, body: { error: { code: 'BadSyntax', message: String(error) } } };
    }
    res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    res.end(JSON.stringify(reply.body));
    if ((this.stats.requests & 1023) === 0) this.peakRss = Math.max(this.peakRss, process.memoryUsage().rss);
  }

  private handle(method: string, path: string, body: Record<string, unknown>): Reply {
    this.stats.requests += 1;
    const now = performance.now();
    const route = this.route(method, path, body);
    if (!route) return { status: 404, body: { error: { code: 'NotFound', message: `${method} ${path}` } } };

    if (this.outage && now < this.outage.until) {
      this.stats.outageAnswers += 1;
      return { status: this.outage.status, body: { error: { code: 'ServiceUnavailable', message: 'outage' } } };
    }
    const tenantId = this.tenantOf(body, route.paceKey);
    if (this.forbiddenTenants.has(tenantId)) {
      this.stats.forbidden += 1;
      return { status: 403, body: { error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } } };
    }
    const tenantLog = this.log(this.tenants, tenantId);
    const conversationLog = this.log(this.conversations, `${tenantId}\u0000${route.paceKey}`);
    const tenantWait = tenantLog.waitMs(this.options.perTenant, now);
    const conversationWait = conversationLog.waitMs(this.options.perConversation, now);
    const wait = Math.max(tenantWait, conversationWait);
    if (wait > 0) {
      this.stats.throttled += 1;
      if (tenantWait > 0) this.stats.byTenant += 1;
      if (conversationWait > 0) this.stats.byConversation += 1;
      return {
        status: 429,
        body: { error: { code: 'Throttled', message: 'Too many requests' } },
        headers: { 'retry-after': String(Math.max(1, Math.ceil(wait / 1000))), 'retry-after-ms': String(Math.ceil(wait)) },
      };
    }
    if (this.random() < this.failureRate) {
      this.stats.injectedFailures += 1;
      const status = this.random() < 0.5 ? 503 : 502;
      return { status, body: { error: { code: 'ServiceError', message: `injected ${status}` } } };
    }
    tenantLog.record(now, this.tenantHorizonMs);
    let accepted = this.acceptedAt.get(tenantId);
    if (!accepted) this.acceptedAt.set(tenantId, (accepted = []));
    accepted.push(performance.timeOrigin + now);
    conversationLog.record(now, this.conversationHorizonMs);
    return route.accept();
  }

  private route(method: string, path: string, body: Record<string, unknown>): { readonly paceKey: string; accept(): Reply } | undefined {
    if (method === 'POST' && path === '/v3/conversations') {
      const channelId = (body.channelData as { channel?: { id?: string } } | undefined)?.channel?.id;
      const activity = body.activity as Record<string, unknown> | undefined;
      if (channelId) {
        return {
          paceKey: channelId,
          accept: () => {
            this.deliver(activity, `thread:${channelId}`);
            const activityId = `root-${++this.counter}`;
            return { status: 201, body: { id: `${channelId};messageid=${activityId}`, activityId } };
          },
        };
      }
      const userId = (body.members as { id?: string }[] | undefined)?.[0]?.id;
      if (!userId) return undefined;
      return {
        paceKey: `user:${userId}`,
        accept: () => {
          const conversationId = `a:personal-${userId}`;
          if (activity) {
            this.deliver(activity, `conversation:${conversationId}`);
            return { status: 201, body: { id: conversationId, activityId: `activity-${++this.counter}` } };
          }
          this.stats.conversationsCreated += 1;
          return { status: 201, body: { id: conversationId } };
        },
      };
    }
    const activities = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
    if (!activities) return undefined;
    const conversationId = activities[1]!;
    if (method === 'POST') {
      return {
        paceKey: conversationId,
        accept: () => {
          this.deliver(body, `conversation:${conversationId}`);
          return { status: 201, body: { id: `activity-${++this.counter}` } };
        },
      };
    }
    if (method === 'PUT') {
      return {
        paceKey: conversationId,
        accept: () => {
          this.stats.updates += 1;
          return { status: 200, body: { id: activities[2] } };
        },
      };
    }
    return undefined;
  }

  private deliver(activity: unknown, conversationKey: string): void {
    this.stats.delivered += 1;
    const key = this.options.dedupeBy === 'conversation' ? conversationKey : dedupeKeyOf(activity);
    if (key === undefined) this.stats.unkeyed += 1;
    else this.keys.set(key, (this.keys.get(key) ?? 0) + 1);
  }

  private tenantOf(body: Record<string, unknown>, paceKey: string): string {
    const fromBody =
      (body.tenantId as string | undefined) ??
      (body.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ??
      (body.conversation as { tenantId?: string } | undefined)?.tenantId;
    return fromBody || this.channelTenants.get(paceKey) || this.defaultTenantId;
  }

  private log(map: Map<string, ArrivalLog>, key: string): ArrivalLog {
    let log = map.get(key);
    if (!log) {
      log = new ArrivalLog();
      map.set(key, log);
    }
    return log;
  }
}

/** Messages between `bench/fanout.ts` and this script run as a child process. */
export type FakeTeamsChildMessage =
  | { readonly type: 'ready'; readonly port: number }
  | { readonly type: 'report'; readonly report: FakeTeamsReport }
  | { readonly type: 'delivered'; readonly delivered: number };

async function runAsChild(): Promise<void> {
  const send = process.send?.bind(process);
  if (!send) throw new Error('Run by bench/fanout.ts or bench/sector.ts, with an IPC channel.');
  const fake = await new FakeTeamsConnector(JSON.parse(process.argv[2] ?? '{}') as FakeTeamsOptions).start();
  process.on('message', (message: { type?: string; status?: number; ms?: number }) => {
    if (message.type === 'report') send({ type: 'report', report: fake.report() } satisfies FakeTeamsChildMessage);
    if (message.type === 'delivered') send({ type: 'delivered', delivered: fake.delivered } satisfies FakeTeamsChildMessage);
    if (message.type === 'outage') fake.startOutage(message.status ?? 503, message.ms ?? 0);
    if (message.type === 'stop') void fake.stop().then(() => process.exit(0));
  });
  process.on('disconnect', () => void fake.stop().then(() => process.exit(0)));
  send({ type: 'ready', port: fake.port } satisfies FakeTeamsChildMessage);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await runAsChild();
