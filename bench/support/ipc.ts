import { fork, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector';
import { performance, type EventLoopUtilization } from 'node:perf_hooks';

/** What a connector post must contain to count as the turn's expected reply. */
export type Expectation =
  | { readonly kind: 'echo'; readonly text: string }
  | { readonly kind: 'lesson'; readonly lessonByConversation: Readonly<Record<string, string>> };

/** A request from the bench to one of its child processes. */
export type ControlRequest =
  | { readonly type: 'mark' }
  | { readonly type: 'stats' }
  | { readonly type: 'expect'; readonly expectation: Expectation }
  | { readonly type: 'profile-start'; readonly intervalUs: number }
  | { readonly type: 'profile-stop'; readonly path: string }
  | { readonly type: 'stop' };

/** CPU, event-loop and memory figures of one process since the last `mark`. */
export type ProcessStats = {
  readonly wallMs: number;
  /** User + system CPU of the whole process (all threads). */
  readonly cpuMs: number;
  /** Event-loop utilisation of the main thread, 0–1. */
  readonly elu: number;
  /** Peak resident set size over the life of the process. */
  readonly maxRssMiB: number;
  /** Resident set size now. */
  readonly rssMiB: number;
};

/** What the fake connector saw since the last `mark`. */
export type ConnectorCounts = {
  /** POSTs to `/v3/conversations/{id}/activities[/{replyToId}]`. */
  readonly posts: number;
  /** Posts whose body is the expected reply for that conversation. */
  readonly matched: number;
  readonly mismatched: number;
  /** Anything else: other paths or methods. */
  readonly unexpectedRequests: number;
  readonly bodyBytes: number;
  /** TCP connections the bots opened to the connector. */
  readonly connections: number;
  /** The start of the first mismatched body, for diagnosis. */
  readonly firstMismatch?: string;
};

/** A child's answer to one control request. */
export type ControlReply = {
  readonly stats?: ProcessStats;
  readonly connector?: ConnectorCounts;
};

type ToChild = ControlRequest & { readonly id: number };
type FromChild =
  | { readonly type: 'ready'; readonly port: number; readonly detail?: unknown }
  | { readonly type: 'reply'; readonly id: number; readonly reply?: ControlReply; readonly error?: string };

/** The child side: report readiness and answer control requests over the IPC channel. */
export function serveControl(options: {
  readonly port: number;
  readonly detail?: unknown;
  /** Extra handling for requests the generic part does not know, and extra reply fields. */
  readonly handle?: (request: ControlRequest) => Partial<ControlReply> | undefined;
  readonly stop: () => Promise<void>;
}): void {
  const send = process.send?.bind(process);
  if (!send) throw new Error('This script is started by bench/turn.ts (it needs an IPC channel).');
  let baseline = { at: performance.now(), cpu: process.cpuUsage(), elu: performance.eventLoopUtilization() };
  let session: Session | undefined;

  const stats = (): ProcessStats => {
    const cpu = process.cpuUsage(baseline.cpu);
    const elu: EventLoopUtilization = performance.eventLoopUtilization(baseline.elu);
    return {
      wallMs: performance.now() - baseline.at,
      cpuMs: (cpu.user + cpu.system) / 1000,
      elu: elu.utilization,
      maxRssMiB: process.resourceUsage().maxRSS / 1024,
      rssMiB: process.memoryUsage.rss() / (1024 * 1024),
    };
  };

  const handle = async (request: ControlRequest): Promise<ControlReply> => {
    switch (request.type) {
      case 'mark':
        baseline = { at: performance.now(), cpu: process.cpuUsage(), elu: performance.eventLoopUtilization() };
        return { ...options.handle?.(request) };
      case 'stats':
        return { stats: stats(), ...options.handle?.(request) };
      case 'profile-start':
        session = new Session();
        session.connect();
        await post(session, 'Profiler.enable');
        await post(session, 'Profiler.setSamplingInterval', { interval: request.intervalUs });
        await post(session, 'Profiler.start');
        return {};
      case 'profile-stop': {
        if (!session) throw new Error('profiler was not started');
        const { profile } = (await post(session, 'Profiler.stop')) as { profile: unknown };
        session.disconnect();
        session = undefined;
        await writeFile(request.path, JSON.stringify(profile));
        return {};
      }
      case 'stop':
        await options.stop();
        return {};
      default:
        return { ...options.handle?.(request) };
    }
  };

  process.on('message', (message: ToChild) => {
    handle(message).then(
      (reply) => {
        send({ type: 'reply', id: message.id, reply } satisfies FromChild);
        if (message.type === 'stop') process.disconnect();
      },
      (error: unknown) => send({ type: 'reply', id: message.id, error: error instanceof Error ? error.stack ?? error.message : String(error) } satisfies FromChild),
    );
  });
  // The bench died or closed the channel: nothing is left to serve.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', port: options.port, detail: options.detail } satisfies FromChild);
}

function post(session: Session, method: string, params?: object): Promise<unknown> {
  return new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
}

/** The bench side of one child process: started with tsx, driven over IPC. */
export class BenchChild {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (reply: ControlReply) => void; reject: (error: Error) => void }>();
  private output = '';
  private exited = false;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {}

  /** Forks `script` (TypeScript, run through tsx) and resolves when it reports its port. */
  static async start(name: string, script: string, options: { readonly cwd: string; readonly env: NodeJS.ProcessEnv; readonly timeoutMs?: number }): Promise<{ child: BenchChild; port: number; detail: unknown }> {
    const child = fork(script, [], {
      cwd: options.cwd,
      env: options.env,
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const handle = new BenchChild(name, child);
    const keep = (chunk: Buffer): void => {
      handle.output = (handle.output + chunk.toString('utf8')).slice(-8000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name} did not start within ${options.timeoutMs ?? 60_000} ms:\n${handle.output}`)), options.timeoutMs ?? 60_000);
      child.on('message', (message: FromChild) => {
        if (message.type === 'ready') {
          clearTimeout(timer);
          resolve({ child: handle, port: message.port, detail: message.detail });
        } else {
          const waiter = handle.pending.get(message.id);
          handle.pending.delete(message.id);
          if (message.error !== undefined) waiter?.reject(new Error(`${name}: ${message.error}`));
          else waiter?.resolve(message.reply ?? {});
        }
      });
      child.on('exit', (code, signal) => {
        handle.exited = true;
        clearTimeout(timer);
        const failure = new Error(`${name} exited (code ${code}, signal ${signal}):\n${handle.output}`);
        reject(failure);
        for (const waiter of handle.pending.values()) waiter.reject(failure);
        handle.pending.clear();
      });
    });
  }

  /** The process id, for the report. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Sends one control request and waits for the answer. */
  request(request: ControlRequest): Promise<ControlReply> {
    if (this.exited) return Promise.reject(new Error(`${this.name} is not running:\n${this.output}`));
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ ...request, id } satisfies ToChild);
    });
  }

  /** Asks the child to close and exit; kills this child (by its own handle) if it does not within the timeout. */
  async stop(timeoutMs = 5000): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    await Promise.race([this.request({ type: 'stop' }).catch(() => undefined), delay(timeoutMs)]);
    await Promise.race([exited, delay(timeoutMs)]);
    if (!this.exited) {
      this.child.kill('SIGKILL');
      await exited;
    }
  }
}

/** Resolves after `ms` milliseconds. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
