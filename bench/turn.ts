/**
 * `npm run bench:turn` — throughput and latency of a Lærekraft `neste` turn over HTTP, side by side with a
 * bare botbuilder echo bot on the same restify + CloudAdapter stack. Prints figures and ratios; never asserts
 * on timings. Exits 1 only when the run had errors (non-2xx, socket errors, missing or wrong connector posts),
 * because then the figures do not measure a working turn.
 *
 * Process layout (all on loopback):
 *   this process ── autocannon, 32 connections ──▶ app child  (real composeApp, SQLite in a temp folder)
 *                                              └─▶ echo child (bare echo bot)
 *   both bots ── reply POST ──▶ fake connector child (answers `{id}` at once, checks every reply)
 * Each bot runs in its own child process rather than in this one: autocannon's request generation and
 * response parsing would otherwise share (and steal) the bot's single event-loop thread, capping both
 * bots at the load generator's speed, and process-wide CPU time, event-loop utilisation and peak RSS
 * could not be attributed to the bot. The connector gets its own process for the same reason.
 *
 * Options (flags win over environment variables):
 *   --duration S   (BENCH_DURATION, 10)   seconds measured per bot per round
 *   --warmup S     (BENCH_WARMUP, 5)      seconds of warm-up per bot before the first round (not reported)
 *   --rounds N     (BENCH_ROUNDS, 3)      rounds of echo then neste; the summary is the median of rounds
 *   --connections N (BENCH_CONNECTIONS, 32)
 *   --users N      (BENCH_USERS, 1000)    distinct people, sent round-robin
 *   --profile      (BENCH_PROFILE=1)      CPU-profile both bots during the measured rounds and print where the time goes
 *   --profile-interval US (250)           sampling interval of the profiler in microseconds
 *   --keep                                keep the temp folder (database, profiles)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { verbs } from '../cards/verbs.js';
import { cardAction, personalMessage } from '../tests/helpers/activities.js';
import { benchUser, lessonsReadBefore, type BenchUser } from './support/bench-users.js';
import { summariseCpuProfile, type ProfileRow, type ProfileSummary } from './support/cpu-profile.js';
import { BenchChild, delay, type ConnectorCounts, type Expectation, type ProcessStats } from './support/ipc.js';
import type { AppReadyDetail } from './support/laerekraft-process.js';

/** The run's settings. */
type BenchOptions = {
  readonly durationS: number;
  readonly warmupS: number;
  readonly rounds: number;
  readonly connections: number;
  readonly users: number;
  readonly profile: boolean;
  readonly profileIntervalUs: number;
  readonly keep: boolean;
};

type BotName = 'echo' | 'neste';

type StartedChild = Awaited<ReturnType<typeof BenchChild.start>>;

type Target = {
  readonly name: BotName;
  readonly label: string;
  readonly child: BenchChild;
  readonly url: string;
  readonly expectation: Expectation;
};

type LoadResult = {
  readonly seconds: number;
  readonly ok: number;
  readonly non2xx: number;
  readonly statusCounts: Readonly<Record<string, number>>;
  readonly socketErrors: number;
  readonly timeouts: number;
  readonly latenciesMs: Float64Array;
};

type Phase = {
  readonly bot: BotName;
  readonly round: number;
  readonly load: LoadResult;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly botStats: ProcessStats;
  readonly connectorStats: ProcessStats;
  readonly connector: ConnectorCounts;
  readonly loadgenCpuShare: number;
  /** 2xx answers for which the connector received no matching reply. */
  readonly missingReplies: number;
  /** Connector posts beyond one per turn (and the turns still in flight when the load stopped): retried or duplicated replies. */
  readonly extraPosts: number;
};

const root = fileURLToPath(new URL('..', import.meta.url));
const script = (name: string): string => fileURLToPath(new URL(`./support/${name}`, import.meta.url));

function parseOptions(): BenchOptions {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string' },
      warmup: { type: 'string' },
      rounds: { type: 'string' },
      connections: { type: 'string' },
      users: { type: 'string' },
      profile: { type: 'boolean' },
      'profile-interval': { type: 'string' },
      keep: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write('usage: npm run bench:turn -- [--duration S] [--warmup S] [--rounds N] [--connections N] [--users N] [--profile] [--profile-interval US] [--keep]\n');
    process.exit(0);
  }
  const number = (flag: string | undefined, env: string, fallback: number, min: number): number => {
    const raw = flag ?? process.env[env];
    const value = raw === undefined || raw === '' ? fallback : Number(raw);
    if (!Number.isFinite(value) || value < min) throw new Error(`${env} / --${env.slice(6).toLowerCase()} must be a number ≥ ${min} (got ${raw})`);
    return value;
  };
  return {
    durationS: number(values.duration, 'BENCH_DURATION', 10, 1),
    warmupS: number(values.warmup, 'BENCH_WARMUP', 5, 0),
    rounds: Math.round(number(values.rounds, 'BENCH_ROUNDS', 3, 1)),
    connections: Math.round(number(values.connections, 'BENCH_CONNECTIONS', 32, 1)),
    users: Math.round(number(values.users, 'BENCH_USERS', 1000, 1)),
    profile: values.profile ?? ['1', 'true'].includes(process.env.BENCH_PROFILE ?? ''),
    profileIntervalUs: Math.round(number(values['profile-interval'], 'BENCH_PROFILE_INTERVAL', 250, 50)),
    keep: values.keep ?? false,
  };
}

/** The environment for the children: local mode for sure, nothing from a developer's .env leaking in. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['BOT_ID', 'BOT_PASSWORD', 'BOT_TYPE', 'BOT_TENANT_ID', 'BOT_DOMAIN', 'DATABASE_URL', 'COURSE_PACKS', 'NODE_OPTIONS']) delete env[name];
  return { ...env, ...extra };
}

/** Runs autocannon for `seconds` against a bot, one Teams personal message per request, people round-robin. */
function runLoad(url: string, seconds: number, connections: number, bodyFor: (n: number) => string): Promise<LoadResult> {
  let sent = 0;
  let ok = 0;
  let latencies = new Float64Array(65_536);
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        method: 'POST',
        connections,
        pipelining: 1,
        duration: seconds,
        timeout: 10,
        headers: { 'content-type': 'application/json' },
        requests: [{ method: 'POST', setupRequest: (request) => ({ ...request, body: bodyFor(sent++) }) }],
      },
      (error: unknown, result) => {
        if (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        const statusCounts: Record<string, number> = {};
        for (const [code, { count }] of Object.entries(result.statusCodeStats ?? {})) if (!code.startsWith('2')) statusCounts[code] = count ?? 0;
        resolve({
          seconds: Number(process.hrtime.bigint() - started) / 1e9,
          ok,
          non2xx: result.non2xx,
          statusCounts,
          socketErrors: result.errors - result.timeouts,
          timeouts: result.timeouts,
          latenciesMs: latencies.subarray(0, ok),
        });
      },
    );
    // Exact latencies of 2xx answers (autocannon's histogram rounds to whole milliseconds).
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode < 200 || statusCode > 299) return;
      if (ok === latencies.length) {
        const grown = new Float64Array(latencies.length * 2);
        grown.set(latencies);
        latencies = grown;
      }
      latencies[ok++] = responseTime;
    });
  });
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Waits until the connector has received every reply still in flight (no new post for 300 ms). */
async function settle(connector: BenchChild): Promise<ConnectorCounts> {
  let last = (await connector.request({ type: 'stats' })).connector!;
  for (let waited = 0; waited < 3000; waited += 300) {
    await delay(300);
    const now = (await connector.request({ type: 'stats' })).connector!;
    if (now.posts === last.posts && now.unexpectedRequests === last.unexpectedRequests) return now;
    last = now;
  }
  return last;
}

async function measure(target: Target, round: number, connector: BenchChild, options: BenchOptions, bodyFor: (n: number) => string): Promise<Phase> {
  await connector.request({ type: 'expect', expectation: target.expectation });
  await Promise.all([connector.request({ type: 'mark' }), target.child.request({ type: 'mark' })]);
  const loadgenCpu = process.cpuUsage();
  const load = await runLoad(target.url, options.durationS, options.connections, bodyFor);
  const loadgen = process.cpuUsage(loadgenCpu);
  const counts = await settle(connector);
  const [botStats, connectorStats] = await Promise.all([target.child.request({ type: 'stats' }), connector.request({ type: 'stats' })]);
  const sorted = Float64Array.from(load.latenciesMs).sort();
  return {
    bot: target.name,
    round,
    load,
    rps: load.ok / load.seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    botStats: botStats.stats!,
    connectorStats: connectorStats.stats!,
    connector: counts,
    loadgenCpuShare: (loadgen.user + loadgen.system) / 1000 / (load.seconds * 1000),
    missingReplies: Math.max(0, load.ok - counts.matched),
    extraPosts: Math.max(0, counts.posts - load.ok - load.non2xx - options.connections),
  };
}

/** Main-thread busy (wall) time per turn: event-loop utilisation × wall time ÷ turns. */
function loopUsPerTurn(phase: Phase): number {
  return (phase.botStats.elu * phase.botStats.wallMs * 1000) / Math.max(1, phase.load.ok);
}

function errorsOf(phase: Phase): string[] {
  const problems: string[] = [];
  const { load, connector } = phase;
  if (load.non2xx > 0) problems.push(`${load.non2xx} non-2xx answers (${Object.entries(load.statusCounts).map(([code, n]) => `${code}×${n}`).join(', ')})`);
  if (load.socketErrors > 0) problems.push(`${load.socketErrors} socket errors`);
  if (load.timeouts > 0) problems.push(`${load.timeouts} timeouts (10 s)`);
  if (connector.mismatched > 0) problems.push(`${connector.mismatched} connector posts were not the expected reply`);
  if (connector.unexpectedRequests > 0) problems.push(`${connector.unexpectedRequests} unexpected connector requests`);
  if (phase.missingReplies > 0) problems.push(`${phase.missingReplies} 2xx turns without a matching connector post`);
  if (phase.extraPosts > 0) problems.push(`${phase.extraPosts} more connector posts than turns (replies the Bot Framework client retried, or error cards sent after a failed reply)`);
  if (load.ok === 0) problems.push('no successful turn at all');
  return problems;
}

const fmt = (value: number, digits = 0): string =>
  Number.isFinite(value) ? value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '–';
const pct = (share: number): string => `${fmt(share * 100, 0)} %`;
const pad = (text: string, width: number): string => (text.length >= width ? text : ' '.repeat(width - text.length) + text);
const padEnd = (text: string, width: number): string => (text.length >= width ? text : text + ' '.repeat(width - text.length));

function table(header: readonly string[], rows: readonly (readonly string[])[], leftColumns = 1): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const line = (cells: readonly string[]): string =>
    cells.map((cell, column) => (column < leftColumns ? padEnd(cell, widths[column]!) : pad(cell, widths[column]!))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

function printProfiles(neste: ProfileSummary, nesteTurns: number, echo: ProfileSummary, echoTurns: number): void {
  const perTurn = (ms: number, turns: number): number => (ms * 1000) / Math.max(1, turns);
  const us = (value: number): string => `${fmt(value)} µs`;
  const block = (heading: string, rows: readonly ProfileRow[], limit: number): void => {
    console.log(`\n  ${heading}`);
    console.log(table(['    ', 'share', 'per turn'], rows.slice(0, limit).map((row) => [`    ${row.name}`, pct(row.share), us(perTurn(row.ms, nesteTurns))])));
  };
  console.log(
    `\nCPU profiles of the two bot processes during the measured rounds (main thread; idle and the bench's own IPC left out)\n` +
      `  Lærekraft app: ${fmt(neste.busyMs)} ms busy over ${fmt(nesteTurns)} neste turns = ${us(perTurn(neste.busyMs, nesteTurns))} per turn\n` +
      `  echo bot:      ${fmt(echo.busyMs)} ms busy over ${fmt(echoTurns)} echo turns = ${us(perTurn(echo.busyMs, echoTurns))} per turn`,
  );
  const echoSelf = new Map(echo.selfByArea.map((row) => [row.name, row.ms]));
  const areas = neste.selfByArea.filter((row) => perTurn(row.ms, nesteTurns) >= 5 || perTurn(echoSelf.get(row.name) ?? 0, echoTurns) >= 5);
  console.log('\n  Self time per turn by area, side by side (native calls such as JSON, regexps and socket writes charged to their JS caller):');
  console.log(
    table(
      ['    area', 'neste', 'echo', 'neste − echo'],
      areas.map((row) => {
        const mine = perTurn(row.ms, nesteTurns);
        const theirs = perTurn(echoSelf.get(row.name) ?? 0, echoTurns);
        return [`    ${row.name}`, us(mine), us(theirs), `${mine - theirs >= 0 ? '+' : ''}${us(mine - theirs)}`];
      }),
    ),
  );
  block('Lærekraft: inclusive time by area (the area anywhere on the stack; areas nest, so shares add up to more than 100 %):', neste.inclusiveByArea, 22);
  block("Lærekraft: the project's own functions, inclusive (with everything they call):", neste.inclusiveAppFunctions, 18);
  block('Lærekraft: hottest functions, self time:', neste.selfFunctions, 22);
}

/**
 * Seeds reading progress and language choices through the bot itself, as people would produce them:
 * `lesson.read` card actions and `språk nn` messages (so the bench depends on no storage internals).
 */
async function seed(appUrl: string, serviceUrl: string, users: readonly BenchUser[], app: AppReadyDetail): Promise<{ progressRows: number; languages: number; ms: number }> {
  const started = performance.now();
  const bodies: string[] = [];
  let progressRows = 0;
  let languages = 0;
  for (const person of users) {
    const who = { serviceUrl, user: person.user, locale: person.locale };
    for (const lessonId of app.lessonIds.slice(0, lessonsReadBefore(person.index, app.lessonIds.length))) {
      bodies.push(JSON.stringify(cardAction(verbs.lessonRead, { courseId: app.courseId, lessonId }, who)));
      progressRows += 1;
    }
    if (person.storedLanguage) {
      bodies.push(JSON.stringify(personalMessage(`språk ${person.storedLanguage}`, who)));
      languages += 1;
    }
  }
  let next = 0;
  const failures: string[] = [];
  const worker = async (): Promise<void> => {
    while (next < bodies.length && failures.length === 0) {
      const body = bodies[next++]!;
      const response = await fetch(appUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const text = await response.text();
      if (response.status !== 200) failures.push(`HTTP ${response.status} ${text.slice(0, 300)} for ${body.slice(0, 300)}`);
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  if (failures.length > 0) throw new Error(`Seeding the app failed: ${failures[0]}`);
  return { progressRows, languages, ms: performance.now() - started };
}

async function main(): Promise<void> {
  const options = parseOptions();
  const work = mkdtempSync(join(tmpdir(), 'laerekraft-bench-'));
  const children: BenchChild[] = [];
  let failed = false;
  try {
    // Wait for all three even when one fails, so every child that did start is stopped below.
    const starts = await Promise.allSettled([
      BenchChild.start('fake connector', script('fake-connector-process.ts'), { cwd: root, env: childEnv({}) }),
      BenchChild.start('Lærekraft app', script('laerekraft-process.ts'), {
        cwd: root,
        env: childEnv({ NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', SQLITE_PATH: join(work, 'laerekraft.db'), LOG_LEVEL: 'silent' }),
        timeoutMs: 120_000,
      }),
      BenchChild.start('echo bot', script('echo-bot-process.ts'), { cwd: root, env: childEnv({ NODE_ENV: 'production' }) }),
    ]);
    const up: StartedChild[] = [];
    for (const start of starts) {
      if (start.status === 'rejected') continue;
      children.push(start.value.child);
      up.push(start.value);
    }
    const failedStart = starts.find((start) => start.status === 'rejected');
    if (failedStart) throw failedStart.reason;
    const [startedConnector, startedApp, startedEcho] = up as [StartedChild, StartedChild, StartedChild];
    const connector = startedConnector.child;
    const serviceUrl = `http://127.0.0.1:${startedConnector.port}/`;
    const app = startedApp.detail as AppReadyDetail;

    const users: BenchUser[] = Array.from({ length: options.users }, (_, index) => benchUser(index));
    const bodyFor = (n: number): string => {
      const person = users[n % users.length]!;
      return JSON.stringify(personalMessage('neste', { serviceUrl, user: person.user, locale: person.locale }));
    };
    const seeded = await seed(`http://127.0.0.1:${startedApp.port}/api/messages`, serviceUrl, users, app);
    const lessonByConversation: Record<string, string> = {};
    for (const person of users) {
      const conversation = (personalMessage('neste', { serviceUrl, user: person.user }).conversation as { id: string }).id;
      lessonByConversation[conversation] = app.lessonIds[lessonsReadBefore(person.index, app.lessonIds.length)]!;
    }
    const targets: Record<BotName, Target> = {
      echo: { name: 'echo', label: 'bare echo bot', child: startedEcho.child, url: `http://127.0.0.1:${startedEcho.port}/api/messages`, expectation: { kind: 'echo', text: 'echo: neste' } },
      neste: { name: 'neste', label: 'Lærekraft neste', child: startedApp.child, url: `http://127.0.0.1:${startedApp.port}/api/messages`, expectation: { kind: 'lesson', lessonByConversation } },
    };

    console.log('Lærekraft turn benchmark: a `neste` turn vs a bare botbuilder echo bot (restify + CloudAdapter, local mode, HTTP on loopback)');
    console.log(
      `  ${options.connections} connections, warm-up ${options.warmupS} s per bot, ${options.rounds} round(s) × ${options.durationS} s per bot (echo, neste alternately), ${fmt(options.users)} people round-robin`,
    );
    console.log(
      `  app: SQLite (WAL) in ${work}, ${fmt(seeded.progressRows)} lessons read and ${fmt(seeded.languages)} language choices seeded through the bot in ${fmt(seeded.ms)} ms; course ${app.courseId} (${app.lessonIds.length} lessons)`,
    );
    console.log(`  machine: ${availableParallelism()} CPUs, load average ${loadavg().map((n) => n.toFixed(2)).join(' ')} at start (shared machine: figures are noisy)`);

    // One turn each first, so a broken setup fails fast with the reason instead of 10 s of errors.
    for (const target of [targets.echo, targets.neste]) {
      await connector.request({ type: 'expect', expectation: target.expectation });
      await connector.request({ type: 'mark' });
      const response = await fetch(target.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bodyFor(0) });
      const text = await response.text();
      const counts = await settle(connector);
      if (response.status !== 200 || counts.matched !== 1) {
        throw new Error(`Smoke turn against ${target.label} failed: HTTP ${response.status} ${text.slice(0, 300)}; connector ${JSON.stringify(counts)}`);
      }
    }

    if (options.warmupS > 0) {
      for (const target of [targets.echo, targets.neste]) await runLoad(target.url, options.warmupS, options.connections, bodyFor);
      await settle(connector);
    }
    if (options.profile) {
      await Promise.all([targets.echo, targets.neste].map((target) => target.child.request({ type: 'profile-start', intervalUs: options.profileIntervalUs })));
    }

    const phases: Phase[] = [];
    const roundRows: string[][] = [];
    for (let round = 1; round <= options.rounds; round += 1) {
      const byBot: Partial<Record<BotName, Phase>> = {};
      for (const target of [targets.echo, targets.neste]) {
        const phase = await measure(target, round, connector, options, bodyFor);
        phases.push(phase);
        byBot[target.name] = phase;
        const ratio = target.name === 'neste' && byBot.echo ? fmt(phase.rps / byBot.echo.rps, 2) : '';
        const errors = errorsOf(phase);
        roundRows.push([
          String(round),
          target.name,
          fmt(phase.rps),
          fmt(phase.p50, 1),
          fmt(phase.p99, 1),
          errors.length > 0 ? `${phase.load.non2xx + phase.load.socketErrors + phase.load.timeouts}/${phase.connector.mismatched + phase.connector.unexpectedRequests + phase.missingReplies + phase.extraPosts} !!` : '0/0',
          fmt((phase.botStats.cpuMs * 1000) / Math.max(1, phase.load.ok)),
          fmt(loopUsPerTurn(phase)),
          fmt(phase.botStats.elu, 2),
          fmt(phase.botStats.rssMiB),
          pct(phase.connectorStats.cpuMs / phase.connectorStats.wallMs),
          pct(phase.loadgenCpuShare),
          fmt(phase.connector.bodyBytes / Math.max(1, phase.connector.posts)),
          fmt(phase.connector.posts / Math.max(1, phase.connector.connections)),
          ratio,
        ]);
      }
    }
    console.log(`\nRounds (load average now ${loadavg().map((n) => n.toFixed(2)).join(' ')})`);
    console.log(
      table(
        ['round', 'bot', 'req/s', 'p50 ms', 'p99 ms', 'http/conn errors', 'bot CPU µs/turn', 'loop µs/turn', 'bot ELU', 'bot RSS MiB', 'connector CPU', 'loadgen CPU', 'reply bytes', 'replies/conn', 'neste/echo'],
        roundRows,
        2,
      ),
    );

    const summary = (bot: BotName) => {
      const mine = phases.filter((phase) => phase.bot === bot);
      return {
        rps: median(mine.map((phase) => phase.rps)),
        p50: median(mine.map((phase) => phase.p50)),
        p99: median(mine.map((phase) => phase.p99)),
        httpErrors: mine.reduce((sum, phase) => sum + phase.load.non2xx + phase.load.socketErrors + phase.load.timeouts, 0),
        connectorErrors: mine.reduce((sum, phase) => sum + phase.connector.mismatched + phase.connector.unexpectedRequests + phase.missingReplies + phase.extraPosts, 0),
        cpuUsPerTurn: median(mine.map((phase) => (phase.botStats.cpuMs * 1000) / Math.max(1, phase.load.ok))),
        loopUsPerTurn: median(mine.map(loopUsPerTurn)),
        elu: median(mine.map((phase) => phase.botStats.elu)),
        peakRssMiB: Math.max(...mine.map((phase) => phase.botStats.maxRssMiB)),
        replyBytes: median(mine.map((phase) => phase.connector.bodyBytes / Math.max(1, phase.connector.posts))),
        turns: mine.reduce((sum, phase) => sum + phase.load.ok, 0),
      };
    };
    const echo = summary('echo');
    const neste = summary('neste');
    console.log(`\nMedian of ${options.rounds} round(s), ${options.connections} connections, ${options.durationS} s each`);
    console.log(
      table(
        ['bot', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx+socket errors', 'connector failures', 'CPU µs/turn', 'loop µs/turn', 'ELU', 'peak RSS MiB', 'reply bytes'],
        [
          ['bare echo bot', echo, 'echo'] as const,
          ['Lærekraft neste', neste, 'neste'] as const,
        ].map(([label, s]) => [label, fmt(s.rps), fmt(s.p50, 1), fmt(s.p99, 1), fmt(s.httpErrors), fmt(s.connectorErrors), fmt(s.cpuUsPerTurn), fmt(s.loopUsPerTurn), fmt(s.elu, 2), fmt(s.peakRssMiB, 0), fmt(s.replyBytes)]),
      ),
    );
    const ratio = neste.rps / echo.rps;
    const goal = 0.8;
    console.log(`\nthroughput(neste) / throughput(echo) = ${fmt(ratio, 2)}   ${ratio >= goal ? `meets the ${goal} goal` : `BELOW the ${goal} goal`}`);
    console.log(
      `Cost per turn in the bot process: CPU (all threads) neste ${fmt(neste.cpuUsPerTurn)} µs vs echo ${fmt(echo.cpuUsPerTurn)} µs, ratio echo/neste ${fmt(echo.cpuUsPerTurn / neste.cpuUsPerTurn, 2)}; ` +
        `main-thread busy neste ${fmt(neste.loopUsPerTurn)} µs vs echo ${fmt(echo.loopUsPerTurn)} µs, ratio ${fmt(echo.loopUsPerTurn / neste.loopUsPerTurn, 2)}.`,
    );
    console.log(
      '  With both event loops saturated (ELU ≈ 1) the throughput ratio follows the main-thread ratio; the CPU ratio is the less noisy figure on a shared machine (time taken by other processes does not count).',
    );
    if (options.profile) console.log('(profiler on: both bots ran with the sampling profiler, so absolute figures are a little lower than without --profile)');

    const problems = phases.flatMap((phase) => errorsOf(phase).map((problem) => `${phase.bot} round ${phase.round}: ${problem}`));
    if (problems.length > 0) {
      failed = true;
      const bar = '!'.repeat(100);
      console.log(`\n${bar}\n!!! THIS RUN HAD ERRORS: the figures above do not measure working turns.`);
      for (const problem of problems) console.log(`!!!   ${problem}`);
      const mismatch = phases.find((phase) => phase.connector.firstMismatch)?.connector.firstMismatch;
      if (mismatch) console.log(`!!! first unexpected connector post:\n${mismatch}`);
      console.log(bar);
    } else {
      console.log(`No errors: every one of ${fmt(echo.turns + neste.turns)} measured turns answered 2xx and posted the expected reply to the connector.`);
    }

    if (options.profile) {
      const files = { neste: join(work, 'laerekraft.cpuprofile'), echo: join(work, 'echo.cpuprofile') };
      await targets.neste.child.request({ type: 'profile-stop', path: files.neste });
      await targets.echo.child.request({ type: 'profile-stop', path: files.echo });
      printProfiles(await summariseCpuProfile(files.neste, root), neste.turns, await summariseCpuProfile(files.echo, root), echo.turns);
      console.log(`\nProfiles (open in Chrome DevTools or speedscope): ${files.neste}, ${files.echo}`);
    }
  } finally {
    await Promise.all(children.map((child) => child.stop()));
    if (options.keep || options.profile) console.log(`Kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
  if (failed) process.exitCode = 1;
}

await main();
