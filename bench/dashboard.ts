/**
 * `npm run bench:dashboard` — latency of the team dashboard (`GET /api/v1/teams/{teamId}/dashboard`) for a large
 * organisation, on SQLite and on PostgreSQL, against a bare indexed count over the same rows; and the size of the
 * tab's JavaScript, gzipped. Goals: dashboard p95 ≤ 50 ms, tab ≤ 250 KB gzipped. Prints figures; never asserts on
 * timings. Exits 1 only when a dashboard answer was wrong (non-200, or figures that do not match the seeded rows),
 * because then the figures do not measure a working dashboard.
 *
 * Per engine, from nothing (nothing is cached between engines):
 *   1. a fresh database (a SQLite file in a temp folder; a new PostgreSQL schema), migrated by the app's migrations;
 *   2. seeded directly with Kysely in batched transactions: `--teams` teams of `--employees / --teams` members, each
 *      with its General channel, a leader, an enrollment in the default course, a lesson thread per lesson, progress
 *      (each person has read 0–all lessons, skewed towards done), reflections sealed with the real Sealer under a
 *      fixed key, shared replies (`--shared` per team lesson), schedules, deliveries and their outbox rows. Progress
 *      and reflections are inserted in time order across all teams (as they arrive in real life), and people have
 *      random GUIDs, so one team's rows are scattered over the tables and indexes rather than clustered;
 *      PostgreSQL then gets VACUUM ANALYZE (what autovacuum does after a bulk load); SQLite gets a WAL checkpoint
 *      and no ANALYZE (the app never runs one);
 *   3. the real app (`composeApp`, local mode, LOG_LEVEL=silent, SCHEDULER_TICK_SECONDS=0) in a child process
 *      (bench/support/laerekraft-process.ts), so this process's HTTP client does not share its event loop;
 *   4. the dashboard for random teams as their leader (`X-Dev-User: tenant/leader`): a warm-up, then `--requests`
 *      sequentially and `--requests` at `--concurrency`; every answer is checked against the seeded rows;
 *   5. the baseline: `--requests` HTTP-free calls, from this process via Kysely, of one `select count(*)` over
 *      `lesson_progress` joined to `team_members` for the same teams (the dashboard's core aggregate, written as the
 *      dashboard writes it), and of the same count written as `user_id in (the team's roster)`, which no engine can
 *      plan as a scan of the whole tenant;
 *   6. the dashboard with NAMED_PROGRESS=true (a second app process): `--named-requests` sequential requests;
 *   7. each query the dashboard runs, timed alone via the app's own repositories (HTTP-free), and — when the p95 is
 *      over the goal, or with `--explain` — each query's plan (EXPLAIN QUERY PLAN / EXPLAIN (ANALYZE, BUFFERS)).
 * Then the tab's JavaScript size: bench/tab-size.ts when it exists, else the gzipped size of dist/tab/**\/*.js.
 *
 * Options (flags win over environment variables):
 *   --employees N      (BENCH_EMPLOYEES, 50000)   people, spread evenly over the teams
 *   --teams N          (BENCH_TEAMS, 500)
 *   --requests N       (BENCH_REQUESTS, 500)      per measurement
 *   --concurrency N    (BENCH_CONCURRENCY, 4)
 *   --warmup N         (BENCH_WARMUP, 50)         requests before measuring (not reported)
 *   --named-requests N (BENCH_NAMED_REQUESTS, 200) with NAMED_PROGRESS=true; 0 skips it
 *   --shared N         (BENCH_SHARED, 10)         shared replies per team lesson
 *   --engines LIST     (BENCH_ENGINES, sqlite,postgres)
 *   --seal MODE        (BENCH_SEAL, real)         real: the app's Sealer; dummy: random text of the same length
 *   --seed N           (BENCH_SEED, 1)
 *   --phase-seconds S  (BENCH_PHASE_SECONDS, 60)  each measurement stops early after S seconds (prints how many it made),
 *                                                so a pathological query plan cannot stretch the run; per-query timings get S/6
 *   --explain                                     print every dashboard query's plan even within the goal
 *   --profile                                     CPU-profile the app during the sequential run
 *   --keep                                        keep the SQLite file / PostgreSQL schema (and profiles)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import SQLite from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, sql, type Insertable, type LogEvent } from 'kysely';
import pg from 'pg';
import type { StorageConfig } from '../bot/config.js';
import { lessonIds } from '../bot/core/course.js';
import type { TeamRef } from '../bot/core/team.js';
import { loadCourses } from '../bot/course/load-courses.js';
import type { TeamDashboard } from '../bot/http/contracts.js';
import { openDatabase } from '../bot/storage/database.js';
import { createRepositories, type Repositories } from '../bot/storage/repositories/index.js';
import type { Database } from '../bot/storage/schema.js';
import { Sealer } from '../bot/storage/sealing.js';
import { createTestStorage, postgresReachable, testPostgresUrl, type TestStorage } from '../tests/helpers/engines.js';
import { summariseCpuProfile } from './support/cpu-profile.js';
import { BenchChild } from './support/ipc.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const GOAL_P95_MS = 50;
const GOAL_TAB_BYTES = 250 * 1024;
/** A fixed data key, so the app opens what the bench sealed (the dashboard never does, but other routes would). */
export const DATA_KEY = createHash('sha256').update('laerekraft bench: dashboard').digest();

/** A storage engine the bench runs on. */
export type Engine = StorageConfig['engine'];

/** The bench's options, from flags and environment variables. */
export type BenchOptions = {
  readonly employees: number;
  readonly teams: number;
  readonly requests: number;
  readonly concurrency: number;
  readonly warmup: number;
  readonly namedRequests: number;
  readonly shared: number;
  readonly engines: readonly Engine[];
  readonly seal: 'real' | 'dummy';
  readonly seed: number;
  readonly phaseSeconds: number;
  readonly explain: boolean;
  readonly profile: boolean;
  readonly keep: boolean;
};

function readOptions(): BenchOptions {
  const { values } = parseArgs({
    options: {
      employees: { type: 'string' },
      teams: { type: 'string' },
      requests: { type: 'string' },
      concurrency: { type: 'string' },
      warmup: { type: 'string' },
      'named-requests': { type: 'string' },
      shared: { type: 'string' },
      engines: { type: 'string' },
      seal: { type: 'string' },
      seed: { type: 'string' },
      'phase-seconds': { type: 'string' },
      explain: { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
    },
  });
  const env = process.env;
  const int = (name: string, flag: string | undefined, variable: string | undefined, fallback: number, min: number): number => {
    const value = Number(flag ?? variable ?? fallback);
    if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be an integer ≥ ${min}`);
    return value;
  };
  const employees = int('employees', values.employees, env.BENCH_EMPLOYEES, 50_000, 1);
  const teams = int('teams', values.teams, env.BENCH_TEAMS, 500, 1);
  if (employees < teams) throw new Error('--employees must be at least --teams (every team has a leader)');
  const engines = (values.engines ?? env.BENCH_ENGINES ?? 'sqlite,postgres').split(',').map((engine) => engine.trim());
  for (const engine of engines) if (engine !== 'sqlite' && engine !== 'postgres') throw new Error(`--engines: unknown engine ${engine}`);
  const seal = values.seal ?? env.BENCH_SEAL ?? 'real';
  if (seal !== 'real' && seal !== 'dummy') throw new Error('--seal must be real or dummy');
  return {
    employees,
    teams,
    requests: int('requests', values.requests, env.BENCH_REQUESTS, 500, 1),
    concurrency: int('concurrency', values.concurrency, env.BENCH_CONCURRENCY, 4, 1),
    warmup: int('warmup', values.warmup, env.BENCH_WARMUP, 50, 0),
    namedRequests: int('named-requests', values['named-requests'], env.BENCH_NAMED_REQUESTS, 200, 0),
    shared: int('shared', values.shared, env.BENCH_SHARED, 10, 0),
    engines: engines as Engine[],
    seal,
    seed: int('seed', values.seed, env.BENCH_SEED, 1, 0),
    phaseSeconds: int('phase-seconds', values['phase-seconds'], env.BENCH_PHASE_SECONDS, 60, 1),
    explain: values.explain ?? false,
    profile: values.profile ?? false,
    keep: values.keep ?? false,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The organisation: deterministic from the seed, generated afresh for each engine.

/** A small, fast, seedable PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seeded random source. */
export type Random = ReturnType<typeof prng>;

const hex = (random: Random, length: number): string => {
  let out = '';
  while (out.length < length) out += Math.floor(random() * 0x100000000).toString(16).padStart(8, '0');
  return out.slice(0, length);
};
/** A random version-4 GUID from the seeded source. */
export const guid = (random: Random): string => {
  const h = hex(random, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[Math.floor(random() * 4)]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
/** A random element of the list. */
export const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
/** An exponentially distributed delay with the given mean. */
const expDelay = (random: Random, mean: number): number => -Math.log(1 - random()) * mean;

const FIRST = ['Ingrid', 'Ola', 'Kari', 'Per', 'Nora', 'Lars', 'Emma', 'Jonas', 'Sofie', 'Magnus', 'Ida', 'Henrik', 'Maja', 'Sander', 'Thea', 'Eirik', 'Sara', 'Kristian', 'Hanna', 'Ahmed', 'Fatima', 'Piotr', 'Agnieszka', 'Mohammed', 'Linnea', 'Aslak', 'Ánde', 'Siri', 'Øystein', 'Åse'];
const LAST = ['Hansen', 'Johansen', 'Olsen', 'Larsen', 'Andersen', 'Pedersen', 'Nilsen', 'Kristiansen', 'Jensen', 'Karlsen', 'Johnsen', 'Pettersen', 'Eriksen', 'Berg', 'Haugen', 'Hagen', 'Johannessen', 'Andreassen', 'Jacobsen', 'Dahl', 'Jørgensen', 'Halvorsen', 'Henriksen', 'Lund', 'Sørensen', 'Bakken', 'Gundersen', 'Moen', 'Solberg', 'Sara'];
const UNITS = ['Plan og bygg', 'Oppvekst', 'Helse og omsorg', 'Kultur', 'Teknisk drift', 'Økonomi', 'Personal', 'Næring', 'Miljø', 'Skole', 'Barnehage', 'NAV', 'Eiendom', 'Innkjøp', 'Klima', 'IKT'];
const WORDS = (
  'vi kan redusere matsvinn i kantina ved å bestille etter påmelding og dele overskudd med nabobarnehagen ' +
  'i min avdeling handler det mest om innkjøp der vi kan stille krav til miljø og arbeidsforhold hos leverandørene ' +
  'bærekraftsmålene henger sammen og det som er bra for klima kan være dårlig for sosial utjevning hvis vi ikke passer på ' +
  'kommunen har stor påvirkning gjennom arealplanlegging transport skole og helse og vi må samarbeide mer på tvers ' +
  'jeg lærte at målene også gjelder Norge og ikke bare andre land særlig ulikhet og forbruk'
).split(' ');

/** Free text of roughly `length` characters. */
function text(random: Random, length: number): string {
  const words: string[] = [];
  let size = 0;
  while (size < length) {
    const word = pick(random, WORDS);
    words.push(word);
    size += word.length + 1;
  }
  const sentence = words.join(' ');
  return sentence[0]!.toUpperCase() + sentence.slice(1) + '.';
}

type Person = { readonly userId: string; readonly teamsUserId: string; readonly name: string };
/** One seeded team: its members, leader and language. */
export type TeamSeed = {
  readonly index: number;
  readonly teamId: string;
  readonly name: string;
  readonly members: readonly Person[];
  /** members[0] */
  readonly leader: Person;
  readonly language: string;
};

/** The seeded tenant: its teams, the course, and when lessons and rounds went out. */
export type Organisation = {
  readonly tenantId: string;
  readonly courseId: string;
  readonly lessons: readonly string[];
  readonly teams: readonly TeamSeed[];
  /** When lesson `i` was posted (ms), the same in every team. */
  readonly postedAt: readonly number[];
  /** When the reflection round on lesson `i` started (ms); only rounds in the past were started. */
  readonly roundAt: readonly number[];
  readonly startDate: string;
  readonly dueDate: string;
  readonly now: number;
};

/** A day in milliseconds. */
export const DAY = 86_400_000;

/** Generates the tenant deterministically from the seed: teams of equal size, a course that started weeks ago. */
export function organisation(options: BenchOptions, courseId: string, lessons: readonly string[], random: Random): Organisation {
  const now = Date.now();
  // The course started on a Monday so long ago that every lesson has been posted and most rounds have run.
  const weeksAgo = lessons.length + 1;
  const today = new Date(now);
  const monday = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) - ((today.getUTCDay() + 6) % 7) * DAY;
  const start = monday - weeksAgo * 7 * DAY;
  const postedAt = lessons.map((_, index) => start + index * 7 * DAY + 8 * 3_600_000);
  const roundAt = postedAt.map((at) => at + 2 * DAY + 6 * 3_600_000);
  const teams: TeamSeed[] = [];
  const base = Math.floor(options.employees / options.teams);
  const extra = options.employees % options.teams;
  for (let index = 0; index < options.teams; index += 1) {
    const size = base + (index < extra ? 1 : 0);
    const members: Person[] = [];
    for (let m = 0; m < size; m += 1) {
      members.push({ userId: guid(random), teamsUserId: `29:1${hex(random, 62)}`, name: `${pick(random, FIRST)} ${pick(random, LAST)}` });
    }
    const languageRoll = random();
    teams.push({
      index,
      teamId: `19:${hex(random, 32)}@thread.tacv2`,
      name: `${pick(random, UNITS)} ${String(index + 1).padStart(3, '0')}`,
      members,
      leader: members[0]!,
      language: languageRoll < 0.85 ? 'nb' : languageRoll < 0.95 ? 'nn' : 'en',
    });
  }
  const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
  return { tenantId: guid(random), courseId, lessons, teams, postedAt, roundAt, startDate: iso(start), dueDate: iso(start + (lessons.length + 1) * 7 * DAY), now };
}

/** How many lessons a person has read: 0 … all, skewed towards done (weights for 0..8, stretched to the course). */
const READ_WEIGHTS = [0.05, 0.03, 0.03, 0.04, 0.04, 0.05, 0.07, 0.1, 0.59];

function lessonsToRead(random: Random, total: number): number {
  let roll = random();
  for (let k = 0; k < READ_WEIGHTS.length; k += 1) {
    roll -= READ_WEIGHTS[k]!;
    if (roll < 0) return Math.round((k * total) / (READ_WEIGHTS.length - 1));
  }
  return total;
}

type ProgressRow = { readonly team: number; readonly member: number; readonly lesson: number; readonly at: number };
type ReflectionRow = ProgressRow & { readonly share: 'named' | 'anonymous' | undefined; replyId: string | undefined };

/** Who read what and who reflected on what, in the order it happened. */
function activity(org: Organisation, options: BenchOptions, random: Random): { progress: ProgressRow[]; reflections: ReflectionRow[] } {
  const progress: ProgressRow[] = [];
  const reflections: ReflectionRow[] = [];
  const lessonCount = org.lessons.length;
  for (const team of org.teams) {
    const reflectorsByLesson: ReflectionRow[][] = org.lessons.map(() => []);
    team.members.forEach((_, member) => {
      const k = lessonsToRead(random, lessonCount);
      // Most read in order; some pick and choose.
      let read: number[] = [...Array(lessonCount).keys()];
      if (random() < 0.2) {
        for (let i = read.length - 1; i > 0; i -= 1) {
          const j = Math.floor(random() * (i + 1));
          [read[i], read[j]] = [read[j]!, read[i]!];
        }
      }
      read = read.slice(0, k);
      const readSet = new Set(read);
      for (const lesson of read) {
        const at = Math.min(org.postedAt[lesson]! + expDelay(random, 1.5 * DAY) + random() * 3_600_000, org.now - 60_000);
        progress.push({ team: team.index, member, lesson, at });
      }
      for (let lesson = 0; lesson < lessonCount; lesson += 1) {
        const roundAt = org.roundAt[lesson]!;
        if (roundAt > org.now) continue;
        if (random() >= (readSet.has(lesson) ? 0.9 : 0.1)) continue;
        const at = Math.min(roundAt + expDelay(random, 1 * DAY), org.now - 60_000);
        const row: ReflectionRow = { team: team.index, member, lesson, at, share: undefined, replyId: undefined };
        reflections.push(row);
        reflectorsByLesson[lesson]!.push(row);
      }
    });
    // The first `shared` to answer in each round shared their answer (60 % by name).
    for (const rows of reflectorsByLesson) {
      rows.sort((a, b) => a.at - b.at);
      for (const row of rows.slice(0, options.shared)) {
        (row as { share: ReflectionRow['share'] }).share = random() < 0.6 ? 'named' : 'anonymous';
        row.replyId = guid(random);
      }
    }
  }
  progress.sort((a, b) => a.at - b.at);
  reflections.sort((a, b) => a.at - b.at);
  return { progress, reflections };
}

// ---------------------------------------------------------------------------------------------------------------
// Seeding.

/** How seeding went: time, rows per table, and what each team's dashboard must show. */
export type SeedReport = { readonly ms: number; readonly sealMs: number; readonly rows: Readonly<Record<string, number>>; readonly expected: ReadonlyMap<number, Expected> };

/** Inserts rows in multi-row statements inside transactions of about `perTransaction` rows. */
export async function insertAll<T extends keyof Database & string>(
  db: Kysely<Database>,
  table: T,
  rows: Iterable<Insertable<Database[T]>>,
  columns: number,
  counts: Record<string, number>,
  perTransaction = 50_000,
): Promise<void> {
  // Both engines' parameter limits (SQLite 32,766; PostgreSQL 65,535) leave room for this.
  const perStatement = Math.min(2_000, Math.floor(30_000 / columns));
  const iterator = rows[Symbol.iterator]();
  let done = false;
  while (!done) {
    await db.transaction().execute(async (trx) => {
      let inTransaction = 0;
      while (inTransaction < perTransaction) {
        const batch: Insertable<Database[T]>[] = [];
        while (batch.length < perStatement) {
          const next = iterator.next();
          if (next.done) {
            done = true;
            break;
          }
          batch.push(next.value);
        }
        if (batch.length > 0) {
          // Kysely cannot check a generic table's values; each generator below is typed to its table.
          await trx.insertInto(table).values(batch as never).execute();
          inTransaction += batch.length;
          counts[table] = (counts[table] ?? 0) + batch.length;
        }
        if (done) break;
      }
    });
  }
}

/** Seeds the organisation's rows straight into the database, in time order, as bench:dashboard measures them. */
export async function seed(db: Kysely<Database>, engine: Engine, org: Organisation, options: BenchOptions, random: Random): Promise<SeedReport> {
  const started = performance.now();
  const counts: Record<string, number> = {};
  const sealer = new Sealer(DATA_KEY);
  const { tenantId, courseId, lessons } = org;
  const iso = (ms: number): string => new Date(ms).toISOString();
  const threadId = (team: TeamSeed, lesson: number): string => `${team.teamId};messageid=${org.postedAt[lesson]! + team.index}`;
  const installedAt = iso(org.postedAt[0]! - 10 * DAY);

  await insertAll(
    db,
    'teams',
    org.teams.map((team) => ({
      tenant_id: tenantId,
      team_id: team.teamId,
      name: team.name,
      status: 'active',
      service_url: 'https://smba.trafficmanager.net/emea/',
      aad_group_id: guid(random),
      status_changed_at: installedAt,
      updated_at: installedAt,
    })),
    8,
    counts,
  );
  await insertAll(db, 'team_channels', org.teams.map((team) => ({ tenant_id: tenantId, team_id: team.teamId, channel_id: team.teamId, name: 'General', updated_at: installedAt })), 5, counts);
  await insertAll(
    db,
    'team_members',
    (function* () {
      for (const team of org.teams) {
        for (const person of team.members) yield { tenant_id: tenantId, team_id: team.teamId, user_id: person.userId, teams_user_id: person.teamsUserId, name: person.name, updated_at: installedAt };
      }
    })(),
    6,
    counts,
  );
  await insertAll(db, 'team_leaders', org.teams.map((team) => ({ tenant_id: tenantId, team_id: team.teamId, user_id: team.leader.userId, role: 'leader', added_at: installedAt })), 5, counts);
  // About one in seven people has chosen a language (the `språk` command).
  await insertAll(
    db,
    'people',
    (function* () {
      for (const team of org.teams) for (const person of team.members) if (random() < 1 / 7) yield { tenant_id: tenantId, user_id: person.userId, language: pick(random, ['nb', 'nn', 'en']), updated_at: installedAt };
    })(),
    4,
    counts,
  );
  await insertAll(
    db,
    'enrollments',
    org.teams.map((team) => ({
      tenant_id: tenantId,
      team_id: team.teamId,
      course_id: courseId,
      channel_id: team.teamId,
      language: team.language,
      start_date: org.startDate,
      mandatory: 1,
      due_date: org.dueDate,
      lesson_weekday: 1,
      lesson_time: '09:00',
      interval_weeks: 1,
      reflection_days_after: 2,
      reflection_time: '14:00',
      time_zone: 'Europe/Oslo',
      created_by: team.leader.userId,
      updated_at: installedAt,
    })),
    16,
    counts,
  );
  await insertAll(
    db,
    'lesson_threads',
    (function* () {
      for (const team of org.teams) {
        for (let lesson = 0; lesson < lessons.length; lesson += 1) {
          yield {
            tenant_id: tenantId,
            team_id: team.teamId,
            course_id: courseId,
            lesson_id: lessons[lesson]!,
            channel_id: team.teamId,
            thread_id: threadId(team, lesson),
            lesson_activity_id: String(org.postedAt[lesson]! + team.index),
            reflection_activity_id: org.roundAt[lesson]! <= org.now ? String(org.roundAt[lesson]! + team.index) : null,
            posted_at: iso(org.postedAt[lesson]!),
          };
        }
      }
    })(),
    9,
    counts,
  );

  const { progress, reflections } = activity(org, options, random);
  // What each team's dashboard must show, straight from the generated rows (every seeded member is on the roster).
  const expected = new Map<number, { members: number; read: number; reflections: number; shared: number }>(org.teams.map((team) => [team.index, { members: team.members.length, read: 0, reflections: 0, shared: 0 }]));
  for (const row of progress) expected.get(row.team)!.read += 1;
  for (const row of reflections) {
    const team = expected.get(row.team)!;
    team.reflections += 1;
    if (row.replyId) team.shared += 1;
  }
  await insertAll(
    db,
    'lesson_progress',
    progress.map((row) => ({ tenant_id: tenantId, user_id: org.teams[row.team]!.members[row.member]!.userId, course_id: courseId, lesson_id: lessons[row.lesson]!, completed_at: iso(row.at) })),
    5,
    counts,
  );

  // Reflections, sealed as the app seals them (or a same-length stand-in), and the public copies of shared ones.
  let sealMs = 0;
  const answersOf = (row: ReflectionRow): string[] => {
    const r = prng(row.team * 1_000_003 + row.member * 101 + row.lesson);
    return [text(r, 40 + r() * 260), text(r, 20 + r() * 200), r() < 0.4 ? '' : text(r, 20 + r() * 120)];
  };
  await insertAll(
    db,
    'reflections',
    (function* () {
      for (const row of reflections) {
        const person = org.teams[row.team]!.members[row.member]!;
        const createdAt = iso(row.at);
        const t0 = performance.now();
        const payload = { answers: answersOf(row), visibility: row.share ?? 'private', sharedReplyId: row.replyId, createdAt, updatedAt: createdAt };
        const sealed =
          options.seal === 'real'
            ? sealer.seal(tenantId, person.userId, payload)
            : randomBytes(Math.ceil((Buffer.byteLength(JSON.stringify(payload)) + 28) * 0.75) + 2).toString('base64url');
        sealMs += performance.now() - t0;
        yield { tenant_id: tenantId, user_id: person.userId, course_id: courseId, lesson_id: lessons[row.lesson]!, team_id: org.teams[row.team]!.teamId, created_on: createdAt.slice(0, 10), sealed };
      }
    })(),
    7,
    counts,
  );
  await insertAll(
    db,
    'shared_replies',
    (function* () {
      for (const row of reflections) {
        if (!row.replyId) continue;
        const team = org.teams[row.team]!;
        yield {
          reply_id: row.replyId,
          tenant_id: tenantId,
          team_id: team.teamId,
          course_id: courseId,
          lesson_id: lessons[row.lesson]!,
          thread_id: threadId(team, row.lesson),
          activity_id: String(Math.floor(row.at)),
          author_name: row.share === 'named' ? team.members[row.member]!.name : null,
          answers: JSON.stringify(answersOf(row)),
          posted_on: iso(row.at).slice(0, 10),
          frame: null,
          version: 0,
          sent_version: 0,
          withdrawn: 0,
        };
      }
    })(),
    14,
    counts,
  );

  // Schedules, what they fired and the outbox rows of those firings.
  const readCount = new Map<string, number>();
  for (const row of progress) readCount.set(`${row.team}/${row.member}`, (readCount.get(`${row.team}/${row.member}`) ?? 0) + 1);
  const lastRound = org.roundAt.filter((at) => at <= org.now).length;
  const reminderAt = Date.parse(`${org.dueDate}T07:00:00Z`) - 3 * DAY;
  await insertAll(
    db,
    'schedules',
    (function* () {
      for (const team of org.teams) {
        yield { tenant_id: tenantId, team_id: team.teamId, course_id: courseId, kind: 'lesson', next_at: null, paused: 0, updated_at: iso(org.postedAt.at(-1)!) };
        yield { tenant_id: tenantId, team_id: team.teamId, course_id: courseId, kind: 'reflection', next_at: lastRound < lessons.length ? iso(org.roundAt[lastRound]!) : null, paused: 0, updated_at: iso(org.now - DAY) };
        yield { tenant_id: tenantId, team_id: team.teamId, course_id: courseId, kind: 'reminder', next_at: reminderAt > org.now ? iso(reminderAt) : null, paused: 0, updated_at: installedAt };
      }
    })(),
    6,
    counts,
  );
  type Delivery = Insertable<Database['deliveries']>;
  type Outbox = Insertable<Database['outbox']>;
  const deliveries: Delivery[] = [];
  const outbox: Outbox[] = [];
  for (const team of org.teams) {
    const fire = (kind: string, dueAt: number, occurrenceKey: string, status: string, reason: string | null, targets: readonly { key: string; payload: unknown }[]): void => {
      const id = guid(random);
      deliveries.push({ id, tenant_id: tenantId, team_id: team.teamId, course_id: courseId, kind, occurrence_key: occurrenceKey, due_at: iso(dueAt), status, reason, created_at: iso(dueAt) });
      for (const target of targets) {
        const failed = random() < 0.02;
        outbox.push({
          id: guid(random),
          delivery_id: id,
          tenant_id: tenantId,
          team_id: team.teamId,
          target_key: target.key,
          payload: JSON.stringify(target.payload),
          status: failed ? 'failed' : 'sent',
          attempts: failed ? 8 : 1,
          next_attempt_at: iso(dueAt),
          lease_until: null,
          activity_id: failed ? null : String(dueAt + 1234),
          last_error: failed ? 'blocked' : null,
          created_at: iso(dueAt),
          updated_at: iso(dueAt + 2_000),
        });
      }
    };
    lessons.forEach((lessonId, lesson) => {
      const posted = org.postedAt[lesson]!;
      if (random() < 0.03) fire('lesson', posted, iso(posted), 'missed', 'serverDown', []);
      else fire('lesson', posted, iso(posted), 'queued', null, [{ key: 'channel', payload: { kind: 'channelLesson', lessonId } }]);
      const round = org.roundAt[lesson]!;
      if (round <= org.now) fire('reflection', round, iso(round), 'queued', null, [{ key: 'channel', payload: { kind: 'reflectionRound', lessonId } }]);
    });
    if (reminderAt <= org.now) {
      const notDone = team.members.filter((_, member) => (readCount.get(`${team.index}/${member}`) ?? 0) < lessons.length);
      fire('reminder', reminderAt, `due:${org.dueDate}`, 'queued', null, notDone.map((person) => ({ key: person.userId, payload: { kind: 'reminder', userId: person.userId, teamsUserId: person.teamsUserId, dueDate: org.dueDate } })));
    }
  }
  deliveries.sort((a, b) => a.due_at.localeCompare(b.due_at));
  outbox.sort((a, b) => a.created_at.localeCompare(b.created_at));
  await insertAll(db, 'deliveries', deliveries, 9, counts);
  await insertAll(db, 'outbox', outbox, 14, counts);

  // Steady state: PostgreSQL's autovacuum would have vacuumed and analysed after such a load; SQLite checkpoints the WAL.
  // Only this schema's tables (by search_path): other schemas in the database are not ours.
  if (engine === 'postgres') await sql`vacuum analyze ${sql.join(Object.keys(counts).map((table) => sql.table(table)))}`.execute(db);
  else await sql`pragma wal_checkpoint(truncate)`.execute(db);
  return { ms: performance.now() - started, sealMs, rows: counts, expected };
}

// ---------------------------------------------------------------------------------------------------------------
// Measuring.

/** Latency percentiles of a series of samples, in ms. */
export type Stats = { readonly n: number; readonly p50: number; readonly p95: number; readonly p99: number; readonly max: number; readonly mean: number };

/** Percentiles of the samples. */
export function stats(samples: readonly number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.at(-1) ?? NaN, mean: sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length) };
}

/** What every answer for a team must show, from the seeded rows. */
export type Expected = { readonly members: number; readonly read: number; readonly reflections: number; readonly shared: number };

type Check = { ok: number; wrong: number; firstProblem?: string };

function checkAnswer(status: number, body: string, expected: Expected, named: boolean, check: Check): void {
  const problem = ((): string | undefined => {
    if (status !== 200) return `HTTP ${status}: ${body.slice(0, 200)}`;
    const dashboard = JSON.parse(body) as TeamDashboard;
    const read = dashboard.lessons.reduce((sum, lesson) => sum + (lesson.read ?? 0), 0);
    const reflections = dashboard.lessons.reduce((sum, lesson) => sum + (lesson.reflections ?? 0), 0);
    const shared = dashboard.rounds.reduce((sum, round) => sum + round.shared.length, 0);
    if (dashboard.viewer.role !== 'leader') return `role ${dashboard.viewer.role}`;
    if (dashboard.members !== expected.members) return `members ${dashboard.members} ≠ ${expected.members}`;
    if (read !== expected.read) return `lessons read ${read} ≠ ${expected.read}`;
    if (reflections !== expected.reflections) return `reflections ${reflections} ≠ ${expected.reflections}`;
    if (shared !== expected.shared) return `shared replies ${shared} ≠ ${expected.shared}`;
    if (!dashboard.deliveries || !dashboard.schedules) return 'no schedules or deliveries for a leader';
    if (named !== (dashboard.namedProgress !== null)) return `namedProgress ${dashboard.namedProgress === null ? 'missing' : 'present'}`;
    return undefined;
  })();
  if (problem === undefined) check.ok += 1;
  else {
    check.wrong += 1;
    check.firstProblem ??= problem;
  }
}

/** One HTTP answer and how long it took. */
export type HttpResult = { readonly status: number; readonly body: string; readonly ms: number };

/** A GET over the keep-alive agent, timed. */
export function get(agent: Agent, port: number, path: string, headers: Record<string, string>): Promise<HttpResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

type LoadResult = { readonly latency: Stats; readonly reqPerS: number; readonly bytes: number; readonly requested: number };

/** Requests the dashboards of `teams` (in order) with `concurrency` requests in flight; checks every answer. */
async function load(port: number, org: Organisation, teams: readonly number[], concurrency: number, expected: ReadonlyMap<number, Expected>, named: boolean, check: Check, capMs: number): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let next = 0;
  let bytes = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < teams.length && performance.now() - started < capMs) {
      const team = org.teams[teams[next++]!]!;
      const result = await get(agent, port, `/api/v1/teams/${encodeURIComponent(team.teamId)}/dashboard`, { 'x-dev-user': `${org.tenantId}/${team.leader.userId}`, 'accept-language': 'nb-NO' });
      latencies.push(result.ms);
      bytes += Buffer.byteLength(result.body);
      checkAnswer(result.status, result.body, expected.get(team.index)!, named, check);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const wall = performance.now() - started;
  agent.destroy();
  return { latency: stats(latencies), reqPerS: (latencies.length * 1000) / wall, bytes: bytes / Math.max(1, latencies.length), requested: teams.length };
}

/** The bench's own Kysely over the seeded database, with a switchable query log (for EXPLAIN). */
export class BenchDb {
  /** While set, every query run is appended to it. */
  capture: CompiledQuery[] | undefined;
  readonly db: Kysely<Database>;

  constructor(config: StorageConfig) {
    const dialect =
      config.engine === 'sqlite'
        ? new SqliteDialect({
            database: (() => {
              const database = new SQLite(config.path);
              database.pragma('journal_mode = WAL');
              database.pragma('synchronous = NORMAL');
              database.pragma('busy_timeout = 5000');
              return database;
            })(),
          })
        : new PostgresDialect({ pool: new pg.Pool({ connectionString: config.url, max: 4 }) });
    this.db = new Kysely<Database>({
      dialect,
      log: (event: LogEvent) => {
        if (this.capture && event.level === 'query') this.capture.push(event.query);
      },
    });
  }
}

/** The dashboard's core aggregate, bare: one count over the team's progress rows. */
async function bareCount(db: Kysely<Database>, ref: TeamRef, courseId: string): Promise<number> {
  const row = await db
    .selectFrom('team_members as m')
    .innerJoin('lesson_progress as p', (join) => join.onRef('p.tenant_id', '=', 'm.tenant_id').onRef('p.user_id', '=', 'm.user_id'))
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('m.tenant_id', '=', ref.tenantId)
    .where('m.team_id', '=', ref.teamId)
    .where('p.course_id', '=', courseId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The same count with the roster as an `in` list: each engine looks up the members' progress by primary key. */
async function bareCountIn(db: Kysely<Database>, ref: TeamRef, courseId: string): Promise<number> {
  const row = await db
    .selectFrom('lesson_progress as p')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('p.tenant_id', '=', ref.tenantId)
    .where('p.course_id', '=', courseId)
    .where('p.user_id', 'in', (eb) => eb.selectFrom('team_members as m').select('m.user_id').where('m.tenant_id', '=', ref.tenantId).where('m.team_id', '=', ref.teamId))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

type QueryTiming = { readonly name: string; readonly queries: number; readonly latency: Stats };

/** Every query the dashboard runs for a leader, in the order the service runs them, through the app's repositories. */
function dashboardQueries(repos: Repositories, org: Organisation): readonly { readonly name: string; readonly run: (team: TeamSeed) => Promise<unknown> }[] {
  const ref = (team: TeamSeed): TeamRef => ({ tenantId: org.tenantId, teamId: team.teamId });
  const me = (team: TeamSeed) => ({ tenantId: org.tenantId, userId: team.leader.userId });
  const { courseId } = org;
  return [
    { name: 'people.language (auth; cached 30 s)', run: (team) => repos.people.language(me(team)) },
    { name: 'teams.find', run: (team) => repos.teams.find(ref(team)) },
    { name: 'leaders.list (leadership)', run: (team) => repos.leaders.list(ref(team)) },
    { name: 'teams.findMember', run: (team) => repos.teams.findMember(ref(team), team.leader.userId) },
    { name: 'enrollments.find', run: (team) => repos.enrollments.find({ ...ref(team), courseId }) },
    { name: 'teams.memberCount', run: (team) => repos.teams.memberCount(ref(team)) },
    { name: 'insights.readCounts', run: (team) => repos.insights.readCounts(ref(team), courseId) },
    { name: 'insights.reflectionCounts', run: (team) => repos.insights.reflectionCounts(ref(team), courseId) },
    { name: 'lessonThreads.list', run: (team) => repos.lessonThreads.list(ref(team), courseId) },
    { name: 'insights.readsPerDay', run: (team) => repos.insights.readsPerDay(ref(team), courseId) },
    { name: 'insights.reflectionsPerDay', run: (team) => repos.insights.reflectionsPerDay(ref(team), courseId) },
    { name: 'progress.readLessonIds (own)', run: (team) => repos.progress.readLessonIds(me(team), courseId) },
    { name: 'reflections.count (own)', run: (team) => repos.reflections.count(me(team), courseId) },
    {
      name: `sharedReplies.listForLesson ×${org.lessons.length}`,
      run: async (team) => {
        for (const lesson of org.lessons) await repos.sharedReplies.listForLesson(ref(team), courseId, lesson);
      },
    },
    { name: 'schedules.list', run: (team) => repos.schedules.list(ref(team)) },
    { name: 'schedules.deliveries(30)', run: (team) => repos.schedules.deliveries(ref(team), 30) },
    { name: 'insights.memberCounts (named only)', run: (team) => repos.insights.memberCounts(ref(team), courseId) },
  ];
}

async function timeQueries(bench: BenchDb, engine: Engine, org: Organisation, teams: readonly number[], capMs: number): Promise<QueryTiming[]> {
  const repos = createRepositories(bench.db, new Sealer(DATA_KEY), engine);
  const results: QueryTiming[] = [];
  for (const query of dashboardQueries(repos, org)) {
    const samples: number[] = [];
    const begun = performance.now();
    for (const index of teams) {
      if (performance.now() - begun > capMs) break;
      const started = performance.now();
      await query.run(org.teams[index]!);
      samples.push(performance.now() - started);
    }
    results.push({ name: query.name, queries: query.name.includes('×') ? org.lessons.length : 1, latency: stats(samples) });
  }
  return results;
}

/** Each distinct query of the dashboard with its plan, for one team. */
async function explainQueries(bench: BenchDb, engine: Engine, org: Organisation, team: TeamSeed): Promise<string[]> {
  const repos = createRepositories(bench.db, new Sealer(DATA_KEY), engine);
  const captured: CompiledQuery[] = [];
  for (const query of dashboardQueries(repos, org)) {
    if (query.name.startsWith('people.')) continue;
    bench.capture = [];
    await query.run(team);
    const first = bench.capture[0];
    if (first) captured.push(first);
    bench.capture = undefined;
  }
  const out: string[] = [];
  for (const query of captured) {
    out.push(`  ${query.sql}`);
    if (engine === 'sqlite') {
      const result = await bench.db.executeQuery<{ id: number; parent: number; detail: string }>(CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]));
      const depth = new Map<number, number>([[0, 0]]);
      for (const row of result.rows) {
        const level = (depth.get(row.parent) ?? 0) + 1;
        depth.set(row.id, level);
        out.push(`    ${'  '.repeat(level - 1)}${row.detail}`);
      }
    } else {
      const result = await bench.db.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain (analyze, buffers, costs off) ${query.sql}`, [...query.parameters]));
      for (const row of result.rows) out.push(`    ${row['QUERY PLAN']}`);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// One engine, from an empty database to figures.

type EngineResult = {
  readonly engine: Engine;
  readonly seed: SeedReport;
  readonly databaseMiB: number | undefined;
  readonly sequential: LoadResult;
  readonly concurrent: LoadResult;
  readonly count: Stats;
  readonly countIn: Stats;
  readonly named: LoadResult | undefined;
  readonly queries: readonly QueryTiming[];
  readonly check: Check;
};

/** Milliseconds with sensible precision. */
export const ms = (value: number): string => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));
/** Percentiles on one line. */
export const fmtStats = (s: Stats): string => `p50 ${ms(s.p50)} ms  p95 ${ms(s.p95)} ms  p99 ${ms(s.p99)} ms  max ${ms(s.max)} ms`;
/** A ratio with two significant digits, e.g. 0.05×, 4.5×, 12×. */
export const times = (a: number, b: number): string => `${Number((a / b).toPrecision(2))}×`;
/** How many requests a measurement made, and of how many it meant to when the time cap stopped it. */
export const made = (n: number, requested: number): string => (n < requested ? `${n} of ${requested}, time cap` : String(n));

/** A plain-text table, first column left-aligned. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const line = (row: readonly string[]): string => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

/** The app process's environment: local mode over the seeded database, silent logs, no scheduler loop. */
export function appEnv(storage: StorageConfig, named: boolean): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['BOT_ID', 'BOT_PASSWORD', 'BOT_TYPE', 'BOT_TENANT_ID', 'BOT_DOMAIN', 'DATABASE_URL', 'SQLITE_PATH', 'AAD_APP_CLIENT_ID', 'AAD_APP_ID_URI', 'ALLOWED_TENANT_IDS', 'GRAPH_TEAM_OWNERS', 'MIN_GROUP_SIZE']) delete env[name];
  return {
    ...env,
    NODE_ENV: 'development',
    PORT: '0',
    LOG_LEVEL: 'silent',
    SCHEDULER_TICK_SECONDS: '0',
    DATA_KEY: DATA_KEY.toString('base64'),
    NAMED_PROGRESS: named ? 'true' : 'false',
    ...(storage.engine === 'sqlite' ? { SQLITE_PATH: storage.path } : { DATABASE_URL: storage.url }),
  };
}

async function runEngine(engine: Engine, options: BenchOptions, courseId: string, lessons: readonly string[]): Promise<EngineResult> {
  console.log(`\n=== ${engine} ===`);
  const random = prng(options.seed);
  const org = organisation(options, courseId, lessons, random);
  const storage: TestStorage = await createTestStorage(engine);
  // The app's own openDatabase creates the schema (its migrations); the bench then uses a connection of its own.
  await (await openDatabase(storage.config)).close();
  const bench = new BenchDb(storage.config);
  const children: BenchChild[] = [];
  try {
    const seeded = await seed(bench.db, engine, org, options, random);
    const total = Object.values(seeded.rows).reduce((a, b) => a + b, 0);
    console.log(`seeded in ${(seeded.ms / 1000).toFixed(1)} s (sealing ${(seeded.sealMs / 1000).toFixed(1)} s, ${options.seal}); ${total.toLocaleString('en')} rows:`);
    console.log(
      '  ' +
        Object.entries(seeded.rows)
          .map(([name, n]) => `${name} ${n.toLocaleString('en')}`)
          .join(', '),
    );
    const databaseMiB =
      storage.config.engine === 'sqlite'
        ? statSync(storage.config.path).size / 2 ** 20
        : Number((await sql<{ size: string }>`select sum(pg_total_relation_size(c.oid))::text as size from pg_class c where c.relnamespace = current_schema()::regnamespace and c.relkind = 'r'`.execute(bench.db)).rows[0]?.size ?? 0) / 2 ** 20;
    console.log(`  database size ${databaseMiB.toFixed(0)} MiB`);

    const expected = seeded.expected;
    const pickTeams = (n: number, salt: number): number[] => {
      const r = prng(options.seed * 7919 + salt);
      return Array.from({ length: n }, () => Math.floor(r() * org.teams.length));
    };
    const check: Check = { ok: 0, wrong: 0 };

    console.log(`load average before measuring: ${loadavg().map((n) => n.toFixed(2)).join(' ')} on ${availableParallelism()} CPUs (other work on the machine inflates every figure)`);
    const app = await BenchChild.start(`app (${engine})`, join(root, 'bench/support/laerekraft-process.ts'), { cwd: root, env: appEnv(storage.config, false) });
    children.push(app.child);
    const capMs = options.phaseSeconds * 1000;
    await load(app.port, org, pickTeams(options.warmup, 1), 1, expected, false, check, capMs);
    const measured = pickTeams(options.requests, 2);
    const profilePath = join(tmpdir(), `lk-dashboard-${engine}-${process.pid}.cpuprofile`);
    if (options.profile) await app.child.request({ type: 'profile-start', intervalUs: 250 });
    const sequential = await load(app.port, org, measured, 1, expected, false, check, capMs);
    if (options.profile) await app.child.request({ type: 'profile-stop', path: profilePath });
    console.log(`dashboard, sequential (${made(sequential.latency.n, options.requests)}):  ${fmtStats(sequential.latency)}  ${sequential.reqPerS.toFixed(0)} req/s  (${(sequential.bytes / 1024).toFixed(1)} KB per answer)`);
    const concurrent = await load(app.port, org, pickTeams(options.requests, 3), options.concurrency, expected, false, check, capMs);
    console.log(`dashboard, concurrency ${options.concurrency} (${made(concurrent.latency.n, options.requests)}):  ${fmtStats(concurrent.latency)}  ${concurrent.reqPerS.toFixed(0)} req/s`);
    await app.child.stop();

    // The baseline: as many counts as dashboards were measured, for the same teams.
    const baseline = async (counter: typeof bareCount): Promise<Stats> => {
      const samples: number[] = [];
      const started = performance.now();
      for (const index of measured.slice(0, sequential.latency.n)) {
        if (performance.now() - started > capMs) break;
        const team = org.teams[index]!;
        const t0 = performance.now();
        const n = await counter(bench.db, { tenantId: org.tenantId, teamId: team.teamId }, courseId);
        samples.push(performance.now() - t0);
        if (n !== expected.get(index)!.read) throw new Error(`bare count ${n} ≠ ${expected.get(index)!.read}`);
      }
      return stats(samples);
    };
    const count = await baseline(bareCount);
    console.log(`bare count, join as the dashboard writes it, HTTP-free (${made(count.n, sequential.latency.n)}): ${fmtStats(count)}`);
    const countIn = await baseline(bareCountIn);
    console.log(`bare count, user_id in (roster), HTTP-free (${made(countIn.n, sequential.latency.n)}):       ${fmtStats(countIn)}`);
    console.log(
      `ratio dashboard p95 / count p95: ${times(sequential.latency.p95, count.p95)} sequential, ${times(concurrent.latency.p95, count.p95)} at concurrency ${options.concurrency}` +
        ` (against the roster-list count: ${times(sequential.latency.p95, countIn.p95)} and ${times(concurrent.latency.p95, countIn.p95)})`,
    );

    let named: LoadResult | undefined;
    if (options.namedRequests > 0) {
      const namedApp = await BenchChild.start(`app (${engine}, named progress)`, join(root, 'bench/support/laerekraft-process.ts'), { cwd: root, env: appEnv(storage.config, true) });
      children.push(namedApp.child);
      await load(namedApp.port, org, pickTeams(Math.min(options.warmup, 20), 4), 1, expected, true, check, capMs);
      named = await load(namedApp.port, org, pickTeams(options.namedRequests, 5), 1, expected, true, check, capMs);
      console.log(`dashboard, NAMED_PROGRESS=true, sequential (${made(named.latency.n, options.namedRequests)}): ${fmtStats(named.latency)}  ${named.reqPerS.toFixed(0)} req/s  (${(named.bytes / 1024).toFixed(1)} KB)`);
      await namedApp.child.stop();
    }

    console.log(`load average after measuring: ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
    // Where the time goes: each query alone (sequentially, as SQLite runs them anyway), HTTP-free.
    const queries = await timeQueries(bench, engine, org, pickTeams(Math.min(options.requests, 200), 6), capMs / 6);
    console.log(`\nthe dashboard's queries, each alone via the app's repositories (up to ${Math.min(options.requests, 200)} teams, ${ms(capMs / 6000)} s each):`);
    console.log(
      table(
        ['  query', 'n', 'p50 ms', 'p95 ms'],
        queries.map((q) => [`  ${q.name}`, String(q.latency.n), ms(q.latency.p50), ms(q.latency.p95)]),
      ),
    );
    const leaderQueries = queries.filter((q) => !q.name.includes('named only') && !q.name.startsWith('people.'));
    console.log(`  sum of p50 (leader, named progress off): ${ms(leaderQueries.reduce((sum, q) => sum + q.latency.p50, 0))} ms in ${leaderQueries.reduce((n, q) => n + q.queries, 0)} queries`);

    if (options.profile) {
      const summary = await summariseCpuProfile(profilePath, root);
      const perRequest = (value: number): string => `${ms(value / sequential.latency.n)} ms`;
      console.log(`\napp CPU during the sequential run: ${ms(summary.busyMs)} ms busy, ${perRequest(summary.busyMs)} per request`);
      console.log(table(['  self time by area', 'share', 'per request'], summary.selfByArea.slice(0, 10).map((row) => [`  ${row.name}`, `${(row.share * 100).toFixed(1)} %`, perRequest(row.ms)])));
      console.log(table(['  self time by function', 'share', 'per request'], summary.selfFunctions.slice(0, 10).map((row) => [`  ${row.name}`, `${(row.share * 100).toFixed(1)} %`, perRequest(row.ms)])));
      console.log(table(['  project functions, inclusive', 'share', 'per request'], summary.inclusiveAppFunctions.slice(0, 10).map((row) => [`  ${row.name}`, `${(row.share * 100).toFixed(1)} %`, perRequest(row.ms)])));
      console.log(`  profile: ${profilePath}`);
    }

    const over = sequential.latency.p95 > GOAL_P95_MS || concurrent.latency.p95 > GOAL_P95_MS || (named?.latency.p95 ?? 0) > GOAL_P95_MS;
    if (over || options.explain) {
      console.log(`\nplans of the dashboard's queries for one team${over ? ` (p95 over the goal of ${GOAL_P95_MS} ms)` : ''}:`);
      for (const line of await explainQueries(bench, engine, org, org.teams[measured[0]!]!)) console.log(line);
    }
    if (options.keep) console.log(`\nkept: ${storage.config.engine === 'sqlite' ? storage.config.path : storage.config.url}`);
    return { engine, seed: seeded, databaseMiB, sequential, concurrent, count, countIn, named, queries, check };
  } finally {
    for (const child of children) await child.stop();
    await bench.db.destroy();
    if (!options.keep) await storage.dispose();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The tab.

function tabSize(): void {
  console.log('\n=== tab JavaScript ===');
  const script = join(root, 'bench', 'tab-size.ts');
  if (existsSync(script)) {
    // It is a script (it reads its own argv), so it runs as one rather than being imported.
    const result = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: root, encoding: 'utf8', env: process.env });
    process.stdout.write(result.stdout);
    if (result.status !== 0) console.log(`bench/tab-size.ts exited ${result.status}: ${result.stderr.trim()}`);
    return;
  }
  const dist = join(root, 'dist', 'tab');
  const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
  if (scripts['build:tab']) execFileSync('npm', ['run', '--silent', 'build:tab'], { cwd: root, stdio: 'inherit' });
  if (!existsSync(dist)) {
    console.log('tab not built');
    return;
  }
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else if (entry.name.endsWith('.js')) files.push(join(dir, entry.name));
    }
  };
  walk(dist);
  const gzip = files.reduce((sum, file) => sum + gzipSync(readFileSync(file), { level: 9 }).length, 0);
  console.log(`dist/tab/**/*.js: ${files.length} files, ${(gzip / 1024).toFixed(1)} KB gzipped; goal ${GOAL_TAB_BYTES / 1024} KB: ${gzip <= GOAL_TAB_BYTES ? 'within' : 'OVER'}`);
}

// ---------------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const options = readOptions();
  const { catalog } = await loadCourses({});
  const course = catalog.defaultCourse();
  const lessons = lessonIds(course);
  console.log(
    `Dashboard bench: ${options.employees.toLocaleString('en')} employees in ${options.teams} teams, course ${course.id} (${lessons.length} lessons); ` +
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
    console.log(`\n=== summary (goal: dashboard p95 ≤ ${GOAL_P95_MS} ms) ===`);
    console.log(
      table(
        ['', ...results.map((r) => r.engine)],
        [
          ['seeding', ...results.map((r) => `${(r.seed.ms / 1000).toFixed(1)} s`)],
          ['rows (progress / reflections)', ...results.map((r) => `${r.seed.rows.lesson_progress ?? 0} / ${r.seed.rows.reflections ?? 0}`)],
          ['dashboard requests, sequential', ...results.map((r) => made(r.sequential.latency.n, r.sequential.requested))],
          ['dashboard p50, sequential', ...results.map((r) => `${ms(r.sequential.latency.p50)} ms`)],
          ['dashboard p95, sequential', ...results.map((r) => `${ms(r.sequential.latency.p95)} ms`)],
          ['dashboard p99, sequential', ...results.map((r) => `${ms(r.sequential.latency.p99)} ms`)],
          ['req/s, sequential', ...results.map((r) => r.sequential.reqPerS.toFixed(0))],
          [`dashboard p50, concurrency ${options.concurrency}`, ...results.map((r) => `${ms(r.concurrent.latency.p50)} ms`)],
          [`dashboard p95, concurrency ${options.concurrency}`, ...results.map((r) => `${ms(r.concurrent.latency.p95)} ms`)],
          [`req/s, concurrency ${options.concurrency}`, ...results.map((r) => r.concurrent.reqPerS.toFixed(0))],
          ['bare count (join) p50', ...results.map((r) => `${ms(r.count.p50)} ms`)],
          ['bare count (join) p95', ...results.map((r) => `${ms(r.count.p95)} ms`)],
          ['ratio p95 dashboard / count (join)', ...results.map((r) => `${times(r.sequential.latency.p95, r.count.p95)}`)],
          ['bare count (roster list) p95', ...results.map((r) => `${ms(r.countIn.p95)} ms`)],
          ['ratio p95 dashboard / count (list)', ...results.map((r) => `${times(r.sequential.latency.p95, r.countIn.p95)}`)],
          ['named progress p95, sequential', ...results.map((r) => (r.named ? `${ms(r.named.latency.p95)} ms` : '–'))],
          ['within the goal', ...results.map((r) => (Math.max(r.sequential.latency.p95, r.concurrent.latency.p95, r.named?.latency.p95 ?? 0) <= GOAL_P95_MS ? 'yes' : 'NO'))],
          ['answers checked (wrong)', ...results.map((r) => `${r.check.ok + r.check.wrong} (${r.check.wrong})`)],
        ],
      ),
    );
  }
  tabSize();

  const wrong = results.filter((r) => r.check.wrong > 0);
  for (const r of wrong) console.error(`\n${r.engine}: ${r.check.wrong} wrong dashboard answers; first: ${r.check.firstProblem}`);
  if (wrong.length > 0) process.exitCode = 1;
}

// Run only as a script: bench/org-report.ts imports the seeding and the helpers above.
if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) await main();
