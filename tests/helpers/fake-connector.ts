import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closed, opened } from './open-resources.js';

/** One call the bot made to the Bot Connector. */
export type ConnectorCall = {
  readonly method: string;
  readonly path: string;
  readonly conversationId: string;
  readonly activityId?: string;
  readonly body: Record<string, unknown>;
  readonly authorization?: string;
  /** The status the fake answered when it was told to fail this call (see `failNext`). */
  readonly failedWith?: number;
  /** True when the fake held this call open instead of answering it (see `holdAfter`); it was never answered. */
  readonly held?: true;
};

/** A call the fake answered, with what it answered; see `FakeConnector.answered`. */
export type AnsweredCall = ConnectorCall & { readonly status: number; readonly response: unknown };

/** What `handle` decided: an answer, or to hold the request open. */
type FakeReply = { status: number; body: unknown; headers?: Record<string, string> } | 'hold';

/** Whether the call posts a message: a new activity or reply, a new channel thread, or a new 1:1 conversation. */
export function isMessagePost(call: Pick<ConnectorCall, 'method' | 'path'>): boolean {
  return call.method === 'POST' && (call.path.includes('/activities') || call.path === '/v3/conversations');
}

/** An Adaptive Card attachment's content, or undefined when the activity has none. */
export function cardOf(activity: Record<string, unknown>): Record<string, unknown> | undefined {
  const attachments = activity.attachments as { contentType: string; content: Record<string, unknown> }[] | undefined;
  return attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
}

/** All the text of a card (every `text`, `title`, `label` and `value` string), for assertions. */
export function cardText(card: unknown): string {
  const parts: string[] = [];
  const walk = (value: unknown, key?: string): void => {
    if (Array.isArray(value)) value.forEach((item) => walk(item));
    else if (value && typeof value === 'object') Object.entries(value).forEach(([k, v]) => walk(v, k));
    else if (typeof value === 'string' && ['text', 'title', 'label', 'value', 'altText'].includes(key ?? '')) parts.push(value);
  };
  walk(card);
  return parts.join('\n');
}

/** A failure the fake answers instead of its normal reply. */
export type FakeFailure = {
  readonly status: number;
  /** The `Retry-After` header, as sent (delay-seconds or an HTTP date). */
  readonly retryAfter?: string;
  /** The Bot Connector error code in the body, e.g. `ConversationBlockedByUser`. */
  readonly code?: string;
};

/** A team as the fake Bot Connector knows it: details, channels and roster. */
export type FakeTeam = {
  readonly id: string;
  name: string;
  readonly aadGroupId: string;
  channels: { id: string; name?: string }[];
  members: { id: string; aadObjectId: string; name: string; userRole?: string }[];
};

/**
 * A local stand-in for the Bot Connector service that records what the bot sends.
 * @remarks Answers like the real one: a new activity id for each post, 200 for updates. Why there are two fakes:
 * this one serves the tests, which need to read and steer single calls (rosters with paging, team details, a failure
 * or a stall on the next matching call, every request kept for assertions); `bench/fake-teams-connector.ts` serves
 * the benches, which need Teams' rate limits enforced across processes, seeded transient faults and counters that
 * stay small at 500,000 messages (it keeps no request bodies). Each is simple for its job; one fake for both would
 * be neither.
 */
export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  /** Teams the fake knows, by team id; tests add and change them. */
  readonly teams = new Map<string, FakeTeam>();
  /** Roster page size the fake uses, so tests can exercise paging. */
  pageSize = 2;
  private server: Server | undefined;
  private counter = 0;
  private waiters: { count: number; resolve: () => void }[] = [];
  private failures: FakeFailure[] = [];
  /**
   * Calls the fake answered, in the order the answers were written: unlike `calls`, a call held open (and so never
   * answered) is not here. An answer is counted once it was handed to the socket, so a message here was delivered
   * in the fake's terms; whether the bot read the answer is another matter.
   */
  readonly answered: AnsweredCall[] = [];
  /** While set, answered calls that match count down `left`; at 0 every later call is held open. */
  private hold: { left: number; readonly matches: (call: ConnectorCall) => boolean } | undefined;
  private holding = false;
  private readonly heldResponses = new Set<ServerResponse>();

  /** Starts listening on a free loopback port. */
  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(({ call, reply }) => {
        if (reply === 'hold') {
          this.heldResponses.add(res);
          res.once('close', () => this.heldResponses.delete(res));
          return;
        }
        const { status, body, headers } = reply;
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
        this.recordAnswer(call, status, body);
      });
    });
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    opened(this, `fake Bot Connector at ${this.url}`, () => this.stop());
    return this;
  }

  /** The serviceUrl to put in activities. */
  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/`;
  }

  /** Messages the bot posted (new activities, replies, and new channel threads), in order. */
  get sent(): Record<string, unknown>[] {
    return this.calls
      .filter((call) => isMessagePost(call) && call.failedWith === undefined && !call.held)
      .map((call) => (call.path === '/v3/conversations' ? ((call.body.activity as Record<string, unknown>) ?? {}) : call.body));
  }

  /** Posts made in one conversation (a channel thread's replies, for instance). */
  sentTo(conversationId: string): Record<string, unknown>[] {
    return this.calls
      .filter((call) => call.method === 'POST' && call.failedWith === undefined && !call.held && call.conversationId === conversationId && call.path.includes('/activities'))
      .map((call) => call.body);
  }

  /** Messages the bot replaced (PUT), in order. */
  get updated(): ConnectorCall[] {
    return this.calls.filter((call) => call.method === 'PUT');
  }

  /** Cards the bot posted, in order. */
  get sentCards(): Record<string, unknown>[] {
    return this.sent.map(cardOf).filter((card): card is Record<string, unknown> => card !== undefined);
  }

  /** Drops the failures queued by {@link failNext} that have not been answered yet. */
  clearFailures(): void {
    this.failures.length = 0;
  }

  /** Answers the next `count` calls with the failure instead of the normal reply (queued after earlier ones). */
  failNext(count: number, failure: FakeFailure): void {
    for (let i = 0; i < count; i += 1) this.failures.push(failure);
  }

  /**
   * Answers the next `count` calls that match (by default: every message posted) as usual, then stops answering:
   * every later call, whatever it is, is recorded with `held: true` and its request is left open, as if the service
   * had hung before doing anything. A held call is never answered, so it never counts as delivered; its request
   * ends when the client gives up or goes away (or on `resume`/`stop`). `holdAfter(0)` holds from the next call on.
   */
  holdAfter(count: number, matches: (call: ConnectorCall) => boolean = isMessagePost): void {
    this.hold = { left: count, matches };
    this.holding = count <= 0;
  }

  /**
   * Stalls the next call that matches until `release()`: the request has arrived but is not answered (nor recorded)
   * until then, as a send stuck in the network would be; then it is answered with `then` (a failure) or normally.
   */
  stallNext(matches: (call: Pick<ConnectorCall, 'method' | 'path' | 'body'>) => boolean, then?: FakeFailure): { readonly arrived: Promise<void>; release(): void } {
    let arrive!: () => void;
    let release!: () => void;
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    this.stalls.push({ matches, then, arrive, released });
    return { arrived, release };
  }

  private readonly stalls: { matches: (call: Pick<ConnectorCall, 'method' | 'path' | 'body'>) => boolean; then: FakeFailure | undefined; arrive: () => void; released: Promise<void> }[] = [];

  /** Answers normally again; requests still held are dropped (their connections closed), unanswered. */
  resume(): void {
    this.hold = undefined;
    this.holding = false;
    for (const res of this.heldResponses) res.destroy();
    this.heldResponses.clear();
  }

  /** Calls held open (see `holdAfter`), in order. */
  get held(): ConnectorCall[] {
    return this.calls.filter((call) => call.held);
  }

  /** Messages the fake answered with a 2xx (as `sent`, but a held call, never answered, is not one of them). */
  get delivered(): Record<string, unknown>[] {
    return this.answered
      .filter((call) => call.status >= 200 && call.status < 300 && isMessagePost(call))
      .map((call) => (call.path === '/v3/conversations' ? ((call.body.activity as Record<string, unknown>) ?? {}) : call.body));
  }

  /** Forgets what was recorded. */
  clear(): void {
    this.calls.length = 0;
    this.answered.length = 0;
  }

  /** Resolves when at least `count` messages have been posted, or rejects after the timeout. */
  async waitForSent(count: number, timeoutMs = 5000): Promise<void> {
    if (this.sent.length >= count) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Expected ${count} messages, got ${this.sent.length}`)), timeoutMs);
      this.waiters.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  /** Stops the server (again: nothing). */
  async stop(): Promise<void> {
    if (!this.server?.listening) return;
    closed(this);
    for (const res of this.heldResponses) res.destroy();
    this.heldResponses.clear();
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }

  private async handle(req: IncomingMessage): Promise<{ call: ConnectorCall; reply: FakeReply }> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const stall = this.stalls.find((candidate) => candidate.matches({ method: req.method ?? 'GET', path: decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname), body: chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {} }));
    if (stall) {
      this.stalls.splice(this.stalls.indexOf(stall), 1);
      stall.arrive();
      await stall.released;
      if (stall.then) this.failures.unshift(stall.then);
    }
    // From here on nothing awaits, so deciding to hold and counting down happen for one request at a time.
    let call: ConnectorCall | undefined;
    const reply = this.reply(req, Buffer.concat(chunks).toString('utf8'), (recorded) => (call = recorded));
    if (reply !== 'hold' && this.hold && reply.status >= 200 && reply.status < 300 && this.hold.matches(call!)) {
      this.hold.left -= 1;
      if (this.hold.left <= 0) this.holding = true;
    }
    return { call: call!, reply };
  }

  private recordAnswer(call: ConnectorCall, status: number, response: unknown): void {
    this.answered.push({ ...call, status, response });
  }

  private reply(req: IncomingMessage, raw: string, record: (call: ConnectorCall) => void): FakeReply {
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const match = /^\/v3\/conversations\/([^/]+)(?:\/activities(?:\/([^/]+))?)?/.exec(path);
    const held = this.holding;
    const failure = held ? undefined : this.failures.shift();
    const call: ConnectorCall = {
      method: req.method ?? 'GET',
      path,
      conversationId: match?.[1] ?? '',
      activityId: match?.[2],
      body,
      authorization: req.headers.authorization,
      ...(failure ? { failedWith: failure.status } : {}),
      ...(held ? { held: true as const } : {}),
    };
    this.calls.push(call);
    record(call);
    this.notify();
    if (held) return 'hold';
    if (failure) {
      return {
        status: failure.status,
        body: { error: { code: failure.code ?? `Status${failure.status}`, message: `fake failure ${failure.status}` } },
        headers: failure.retryAfter !== undefined ? { 'retry-after': failure.retryAfter } : {},
      };
    }
    const url = new URL(req.url ?? '/', 'http://x');
    const team = /^\/v3\/teams\/([^/]+)(\/conversations)?$/.exec(path);
    if (req.method === 'GET' && team) {
      const known = this.teams.get(team[1]!);
      if (!known) return { status: 404, body: { error: { code: 'NotFound', message: 'team not found' } } };
      if (team[2]) return { status: 200, body: { conversations: known.channels } };
      return { status: 200, body: { id: known.id, name: known.name, aadGroupId: known.aadGroupId } };
    }
    const paged = /^\/v3\/conversations\/([^/]+)\/pagedmembers$/.exec(path);
    if (req.method === 'GET' && paged) {
      const known = this.teams.get(paged[1]!);
      const start = Number(url.searchParams.get('continuationToken') ?? '0');
      const members = known?.members.slice(start, start + this.pageSize) ?? [];
      const next = start + this.pageSize < (known?.members.length ?? 0) ? String(start + this.pageSize) : undefined;
      return { status: 200, body: { members, continuationToken: next } };
    }
    const member = /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && member) {
      const found = this.teams.get(member[1]!)?.members.find((m) => m.id === member[2]);
      return found ? { status: 200, body: found } : { status: 404, body: { error: { code: 'NotFound', message: 'member not found' } } };
    }
    if (req.method === 'POST' && path === '/v3/conversations') {
      const channelId = (body.channelData as { channel?: { id?: string } } | undefined)?.channel?.id;
      const activityId = `root-${++this.counter}`;
      if (channelId) this.remember(`${channelId};messageid=${activityId}`, activityId);
      return { status: 200, body: channelId ? { id: `${channelId};messageid=${activityId}`, activityId } : { id: `created-${activityId}` } };
    }
    if (req.method === 'PUT') {
      // Like Teams: an update must name a message that exists in that conversation.
      if (!this.posted.get(call.conversationId)?.has(call.activityId ?? '')) {
        return { status: 404, body: { error: { code: 'ActivityNotFoundInConversation', message: 'Message does not exist in the thread.' } } };
      }
      return { status: 200, body: { id: call.activityId } };
    }
    if (req.method === 'DELETE') return { status: 200, body: {} };
    const id = `activity-${++this.counter}`;
    this.remember(call.conversationId, id);
    return { status: 200, body: { id } };
  }

  /** Message ids posted per conversation, so updates can be checked like Teams does. */
  private readonly posted = new Map<string, Set<string>>();

  private remember(conversationId: string, activityId: string): void {
    const ids = this.posted.get(conversationId) ?? new Set<string>();
    ids.add(activityId);
    this.posted.set(conversationId, ids);
  }

  private notify(): void {
    const sent = this.sent.length;
    this.waiters = this.waiters.filter((waiter) => {
      if (sent < waiter.count) return true;
      waiter.resolve();
      return false;
    });
  }
}
