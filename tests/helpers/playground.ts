/**
 * Runs Lærekraft and the Microsoft 365 Agents Playground as child processes and drives the
 * playground through its own HTTP API and websocket, as its web page does.
 * @remarks Used by tests/e2e and by scripts/screenshots.ts. Facts about the playground: shared/playground.md (the team notes).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import WebSocket from 'ws';
import { freePorts } from './free-port.js';

/** The repository root. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The playground's mock Teams context (Norwegian users and chats), checked into the repository. */
export const playgroundConfigPath = join(repoRoot, '.m365agentsplayground.yml');

/** The playground's command line (a node script, so it is run with this node). */
const playgroundCli = join(repoRoot, 'node_modules', '.bin', 'agentsplayground');

/** Environment variables that would change which bot, database or course the child bot uses. */
const botEnvironmentToDrop = ['BOT_ID', 'BOT_PASSWORD', 'BOT_TYPE', 'BOT_TENANT_ID', 'BOT_DOMAIN', 'DATABASE_URL', 'HOST', 'COURSE_PACKS'];

/** The child processes this module started that have not exited yet. */
const liveChildren = new Set<ChildProcess>();
/** The temp dirs of stacks not stopped yet. */
const liveDirs = new Set<string>();

function stopChild(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
}

// The children are ended with this process however it ends: normally (mocha's --exit, a thrown
// error) or by a signal (Ctrl-C, a CI timeout), after which the signal is raised again as before.
function endEverything(): void {
  liveChildren.forEach((child) => stopChild(child, 'SIGTERM'));
  liveDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
}
process.once('exit', endEverything);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    endEverything();
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A server started as a child process, with its output teed to a log file. */
export type ChildServer = {
  readonly name: string;
  readonly process: ChildProcess;
  /** The file that receives the child's stdout and stderr. */
  readonly logFile: string;
  /** The last lines the child wrote, for error messages. */
  tail(lines?: number): string;
  /** Ends the child (SIGTERM, then SIGKILL after `graceMs`) and waits for it to exit. */
  stop(graceMs?: number): Promise<void>;
};

/** Starts `node <args>`, teeing its stdout and stderr to `logFile`. */
function startChild(name: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv; logFile: string }): ChildServer {
  const child = spawn(process.execPath, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  liveChildren.add(child);
  const log: WriteStream = createWriteStream(options.logFile, { flags: 'a' });
  const recent: string[] = [];
  const keep = (chunk: Buffer): void => {
    log.write(chunk);
    recent.push(...chunk.toString('utf8').split('\n').filter((line) => line.trim() !== ''));
    if (recent.length > 200) recent.splice(0, recent.length - 200);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = once(child, 'exit').then(() => {
    liveChildren.delete(child);
    log.end();
  });
  return {
    name,
    process: child,
    logFile: options.logFile,
    tail: (lines = 30) => recent.slice(-lines).join('\n'),
    async stop(graceMs = 5000) {
      if (child.exitCode === null && child.signalCode === null) {
        stopChild(child, 'SIGTERM');
        const timer = setTimeout(() => stopChild(child, 'SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      } else {
        await exited;
      }
    },
  };
}

/** Polls `check` every 100 ms until it returns a value, the child exits, or the deadline passes. */
async function waitUntil<T>(child: ChildServer, what: string, timeoutMs: number, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.process.exitCode !== null || child.process.signalCode !== null) {
      throw new Error(`${child.name} exited (${child.process.exitCode ?? child.process.signalCode}) before ${what}. Its output:\n${child.tail()}`);
    }
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${child.name}: no ${what} within ${timeoutMs} ms. Its output:\n${child.tail()}`);
    await sleep(100);
  }
}

/** Lærekraft running as `node --import tsx bot/index.ts` in local mode (unauthenticated, on 127.0.0.1). */
export type BotServer = ChildServer & {
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  /** The bot endpoint: `${url}/api/messages`. */
  readonly endpoint: string;
};

/** Starts the bot on `port` with its SQLite database at `sqlitePath`; resolves when GET /healthz answers 200. */
export async function startBot(options: { port: number; sqlitePath: string; logFile: string; logLevel?: string; timeoutMs?: number }): Promise<BotServer> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', PORT: String(options.port), SQLITE_PATH: options.sqlitePath, LOG_LEVEL: options.logLevel ?? 'info' };
  for (const name of botEnvironmentToDrop) delete env[name];
  const child = startChild('bot', ['--import', 'tsx', 'bot/index.ts'], { cwd: repoRoot, env, logFile: options.logFile });
  const url = `http://127.0.0.1:${options.port}`;
  try {
    await waitUntil(child, 'answer on /healthz', options.timeoutMs ?? 120_000, async () => ((await fetch(`${url}/healthz`)).ok ? true : undefined));
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { ...child, url, endpoint: `${url}/api/messages` };
}

/** The Agents Playground running as a child process. */
export type PlaygroundServer = ChildServer & {
  /** The port it listens on (its own fallback may differ from the one asked for). */
  readonly port: number;
  /** e.g. http://127.0.0.1:56150, the web page and the API. */
  readonly url: string;
};

/**
 * Starts the playground against `botEndpoint`: channel msteams, telemetry off (`--dt`), no browser
 * (`TEAMSAPPTESTER_BROWSER=none`), its log in `playgroundLogFile`, the repository's config file.
 * Resolves when GET /_debug/ping answers `pong`.
 */
export async function startPlayground(options: {
  botEndpoint: string;
  port: number;
  cwd: string;
  logFile: string;
  playgroundLogFile: string;
  configPath?: string;
  timeoutMs?: number;
}): Promise<PlaygroundServer> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TEAMSAPPTESTER_BROWSER: 'none',
    M365_AGENTS_PLAYGROUND_LOGFILE: options.playgroundLogFile,
    M365_AGENTS_PLAYGROUND_CONFIG_PATH: options.configPath ?? playgroundConfigPath,
  };
  const args = [playgroundCli, '-e', options.botEndpoint, '-c', 'msteams', '-p', String(options.port), '--dt'];
  const child = startChild('playground', args, { cwd: options.cwd, env, logFile: options.logFile });
  try {
    // With stdout not a terminal it prints only "Listening on <port>"; read the port from there.
    const port = await waitUntil(child, '"Listening on <port>" line', options.timeoutMs ?? 120_000, async () => {
      const match = /Listening on (\d+)/.exec(child.tail(200));
      return match ? Number(match[1]) : undefined;
    });
    const url = `http://127.0.0.1:${port}`;
    await waitUntil(child, 'pong on /_debug/ping', options.timeoutMs ?? 120_000, async () => {
      const response = await fetch(`${url}/_debug/ping`);
      return response.ok && (await response.text()) === 'pong' ? true : undefined;
    });
    return { ...child, port, url };
  } catch (error) {
    await child.stop();
    throw error;
  }
}

/** The bot and the playground pointed at it, each on a free port, with their files in a temp dir. */
export type PlaygroundStack = {
  readonly bot: BotServer;
  readonly playground: PlaygroundServer;
  /** The temp dir holding the database and the logs (removed by `stop` unless `keepFiles`). */
  readonly dir: string;
  /** The last lines of both logs, for a failure message. */
  logs(lines?: number): string;
  /** Stops the playground, then the bot, then removes the temp dir; safe to call twice. */
  stop(options?: { keepFiles?: boolean }): Promise<void>;
};

/** Starts the bot and the playground (see {@link startBot}, {@link startPlayground}) in a new temp dir. */
export async function startPlaygroundStack(options: { logLevel?: string; timeoutMs?: number } = {}): Promise<PlaygroundStack> {
  const dir = mkdtempSync(join(tmpdir(), 'laerekraft-playground-'));
  liveDirs.add(dir);
  let bot: BotServer | undefined;
  let playground: PlaygroundServer | undefined;
  const stop = async (stopOptions: { keepFiles?: boolean } = {}): Promise<void> => {
    await playground?.stop();
    await bot?.stop();
    liveDirs.delete(dir);
    if (!stopOptions.keepFiles) rmSync(dir, { recursive: true, force: true });
  };
  try {
    // Both start at once: the bot takes a few seconds (tsx compiles it), the playground about one.
    // The playground only calls the bot when a message comes, so it need not wait for the bot.
    const [botPort, playgroundPort] = await freePorts(2);
    const endpoint = `http://127.0.0.1:${botPort}/api/messages`;
    const [botResult, playgroundResult] = await Promise.allSettled([
      startBot({ port: botPort!, sqlitePath: join(dir, 'laerekraft.db'), logFile: join(dir, 'bot.log'), logLevel: options.logLevel, timeoutMs: options.timeoutMs }),
      startPlayground({
        botEndpoint: endpoint,
        port: playgroundPort!,
        cwd: dir,
        logFile: join(dir, 'playground.out'),
        playgroundLogFile: join(dir, 'playground.log'),
        timeoutMs: options.timeoutMs,
      }),
    ]);
    if (botResult.status === 'fulfilled') bot = botResult.value;
    if (playgroundResult.status === 'fulfilled') playground = playgroundResult.value;
    if (botResult.status === 'rejected') throw botResult.reason;
    if (playgroundResult.status === 'rejected') throw playgroundResult.reason;
  } catch (error) {
    await stop();
    throw error;
  }
  if (!bot || !playground) throw new Error('unreachable: both servers started');
  const started = { bot, playground };
  return {
    ...started,
    dir,
    logs: (lines = 20) => {
      const playgroundLog = join(dir, 'playground.log');
      const own = existsSync(playgroundLog) ? readFileSync(playgroundLog, 'utf8').split('\n').filter(Boolean).slice(-lines).map((line) => line.slice(0, 400)) : [];
      return [`--- bot (${started.bot.logFile}) ---`, started.bot.tail(lines), `--- playground (${playgroundLog}) ---`, ...own].join('\n');
    },
    stop,
  };
}

/** One message the bot sent, as the playground's websocket reports it. */
export type PlaygroundMessage = {
  readonly messageId: string;
  readonly from: { readonly id: string };
  readonly text?: string;
  readonly attachments?: readonly { readonly contentType: string; readonly content: Record<string, unknown> }[];
  readonly [key: string]: unknown;
};

/** The parts of GET /_internal/v1/config a test needs. */
export type PlaygroundConfig = {
  readonly tenantId: string;
  readonly bot: { readonly id: string; readonly name: string };
  readonly currentUser: { readonly id: string; readonly name: string; readonly aadObjectId: string };
  readonly users: readonly { readonly id: string; readonly name: string }[];
  readonly personalChat: { readonly id: string };
  readonly groupChats: readonly { readonly id: string; readonly name: string }[];
  /** The one mock team; its General channel's id is the team id. */
  readonly teams: readonly PlaygroundTeam[];
};

/** The playground's mock team, as GET /_internal/v1/config reports it. */
export type PlaygroundTeam = {
  readonly id: string;
  readonly name: string;
  readonly aadGroupId: string;
  /** General first (its id is the team id), then the one other channel the config allows. */
  readonly channels: readonly { readonly id: string; readonly name: string; readonly channelType: string }[];
  /** The mock users' ids; the current user is a member too but is not listed here. */
  readonly members: readonly string[];
};

/**
 * One event of the playground's conversation websocket: `createMessage`, `updateMessage` (a replaced message, same
 * `messageId`) or `typing`. Only what the bot sends is reported; the user's own posts are not echoed.
 */
export type PlaygroundEvent = {
  readonly action: string;
  /**
   * The conversation the event is in. A reply in a channel thread is in `<channel id>;messageid=<root message id>`;
   * a thread's root message (and its updates) is in the channel itself, with `message.postConversationId` = the thread.
   */
  readonly actionConversationId?: string;
  readonly message?: PlaygroundMessage;
  readonly [key: string]: unknown;
};

/** The Adaptive Card of a message, or undefined. */
export function adaptiveCardOf(message: PlaygroundMessage): Record<string, unknown> | undefined {
  return message.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
}

/** Plays the person in the playground's personal chat: sends messages, clicks card buttons, reads the bot's answers. */
export class PlaygroundDriver {
  private readonly queue: PlaygroundMessage[] = [];
  private waiter: (() => void) | undefined;
  private readonly recorded: PlaygroundEvent[] = [];
  private readonly eventWaiters = new Set<() => void>();

  private constructor(
    /** The playground's base URL. */
    readonly url: string,
    /** The mock Teams context. */
    readonly config: PlaygroundConfig,
    private readonly socket: WebSocket,
  ) {
    socket.on('message', (data) => {
      const event = JSON.parse(String(data)) as PlaygroundEvent;
      if (typeof event.action === 'string') {
        this.recorded.push(event);
        this.eventWaiters.forEach((wake) => wake());
      }
      if (event.action !== 'createMessage' || !event.message || event.message.from.id !== config.bot.id) return;
      this.queue.push(event.message);
      this.waiter?.();
    });
  }

  /** Reads the playground's config and opens its conversation websocket. */
  static async connect(url: string): Promise<PlaygroundDriver> {
    const response = await fetch(`${url}/_internal/v1/config`);
    if (!response.ok) throw new Error(`GET /_internal/v1/config answered ${response.status}`);
    const { config } = (await response.json()) as { config: PlaygroundConfig };
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/_ws_conversation/v1/conversations/stream`);
    await once(socket, 'open');
    return new PlaygroundDriver(url, config, socket);
  }

  /** The personal chat's conversation id. */
  get personalChatId(): string {
    return this.config.personalChat.id;
  }

  /** Bot messages received and not yet taken with {@link nextMessage}. */
  get pending(): number {
    return this.queue.length;
  }

  private async post(path: string, body: unknown): Promise<any> {
    const response = await fetch(`${this.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const text = await response.text();
    if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${text}`);
    return text ? JSON.parse(text) : undefined;
  }

  /**
   * Does what the playground's web page does when it opens the personal chat: `POST /_debug/conversation/{id}/installation`,
   * which makes the playground send the bot an `installationUpdate` (action add) and a `conversationUpdate` (the bot in membersAdded).
   */
  async openPersonalChat(): Promise<void> {
    await this.openConversation(this.personalChatId);
  }

  /**
   * `POST /_debug/conversation/{id}/installation`, as the web page does when it opens a conversation. For the team's
   * General channel (id = team id) the playground sends the bot an `installationUpdate` (action add, `channelData.team`)
   * and a `conversationUpdate` (`channelData.eventType: 'teamMemberAdded'`, the bot in `membersAdded`) at the same time.
   */
  async openConversation(conversationId: string): Promise<void> {
    await this.post(`/_debug/conversation/${encodeURIComponent(conversationId)}/installation`, {});
  }

  /** The playground's mock team (the first and only one). */
  get team(): PlaygroundTeam {
    const team = this.config.teams[0];
    if (!team) throw new Error('The playground config has no team');
    return team;
  }

  /**
   * Posts `text` in a group chat or channel, @mentioning the bot first (`<at>BOT NAME</at> text`), since there the bot
   * only gets messages that mention it. A post in a channel starts a new thread: `postConversationId`.
   * @remarks Always as the current user: playground 0.2.28 checks a message's `from.id` but sends the bot every typed
   * message from the current user. To act as a mock user, use {@link executeIn} (invokes keep `from`) or a custom activity.
   */
  async sayIn(conversationId: string, text: string): Promise<{ readonly messageId: string; readonly postConversationId?: string }> {
    const mention = `<at>${this.config.bot.name}</at>`;
    return (await this.post(`/_conversation/v1/conversations/${encodeURIComponent(conversationId)}/messages`, {
      from: { id: this.config.currentUser.id },
      text: `${mention} ${text}`,
      textFormat: 'plain',
      mentions: [{ mentioned: { id: this.config.bot.id }, text: mention }],
    })) as { messageId: string; postConversationId?: string };
  }

  /**
   * Clicks an `Action.Execute` button in any conversation (`replyToId` must be a message in it, or the playground
   * answers 400); as {@link execute}, it returns the bot's invoke response body.
   */
  async executeIn(
    conversationId: string,
    replyToId: string,
    verb: string,
    data: Record<string, unknown>,
    from = this.config.currentUser.id,
  ): Promise<{ type?: string; value?: unknown; statusCode?: number }> {
    return this.post('/_conversation/v1/invoke', {
      name: 'adaptiveCard/action',
      conversation: { id: conversationId },
      from: { id: from },
      replyToId,
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    });
  }

  /** Every websocket event so far, in order of arrival. */
  get events(): readonly PlaygroundEvent[] {
    return this.recorded;
  }

  /** The messages the bot created in the conversation so far, in order. */
  botMessagesIn(conversationId: string): PlaygroundMessage[] {
    return this.recorded
      .filter((event) => event.action === 'createMessage' && event.actionConversationId === conversationId && event.message?.from.id === this.config.bot.id)
      .map((event) => event.message!);
  }

  /** The first websocket event (already received or still to come) that `matches`, waiting up to `timeoutMs`. */
  async waitForEvent(matches: (event: PlaygroundEvent) => boolean, what = 'the expected websocket event', timeoutMs = 10_000): Promise<PlaygroundEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.recorded.find(matches);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`No ${what} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          clearTimeout(timer);
          this.eventWaiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, left);
        this.eventWaiters.add(wake);
      });
    }
  }

  /** The first message the bot created in the conversation that `matches` (received or still to come). */
  async waitForBotMessage(conversationId: string, matches: (message: PlaygroundMessage) => boolean = () => true, what = `a bot message in ${conversationId}`, timeoutMs = 10_000): Promise<PlaygroundMessage> {
    const event = await this.waitForEvent(
      (e) => e.action === 'createMessage' && e.actionConversationId === conversationId && e.message?.from.id === this.config.bot.id && matches(e.message),
      what,
      timeoutMs,
    );
    return event.message!;
  }

  /** Sends any activity to the bot through `POST /_internal/v1/customActivities` (the playground fills in nothing). */
  async sendCustomActivity(activity: Record<string, unknown>): Promise<void> {
    await this.post('/_internal/v1/customActivities', activity);
  }

  /** The playground's template for a custom activity in a conversation (ids, serviceUrl, from, recipient). */
  async customActivityTemplate(conversationId = this.personalChatId): Promise<Record<string, unknown>> {
    const response = await fetch(`${this.url}/_internal/v1/customActivities/template?conversationId=${encodeURIComponent(conversationId)}`);
    return (await response.json()) as Record<string, unknown>;
  }

  /** Types `text` in the personal chat as `from` (the current user by default); returns the new message's id. */
  async say(text: string, from = this.config.currentUser.id): Promise<string> {
    const answer = (await this.post(`/_conversation/v1/conversations/${encodeURIComponent(this.personalChatId)}/messages`, { from: { id: from }, text, textFormat: 'plain' })) as { messageId: string };
    return answer.messageId;
  }

  /** Clicks an `Action.Submit` button with `value` on the message `replyToId`. */
  async submit(replyToId: string, value: Record<string, unknown>, from = this.config.currentUser.id): Promise<unknown> {
    return this.post('/_conversation/v1/submit', { conversation: { id: this.personalChatId }, from: { id: from }, replyToId, value });
  }

  /**
   * Clicks an `Action.Execute` button (an `adaptiveCard/action` invoke); inputs go into `data`, as the card renderer merges them.
   * @returns The bot's invoke response body, e.g. `{type: 'application/vnd.microsoft.card.adaptive', value: <card>}`.
   */
  async execute(replyToId: string, verb: string, data: Record<string, unknown>, from = this.config.currentUser.id): Promise<{ type?: string; value?: unknown; statusCode?: number }> {
    return this.post('/_conversation/v1/invoke', {
      name: 'adaptiveCard/action',
      conversation: { id: this.personalChatId },
      from: { id: from },
      replyToId,
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    });
  }

  /** The next message the bot sent (in order of arrival), waiting up to `timeoutMs` for it. */
  async nextMessage(timeoutMs = 10_000): Promise<PlaygroundMessage> {
    const deadline = Date.now() + timeoutMs;
    while (this.queue.length === 0) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`The bot sent no message within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => (clearTimeout(timer), resolve());
      });
      this.waiter = undefined;
    }
    return this.queue.shift()!;
  }

  /** Resolves when the websocket has delivered a `createMessage` event for each of `messageIds` (waiting up to `timeoutMs`). */
  async waitForMessages(messageIds: readonly string[], what = 'the logged bot messages on the websocket', timeoutMs = 10_000): Promise<void> {
    for (const messageId of messageIds) {
      await this.waitForEvent((e) => e.action === 'createMessage' && e.message?.messageId === messageId, `${what} (message ${messageId})`, timeoutMs);
    }
  }

  /**
   * Fails if the bot sent a message not yet taken with {@link nextMessage}.
   * @remarks Proves that nothing more came only after a point at which everything the bot sent has arrived: see {@link botSettled}.
   */
  expectNoPendingMessage(): void {
    if (this.queue.length > 0) throw new Error(`Expected no more messages, got: ${JSON.stringify(this.queue[0]).slice(0, 500)}`);
  }

  /** Closes the websocket. */
  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    const closed = once(this.socket, 'close');
    this.socket.close();
    await closed;
  }
}

/** A button on an Adaptive Card. */
export type CardAction = { readonly type: string; readonly title?: string; readonly verb?: string; readonly data?: Record<string, unknown> };

/** Every action on a card (in `actions`, action sets and select actions), in document order. */
export function cardActions(card: unknown): CardAction[] {
  const found: CardAction[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      const node = value as Record<string, unknown>;
      if (typeof node.type === 'string' && node.type.startsWith('Action.')) found.push(node as CardAction);
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** One entry of the playground's own log: an activity it sent the bot, or a Bot Connector call of the bot. */
export type PlaygroundLogEntry = {
  readonly activityName: string;
  /** `Microsoft 365 Agents Playground` for an activity sent to the bot, `User Application` for the bot's own call. */
  readonly from: string;
  readonly conversationId?: string;
  readonly messageId?: string;
  /** The answer's status: the bot's to an activity, the playground's to a call (201 for a message created, 200 for one replaced). */
  readonly statusCode?: number;
  /** The answer's body. */
  readonly responseBody?: unknown;
  /** The JSON of the whole entry. */
  readonly json: string;
};

/**
 * Every activity and Bot Connector call the playground logged, in both directions, in the order it wrote them.
 * @remarks The playground writes an entry when the exchange is over: an activity it sent the bot once the bot answered
 * it (so once the bot's turn is done, including the messages the turn sent), a call of the bot once it answered the call.
 */
export function playgroundLog(stack: Pick<PlaygroundStack, 'dir'>): PlaygroundLogEntry[] {
  const file = join(stack.dir, 'playground.log');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line) => {
      const start = line.indexOf('{');
      if (start < 0 || !line.includes('"activityName"')) return [];
      let parsed: { log?: Record<string, unknown> } & Record<string, unknown>;
      try {
        parsed = JSON.parse(line.slice(start)) as typeof parsed;
      } catch {
        return [];
      }
      const entry = (parsed.log ?? parsed) as Record<string, unknown>;
      if (typeof entry.activityName !== 'string' || typeof entry.from !== 'string') return [];
      const response = entry.response as { statusCode?: unknown; body?: unknown } | undefined;
      const status = response?.statusCode;
      return [
        {
          activityName: entry.activityName,
          from: entry.from,
          conversationId: typeof entry.conversationId === 'string' ? entry.conversationId : undefined,
          messageId: typeof entry.messageId === 'string' ? entry.messageId : undefined,
          statusCode: typeof status === 'number' ? status : undefined,
          responseBody: response?.body,
          json: JSON.stringify(entry),
        },
      ];
    });
}

/** The playground's name in its log, as the sender of the activities it sends the bot. */
export const playgroundSender = 'Microsoft 365 Agents Playground';
/** The bot's name in the playground's log, as the caller of the Bot Connector. */
export const botCaller = 'User Application';

/**
 * The messages the bot created, in order, by the playground's log (not by the websocket): each with its conversation
 * (a thread's root message, created with the thread, is in the channel). Replacing a message creates none.
 */
export function loggedBotCreations(stack: Pick<PlaygroundStack, 'dir'>): { readonly conversationId: string; readonly messageId: string }[] {
  return playgroundLog(stack).flatMap((entry) => {
    if (entry.from !== botCaller || entry.statusCode !== 201) return [];
    if (entry.activityName === 'message' && entry.conversationId && entry.messageId) return [{ conversationId: entry.conversationId, messageId: entry.messageId }];
    // A new thread: the answer names the thread (`<channel>;messageid=<root>`) and the root message.
    const created = entry.responseBody as { id?: unknown; activityId?: unknown } | undefined;
    if (entry.activityName === 'createConversation' && typeof created?.id === 'string' && typeof created.activityId === 'string') {
      return [{ conversationId: created.id.split(';')[0]!, messageId: created.activityId }];
    }
    return [];
  });
}

/** The ids of the messages the bot created in `conversationId`, in order, by the playground's log (not by the websocket). */
export function loggedBotMessages(stack: Pick<PlaygroundStack, 'dir'>, conversationId: string): string[] {
  return loggedBotCreations(stack)
    .filter((created) => created.conversationId === conversationId)
    .map((created) => created.messageId);
}

/** How many rows of the bot's outbox are still to be sent (pending) or being sent (leased), from the stack's SQLite database. */
export function outboxBacklog(stack: Pick<PlaygroundStack, 'dir'>): number {
  const database = new SQLite(join(stack.dir, 'laerekraft.db'), { readonly: true, fileMustExist: true });
  try {
    const row = database.prepare("SELECT count(*) AS n FROM outbox WHERE status IN ('pending', 'leased')").get() as { n: number };
    return row.n;
  } finally {
    database.close();
  }
}

/** Polls every 50 ms until `check` holds; fails with `what` after `timeoutMs`. For waiting on something to happen, never to prove that it did not. */
export async function pollUntil(what: string, timeoutMs: number, check: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`No ${what} within ${timeoutMs} ms`);
    await sleep(50);
  }
}

/**
 * Waits for the point after which the bot sends nothing more for what has happened so far, so that a test can then
 * assert what did not happen: the playground has logged the bot's answer to each of the activities `answered` (by
 * name, as many as listed: the turns are over), the bot's outbox has nothing pending or leased (everything those turns
 * queued has been sent), and the websocket has delivered every message the log says the bot created.
 * @remarks Activities whose HTTP answer the test awaited itself (invokes) are over already and need not be listed.
 * Nothing else may make the bot send meanwhile (the tests set their courses up to start a week ahead).
 */
export async function botSettled(stack: PlaygroundStack, driver: PlaygroundDriver, answered: readonly string[] = [], timeoutMs = 10_000): Promise<void> {
  const count = (name: string) => answered.filter((other) => other === name).length;
  await pollUntil(`answer of the bot to ${answered.join(', ')} in the playground's log`, timeoutMs, () => {
    const sent = playgroundLog(stack).filter((entry) => entry.from === playgroundSender && entry.statusCode !== undefined);
    return answered.every((name) => sent.filter((entry) => entry.activityName === name).length >= count(name));
  });
  await pollUntil('empty outbox', timeoutMs, () => outboxBacklog(stack) === 0);
  const created = loggedBotCreations(stack).map((message) => message.messageId);
  await driver.waitForMessages(created, 'bot message logged by the playground, on the websocket', timeoutMs);
}

/** The first entry of the playground's log that `matches`, waiting up to `timeoutMs` for the playground to write it. */
export async function waitForLogEntry(stack: Pick<PlaygroundStack, 'dir'>, matches: (entry: PlaygroundLogEntry) => boolean, what: string, timeoutMs = 5_000): Promise<PlaygroundLogEntry> {
  let found: PlaygroundLogEntry | undefined;
  await pollUntil(what, timeoutMs, () => (found = playgroundLog(stack).find(matches)) !== undefined);
  return found!;
}

/** Waits until the playground's log has a line containing `text` (its own messages, e.g. what it logs when a handler ends). */
export async function waitForLogText(stack: Pick<PlaygroundStack, 'dir'>, text: string, timeoutMs = 5_000): Promise<void> {
  const file = join(stack.dir, 'playground.log');
  await pollUntil(`"${text}" in the playground's log`, timeoutMs, () => existsSync(file) && readFileSync(file, 'utf8').includes(text));
}
