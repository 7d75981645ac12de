/**
 * `npm run bench:org-report` — latency of the organisation report (`GET /api/v1/org/report`, as HR) for one tenant of
 * 50,000 employees in 500 teams (~1 M rows, seeded as `bench:dashboard` seeds them, plus reflection-round claims,
 * next-steps rounds and plan items), on SQLite and on PostgreSQL, against a bare indexed count over the same tenant.
 * Goal: report p95 ≤ 100 ms. Prints figures; never asserts on timings. Exits 1 only when an answer was wrong (non-200,
 * or a total that does not match the seeded rows), because then the figures do not measure a working report.
 *
 * Per engine, from nothing: a fresh database migrated by the app; bench/dashboard.ts's seeding; the report's extra
 * rows; PostgreSQL gets VACUUM ANALYZE, SQLite a WAL checkpoint; then the real app in a child process
 * (bench/support/laerekraft-process.ts) and `--requests` report requests sequentially and at `--concurrency`, each
 * for the last twelve months, every one computed afresh from the stored summary (migration 0015; no cache); before
 * the app starts, the summary is built from the seeded rows (the seeding writes around the repositories that keep it
 * up to date) and that time is printed. Then, HTTP-free, the report through the app's own repositories from the
 * summary and from the raw rows, each of the report's queries alone, and the baseline `select count(*) from lesson_progress where tenant_id = ?` (an index-only count of the tenant's
 * reads — every row the report's core aggregate starts from).
 *
 * Options (flags win over environment variables): --employees (BENCH_EMPLOYEES, 50000), --teams (BENCH_TEAMS, 500),
 * --requests (BENCH_REQUESTS, 200), --concurrency (BENCH_CONCURRENCY, 4), --warmup (BENCH_WARMUP, 20),
 * --engines (BENCH_ENGINES, sqlite,postgres), --seed (BENCH_SEED, 1), --phase-seconds (BENCH_PHASE_SECONDS, 45),
 * --explain (print each query's plan), --keep (keep the databases).
 */
import { Agent } from 'node:http';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CompiledQuery, sql, type Insertable, type Kysely } from 'kysely';
import { lessonIds } from '../bot/core/course.js';
import { OrgReportService } from '../bot/core/org-report-service.js';
import { loadCourses } from '../bot/course/load-courses.js';
import type { OrgReportView } from '../bot/http/contracts.js';
import { openDatabase } from '../bot/storage/database.js';
import { createRepositories } from '../bot/storage/repositories/index.js';
import { SqlOrgReportRepository } from '../bot/storage/repositories/org-report-repository.js';
import type { Database } from '../bot/storage/schema.js';
import { Sealer } from '../bot/storage/sealing.js';
import { createTestStorage, postgresReachable, testPostgresUrl, type TestStorage } from '../tests/helpers/engines.js';
import { appEnv, BenchDb, DATA_KEY, DAY, fmtStats, get, guid, insertAll, made, ms, organisation, pick, prng, seed, stats, table, times, type BenchOptions, type Engine, type Organisation, type Random, type Stats } from './dashboard.js';
import { BenchChild } from './support/ipc.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const GOAL_P95_MS = 100;
/** The competence unit's developer identity (bot/http/api/dev-identities.ts); its role goes in `x-dev-roles`. */
const HR_USER = 'd0000000-0000-4000-8000-0000000000c2';

type Options = BenchOptions & { readonly phaseSeconds: number };

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      employees: { type: 'string' },
      teams: { type: 'string' },
      requests: { type: 'string' },
      concurrency: { type: 'string' },
      warmup: { type: 'string' },
      engines: { type: 'string' },
      seed: { type: 'string' },
      'phase-seconds': { type: 'string' },
      explain: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
    },
  });
  const env = process.env;
  const int = (name: string, flag: string | undefined, variable: string | undefined, fallback: number, min: number): number => {
    const value = Number(flag ?? variable ?? fallback);
    if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be an integer ≥ ${min}`);
    return value;
  };
  const engines = (values.engines ?? env.BENCH_ENGINES ?? 'sqlite,postgres').split(',').map((engine) => engine.trim());
  for (const engine of engines) if (engine !== 'sqlite' && engine !== 'postgres') throw new Error(`--engines: unknown engine ${engine}`);
  const teams = int('teams', values.teams, env.BENCH_TEAMS, 500, 1);
  const employees = int('employees', values.employees, env.BENCH_EMPLOYEES, 50_000, teams);
  return {
    employees,
    teams,
    requests: int('requests', values.requests, env.BENCH_REQUESTS, 200, 1),
    concurrency: int('concurrency', values.concurrency, env.BENCH_CONCURRENCY, 4, 1),
    warmup: int('warmup', values.warmup, env.BENCH_WARMUP, 20, 0),
    namedRequests: 0,
    shared: 10,
    engines: engines as Engine[],
    // The report never opens a sealed answer: same-length stand-ins seed much faster (the format is marked current below).
    seal: 'dummy',
    seed: int('seed', values.seed, env.BENCH_SEED, 1, 0),
    phaseSeconds: int('phase-seconds', values['phase-seconds'], env.BENCH_PHASE_SECONDS, 45, 1),
    explain: values.explain ?? false,
    profile: false,
    keep: values.keep ?? false,
  };
}

/** What the report adds to the dashboard's rows: reflection-round claims, next-steps rounds and plan items. */
async function seedReportRows(db: Kysely<Database>, org: Organisation, random: Random, counts: Record<string, number>): Promise<void> {
  const iso = (ms: number): string => new Date(ms).toISOString();
  await insertAll(
    db,
    'team_posts',
    (function* () {
      for (const team of org.teams) {
        for (let lesson = 0; lesson < org.lessons.length; lesson += 1) {
          yield { tenant_id: org.tenantId, team_id: team.teamId, post_key: `lesson:${org.courseId}:${org.lessons[lesson]}`, outbox_id: guid(random), claimed_at: iso(org.postedAt[lesson]!) };
          if (org.roundAt[lesson]! <= org.now) yield { tenant_id: org.tenantId, team_id: team.teamId, post_key: `round:${org.courseId}:${org.lessons[lesson]}`, outbox_id: guid(random), claimed_at: iso(org.roundAt[lesson]!) };
        }
      }
    })(),
    5,
    counts,
  );
  const last = org.postedAt.at(-1)!;
  await insertAll(
    db,
    'next_step_rounds',
    org.teams.filter(() => random() < 0.7).map((team) => ({ id: guid(random), tenant_id: org.tenantId, team_id: team.teamId, thread_id: `${team.teamId};messageid=${last}`, activity_id: String(last), started_at: iso(Math.min(last + 3 * DAY, org.now - DAY)) })),
    6,
    counts,
  );
  type Plan = Insertable<Database['plan_items']>;
  const plans: Plan[] = [];
  for (const team of org.teams) {
    const n = Math.floor(random() * 9);
    for (let i = 0; i < n; i += 1) {
      const owner = random() < 0.6 ? pick(random, team.members) : undefined;
      const at = iso(Math.min(last + (4 + i) * DAY, org.now - DAY));
      plans.push({ id: guid(random), tenant_id: org.tenantId, team_id: team.teamId, text: `Tiltak ${i + 1} for ${team.name}`, owner_user_id: owner?.userId ?? null, owner_name: owner?.name ?? null, due_date: null, status: pick(random, ['planned', 'inProgress', 'done']), created_at: at, updated_at: at });
    }
  }
  await insertAll(db, 'plan_items', plans, 10, counts);
}

/** The last twelve months up to the month of `now`. */
function lastTwelve(now: number): { readonly from: string; readonly to: string } {
  const date = new Date(now);
  return { from: new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - 11, 1)).toISOString().slice(0, 7), to: date.toISOString().slice(0, 7) };
}

type Check = { ok: number; wrong: number; firstProblem?: string };

function checkReport(status: number, body: string, org: Organisation, check: Check): void {
  const problem = ((): string | undefined => {
    if (status !== 200) return `HTTP ${status}: ${body.slice(0, 200)}`;
    const report = JSON.parse(body) as OrgReportView;
    const teams = report.courses.reduce((n, course) => n + course.teams.length, 0);
    if (teams !== org.teams.length) return `teams ${teams} ≠ ${org.teams.length}`;
    const employees = org.teams.reduce((n, team) => n + team.members.length, 0);
    if (report.total.members !== null && report.total.members !== employees) return `members ${report.total.members} ≠ ${employees}`;
    if (report.months.length !== 12) return `months ${report.months.length}`;
    return undefined;
  })();
  if (problem === undefined) check.ok += 1;
  else {
    check.wrong += 1;
    check.firstProblem ??= problem;
  }
}

type Load = { readonly latency: Stats; readonly reqPerS: number; readonly bytes: number; readonly requested: number };

async function load(port: number, org: Organisation, n: number, concurrency: number, check: Check, capMs: number): Promise<Load> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const { from, to } = lastTwelve(org.now);
  const latencies: number[] = [];
  let next = 0;
  let bytes = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < n && performance.now() - started < capMs) {
      next += 1;
      let result;
      try {
        result = await get(agent, port, `/api/v1/org/report?from=${from}&to=${to}`, { 'x-dev-user': `${org.tenantId}/${HR_USER}`, 'x-dev-roles': 'CompetenceUnit', 'accept-language': 'nb-NO' });
      } catch (error) {
        check.wrong += 1;
        check.firstProblem ??= `request failed: ${String(error)}`;
        continue;
      }
      latencies.push(result.ms);
      bytes += Buffer.byteLength(result.body);
      checkReport(result.status, result.body, org, check);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const wall = performance.now() - started;
  agent.destroy();
  return { latency: stats(latencies), reqPerS: (latencies.length * 1000) / wall, bytes: bytes / Math.max(1, latencies.length), requested: n };
}

async function timed(n: number, capMs: number, run: () => Promise<unknown>): Promise<Stats> {
  const samples: number[] = [];
  const begun = performance.now();
  for (let i = 0; i < n && performance.now() - begun < capMs; i += 1) {
    const t0 = performance.now();
    await run();
    samples.push(performance.now() - t0);
  }
  return stats(samples);
}

type EngineResult = { readonly engine: Engine; readonly rows: number; readonly seedMs: number; readonly summaryMs: number; readonly loadBefore: string; readonly raw: Stats; readonly sequential: Load; readonly concurrent: Load; readonly service: Stats; readonly count: Stats; readonly check: Check };

async function runEngine(engine: Engine, options: Options, courseId: string, lessons: readonly string[]): Promise<EngineResult> {
  console.log(`\n=== ${engine} ===`);
  const random = prng(options.seed);
  const org = organisation(options, courseId, lessons, random);
  const storage: TestStorage = await createTestStorage(engine);
  await (await openDatabase(storage.config)).close();
  const bench = new BenchDb(storage.config);
  let child: BenchChild | undefined;
  try {
    const seeded = await seed(bench.db, engine, org, options, random);
    const counts: Record<string, number> = { ...seeded.rows };
    const t0 = performance.now();
    await seedReportRows(bench.db, org, random, counts);
    // The stand-in seals are not in the sealed format; mark the format current so the app does not try to upgrade them.
    await bench.db.insertInto('app_state').values({ name: 'sealed-format', value: 'v2' }).onConflict((oc) => oc.column('name').doUpdateSet({ value: 'v2' })).execute();
    if (engine === 'postgres') await sql`vacuum analyze ${sql.join(['team_posts', 'next_step_rounds', 'plan_items'].map((name) => sql.table(name)))}`.execute(bench.db);
    else await sql`pragma wal_checkpoint(truncate)`.execute(bench.db);
    // The seeding wrote around the repositories that keep the report summary up to date: build it from the rows, as
    // start-up does for a course whose lessons changed (registration) and as migration 0015 does for reads.
    const t1 = performance.now();
    const summary = createRepositories(bench.db, new Sealer(DATA_KEY), engine).reportSummary;
    await summary.registerCourses([{ id: courseId, lessonIds: lessons }]);
    await summary.rebuild();
    if (engine === 'postgres') await sql`vacuum analyze ${sql.join(['report_team_progress', 'report_person_months', 'report_active_months'].map((name) => sql.table(name)))}`.execute(bench.db);
    const summaryMs = performance.now() - t1;
    console.log(`report summary built from the seeded rows in ${(summaryMs / 1000).toFixed(1)} s`);
    const seedMs = seeded.ms + performance.now() - t0 - summaryMs;
    const rows = Object.values(counts).reduce((a, b) => a + b, 0);
    console.log(`seeded in ${(seedMs / 1000).toFixed(1)} s; ${rows.toLocaleString('en')} rows:`);
    console.log(`  ${Object.entries(counts).map(([name, n]) => `${name} ${n.toLocaleString('en')}`).join(', ')}`);

    const check: Check = { ok: 0, wrong: 0 };
    const capMs = options.phaseSeconds * 1000;
    const loadBefore = loadavg().map((x) => x.toFixed(2)).join(' ');
    console.log(`load average before measuring: ${loadavg().map((n) => n.toFixed(2)).join(' ')} on ${availableParallelism()} CPUs (other work on the machine inflates every figure)`);
    const app = await BenchChild.start(`app (${engine})`, join(root, 'bench/support/laerekraft-process.ts'), { cwd: root, env: appEnv(storage.config, false), timeoutMs: 300_000 });
    child = app.child;
    await load(app.port, org, options.warmup, 1, check, capMs);
    const sequential = await load(app.port, org, options.requests, 1, check, capMs);
    console.log(`org report over HTTP, from the summary (no cache), sequential (${made(sequential.latency.n, options.requests)}): ${fmtStats(sequential.latency)}  ${sequential.reqPerS.toFixed(1)} req/s  (${(sequential.bytes / 1024).toFixed(0)} KB per answer)`);
    const concurrent = await load(app.port, org, options.requests, options.concurrency, check, capMs);
    console.log(`org report over HTTP, from the summary (no cache), concurrency ${options.concurrency} (${made(concurrent.latency.n, options.requests)}): ${fmtStats(concurrent.latency)}  ${concurrent.reqPerS.toFixed(1)} req/s`);
    await child.stop();
    child = undefined;

    // HTTP-free: the service through the app's repositories, each query alone, and the bare count.
    const repos = createRepositories(bench.db, new Sealer(DATA_KEY), engine);
    const { catalog } = await loadCourses({});
    const service = new OrgReportService({ reports: repos.orgReports, courses: catalog, minGroupSize: async () => 5, namedProgress: async () => false });
    const range = lastTwelve(org.now);
    const n = Math.min(options.requests, 100);
    const serviceStats = await timed(n, capMs / 4, () => service.build(org.tenantId, range, 'nb'));
    console.log(`report from the summary, computed every time (no cache), HTTP-free (${serviceStats.n}): ${fmtStats(serviceStats)}`);
    const rawService = new OrgReportService({ reports: new SqlOrgReportRepository(bench.db, { source: 'raw' }), courses: catalog, minGroupSize: async () => 5, namedProgress: async () => false });
    const [fromSummary, fromRaw] = [await service.build(org.tenantId, range, 'nb'), await rawService.build(org.tenantId, range, 'nb')];
    if (JSON.stringify(fromSummary) !== JSON.stringify(fromRaw)) {
      check.wrong += 1;
      check.firstProblem ??= 'the report from the summary differs from the report from the raw rows';
    }
    const rawStats = await timed(Math.min(n, 5), capMs / 4, () => rawService.build(org.tenantId, range, 'nb'));
    console.log(`report from the raw rows (the old way, for comparison), HTTP-free (${rawStats.n}): ${fmtStats(rawStats)}`);
    const count = await timed(n, capMs / 4, () =>
      bench.db.selectFrom('lesson_progress').select((eb) => eb.fn.countAll<string | number>().as('n')).where('tenant_id', '=', org.tenantId).executeTakeFirstOrThrow(),
    );
    console.log(`bare indexed count of the tenant's lesson_progress rows, HTTP-free (${count.n}): ${fmtStats(count)}`);
    console.log(`ratio report p95 / bare indexed count p95: ${times(sequential.latency.p95, count.p95)} over HTTP, ${times(serviceStats.p95, count.p95)} HTTP-free from the summary, ${times(rawStats.p95, count.p95)} from the raw rows`);
    const until = `${range.to}-28T00:00:00.000Z`;
    const instants = { from: `${range.from}-01T00:00:00.000Z`, until: new Date(Date.UTC(Number(range.to.slice(0, 4)), Number(range.to.slice(5, 7)), 1)).toISOString() };
    const queries: [string, () => Promise<unknown>][] = [
      ['teams', () => repos.orgReports.teams(org.tenantId)],
      ['completion (per member, per team and month)', () => repos.orgReports.completion(org.tenantId, courseId, lessons)],
      ['activeByMonth', () => repos.orgReports.activeByMonth(org.tenantId, instants)],
      ['roundsByMonth', () => repos.orgReports.roundsByMonth(org.tenantId, instants)],
      ['planByStatus', () => repos.orgReports.planByStatus(org.tenantId, until)],
    ];
    const perQuery: string[][] = [];
    for (const [name, run] of queries) {
      const s = await timed(Math.min(n, 50), capMs / 8, run);
      perQuery.push([`  ${name}`, String(s.n), ms(s.p50), ms(s.p95)]);
    }
    console.log(`\nthe report's queries, each alone:`);
    console.log(table(['  query', 'n', 'p50 ms', 'p95 ms'], perQuery));
    if (options.explain || sequential.latency.p95 > GOAL_P95_MS) await explain(bench, engine, repos, org, courseId, lessons, instants);
    if (options.keep) console.log(`kept: ${storage.config.engine === 'sqlite' ? storage.config.path : storage.config.url}`);
    return { engine, rows, seedMs, summaryMs, loadBefore, sequential, concurrent, service: serviceStats, raw: rawStats, count, check };
  } finally {
    await child?.stop();
    await bench.db.destroy();
    if (!options.keep) await storage.dispose();
  }
}

/** Each report query's plan (EXPLAIN QUERY PLAN / EXPLAIN ANALYZE), captured through the bench's query log. */
async function explain(bench: BenchDb, engine: Engine, repos: ReturnType<typeof createRepositories>, org: Organisation, courseId: string, lessons: readonly string[], instants: { from: string; until: string }): Promise<void> {
  console.log('\nplans of the report queries:');
  const runs: (() => Promise<unknown>)[] = [
    () => repos.orgReports.completion(org.tenantId, courseId, lessons),
    () => repos.orgReports.activeByMonth(org.tenantId, instants),
    () => repos.orgReports.roundsByMonth(org.tenantId, instants),
  ];
  for (const run of runs) {
    bench.capture = [];
    await run();
    const captured = bench.capture;
    bench.capture = undefined;
    for (const query of captured) {
      console.log(`  ${query.sql.slice(0, 300)}${query.sql.length > 300 ? ' …' : ''}`);
      if (engine === 'sqlite') {
        const result = await bench.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]));
        for (const row of result.rows) console.log(`    ${row.detail}`);
      } else {
        const result = await bench.db.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain (analyze, costs off) ${query.sql}`, [...query.parameters]));
        for (const row of result.rows) console.log(`    ${row['QUERY PLAN']}`);
      }
    }
  }
}

async function main(): Promise<void> {
  const options = readOptions();
  const { catalog } = await loadCourses({});
  const course = catalog.defaultCourse();
  const lessons = lessonIds(course);
  console.log(
    `Organisation report bench: ${options.employees.toLocaleString('en')} employees in ${options.teams} teams, course ${course.id} (${lessons.length} lessons); ` +
      `${options.requests} requests sequentially and at concurrency ${options.concurrency} after ${options.warmup} warm-up; seed ${options.seed}; Node ${process.version}`,
  );
  const results: EngineResult[] = [];
  for (const engine of options.engines) {
    if (engine === 'postgres' && !(await postgresReachable())) {
      console.log(`\nNOTICE: PostgreSQL not reachable at ${testPostgresUrl}; skipping it.`);
      continue;
    }
    results.push(await runEngine(engine, options, course.id, lessons));
  }
  if (results.length > 0) {
    console.log(`\n=== summary (goal: organisation report p95 ≤ ${GOAL_P95_MS} ms) ===`);
    console.log(
      table(
        ['', ...results.map((r) => r.engine)],
        [
          ['rows seeded', ...results.map((r) => r.rows.toLocaleString('en'))],
          ['seeding', ...results.map((r) => `${(r.seedMs / 1000).toFixed(1)} s`)],
          ['report requests, sequential', ...results.map((r) => made(r.sequential.latency.n, r.sequential.requested))],
          ['summary built from the seeded rows', ...results.map((r) => `${(r.summaryMs / 1000).toFixed(1)} s`)],
          ['HTTP p50, summary, sequential', ...results.map((r) => `${ms(r.sequential.latency.p50)} ms`)],
          ['HTTP p95, summary, sequential', ...results.map((r) => `${ms(r.sequential.latency.p95)} ms`)],
          [`HTTP p95, summary, concurrency ${options.concurrency}`, ...results.map((r) => `${ms(r.concurrent.latency.p95)} ms`)],
          ['summary p50, HTTP-free', ...results.map((r) => `${ms(r.service.p50)} ms`)],
          ['summary p95, HTTP-free', ...results.map((r) => `${ms(r.service.p95)} ms`)],
          ['raw rows p95, HTTP-free', ...results.map((r) => `${ms(r.raw.p95)} ms`)],
          ['bare indexed count p95', ...results.map((r) => `${ms(r.count.p95)} ms`)],
          ['ratio p95 HTTP / count', ...results.map((r) => times(r.sequential.latency.p95, r.count.p95))],
          ['ratio p95 summary HTTP-free / count', ...results.map((r) => times(r.service.p95, r.count.p95))],
          ['goal met over HTTP (no cache)', ...results.map((r) => (r.sequential.latency.p95 <= GOAL_P95_MS ? 'yes' : 'NO'))],
          ['goal met HTTP-free', ...results.map((r) => (r.service.p95 <= GOAL_P95_MS ? 'yes' : 'NO'))],
          ['load average before measuring (1, 5, 15 min)', ...results.map((r) => r.loadBefore)],
          ['answers checked (wrong)', ...results.map((r) => `${r.check.ok + r.check.wrong} (${r.check.wrong})`)],
        ],
      ),
    );
  }
  const wrong = results.filter((r) => r.check.wrong > 0);
  for (const r of wrong) console.error(`\n${r.engine}: ${r.check.wrong} wrong report answers; first: ${r.check.firstProblem}`);
  if (wrong.length > 0) process.exitCode = 1;
}

await main();
