import assert from 'node:assert/strict';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { migrations } from '../../bot/storage/migrations/index.js';
import { openStorage, type Storage } from '../../bot/storage/open-storage.js';
import { createTestStorage, describeEachEngine, type TestStorage } from '../helpers/engines.js';

const tenant = 'tenant-a';
const teamId = '19:team-a@thread.tacv2';
const at = '2026-03-02T08:00:00.000Z';

/**
 * Migration 0016 (several courses per team): a database seeded at the previous migration (one course per team) keeps
 * every row, each under the team's course, and the keys now allow a second course per team.
 */
describeEachEngine('migration 0016, courses per team', (engine) => {
  let storage: TestStorage;
  let db: Kysely<any>;
  let migrator: Migrator;

  beforeEach(async function () {
    storage = await createTestStorage(engine);
    const config = storage.config;
    db =
      config.engine === 'sqlite'
        ? new Kysely<any>({ dialect: new SqliteDialect({ database: new SQLite(config.path) }) })
        : new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: config.url, max: 2 }) }) });
    const schema = engine === 'postgres' ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema : undefined;
    migrator = new Migrator({ db, provider: migrations, ...(schema ? { migrationTableSchema: schema } : {}) });
    assert.equal((await migrator.migrateTo('0014-org-report-indexes')).error, undefined);
  });

  afterEach(async function () {
    await db?.destroy();
    await storage?.dispose();
  });

  async function seedOneCourseTeam(): Promise<void> {
    await db.insertInto('teams').values({ tenant_id: tenant, team_id: teamId, name: 'Oppvekst', status: 'active', service_url: 'https://smba.example/', aad_group_id: null, status_changed_at: at, updated_at: at }).execute();
    await db
      .insertInto('enrollments')
      .values({
        tenant_id: tenant,
        team_id: teamId,
        course_id: 'intro-baerekraft',
        channel_id: teamId,
        language: 'nn',
        start_date: '2026-03-09',
        mandatory: 1,
        due_date: '2026-06-01',
        lesson_weekday: 1,
        lesson_time: '09:00',
        interval_weeks: 1,
        reflection_days_after: 2,
        reflection_time: '14:00',
        time_zone: 'Europe/Oslo',
        created_by: 'ingrid',
        updated_at: at,
      })
      .execute();
    for (const kind of ['lesson', 'reflection', 'reminder']) {
      await db.insertInto('schedules').values({ tenant_id: tenant, team_id: teamId, kind, next_at: '2026-03-09T08:00:00.000Z', paused: kind === 'reflection' ? 1 : 0, updated_at: at }).execute();
    }
    await db
      .insertInto('deliveries')
      .values([
        { id: 'd-lesson', tenant_id: tenant, team_id: teamId, kind: 'lesson', occurrence_key: '2026-03-09T08:00:00.000Z', due_at: '2026-03-09T08:00:00.000Z', status: 'queued', reason: null, created_at: at },
        { id: 'd-plan', tenant_id: tenant, team_id: teamId, kind: 'planReminder', occurrence_key: 'plan:1', due_at: at, status: 'queued', reason: null, created_at: at },
      ])
      .execute();
    const outbox = (id: string, deliveryId: string, payload: unknown, status: string) => ({
      id,
      delivery_id: deliveryId,
      tenant_id: tenant,
      team_id: teamId,
      target_key: id,
      payload: JSON.stringify(payload),
      status,
      attempts: 0,
      next_attempt_at: at,
      lease_until: null,
      lease_token: null,
      activity_id: null,
      last_error: null,
      created_at: at,
      updated_at: at,
    });
    await db
      .insertInto('outbox')
      .values([
        outbox('o-lesson', 'd-lesson', { kind: 'channelLesson', lessonId: 'why-municipalities-matter' }, 'pending'),
        outbox('o-sent', 'd-lesson', { kind: 'channelLesson', lessonId: 'first' }, 'sent'),
        outbox('o-plan', 'd-plan', { kind: 'planReminder', itemId: 'i1', userId: 'ola', dueDate: '2026-04-01' }, 'pending'),
      ])
      .execute();
    await db.insertInto('next_step_rounds').values({ id: 'round-1', tenant_id: tenant, team_id: teamId, thread_id: 'thread', activity_id: 'activity', started_at: at }).execute();
    await db.insertInto('people').values({ tenant_id: tenant, user_id: 'ola', language: 'nn', updated_at: at }).execute();
  }

  it('moves a one-course team to the built-in course it ran, keeping every row, and lets it add a second course', async function () {
    await seedOneCourseTeam();
    assert.equal((await migrator.migrateToLatest()).error, undefined);

    const enrollments = await db.selectFrom('enrollments').select(['team_id', 'course_id', 'language', 'due_date']).execute();
    assert.deepEqual(enrollments, [{ team_id: teamId, course_id: 'intro-baerekraft', language: 'nn', due_date: '2026-06-01' }]);
    const schedules = await db.selectFrom('schedules').select(['course_id', 'kind', 'paused']).orderBy('kind').execute();
    assert.deepEqual(
      schedules.map((row) => ({ ...row, paused: Number(row.paused) })),
      [
        { course_id: 'intro-baerekraft', kind: 'lesson', paused: 0 },
        { course_id: 'intro-baerekraft', kind: 'reflection', paused: 1 },
        { course_id: 'intro-baerekraft', kind: 'reminder', paused: 0 },
      ],
    );
    const deliveries = await db.selectFrom('deliveries').select(['id', 'course_id']).orderBy('id').execute();
    assert.deepEqual(deliveries, [
      { id: 'd-lesson', course_id: 'intro-baerekraft' },
      { id: 'd-plan', course_id: '' },
    ]);
    const payloads = new Map((await db.selectFrom('outbox').select(['id', 'payload']).execute()).map((row) => [row.id, JSON.parse(row.payload)]));
    assert.deepEqual(payloads.get('o-lesson'), { courseId: 'intro-baerekraft', kind: 'channelLesson', lessonId: 'why-municipalities-matter' }, 'a send still to come keeps its course');
    assert.deepEqual(payloads.get('o-sent'), { kind: 'channelLesson', lessonId: 'first' }, 'a finished send is left as it was');
    assert.deepEqual(payloads.get('o-plan'), { kind: 'planReminder', itemId: 'i1', userId: 'ola', dueDate: '2026-04-01' }, 'a plan reminder belongs to no course');
    assert.deepEqual(await db.selectFrom('next_step_rounds').select(['id', 'course_id']).execute(), [{ id: 'round-1', course_id: 'intro-baerekraft' }]);
    assert.deepEqual(await db.selectFrom('people').select(['user_id', 'language', 'course_id']).execute(), [{ user_id: 'ola', language: 'nn', course_id: null }]);

    // The keys now take a second course for the same team: its setup, its schedules, its delivery at the same instant.
    await db.insertInto('enrollments').values({ ...(await db.selectFrom('enrollments').selectAll().executeTakeFirstOrThrow()), course_id: 'andre-kurs' }).execute();
    await db.insertInto('schedules').values({ tenant_id: tenant, team_id: teamId, course_id: 'andre-kurs', kind: 'lesson', next_at: '2026-03-09T08:00:00.000Z', paused: 0, updated_at: at }).execute();
    await db
      .insertInto('deliveries')
      .values({ id: 'd-second', tenant_id: tenant, team_id: teamId, course_id: 'andre-kurs', kind: 'lesson', occurrence_key: '2026-03-09T08:00:00.000Z', due_at: '2026-03-09T08:00:00.000Z', status: 'queued', reason: null, created_at: at })
      .execute();
    assert.equal((await db.selectFrom('enrollments').select('course_id').execute()).length, 2);
    await assert.rejects(
      db.insertInto('enrollments').values({ ...(await db.selectFrom('enrollments').selectAll().where('course_id', '=', 'andre-kurs').executeTakeFirstOrThrow()) }).execute(),
      'one setup per team and course',
    );
  });

  it('serves the migrated data through the repositories', async function () {
    await seedOneCourseTeam();
    await db.destroy();
    db = undefined as unknown as Kysely<any>;
    let opened: Storage | undefined;
    try {
      opened = await openStorage(storage.config, undefined);
      const repos = opened.repositories;
      const ref = { tenantId: tenant, teamId };
      const list = await repos.enrollments.list(ref);
      assert.deepEqual(
        list.map((enrollment) => enrollment.courseId),
        ['intro-baerekraft'],
      );
      assert.equal((await repos.enrollments.find({ ...ref, courseId: 'intro-baerekraft' }))?.language, 'nn');
      assert.equal(await repos.enrollments.find({ ...ref, courseId: 'andre-kurs' }), undefined);
      const states = await repos.schedules.list({ ...ref, courseId: 'intro-baerekraft' });
      assert.deepEqual(states.map((state) => state.kind).sort(), ['lesson', 'reflection', 'reminder']);
      assert.equal((await repos.schedules.list({ ...ref, courseId: 'andre-kurs' })).length, 0);
      assert.deepEqual((await repos.nextSteps.latestRound({ ...ref, courseId: 'intro-baerekraft' }))?.id, 'round-1');
      assert.equal(await repos.people.chosenCourse({ tenantId: tenant, userId: 'ola' }), undefined);
      assert.equal(await repos.people.language({ tenantId: tenant, userId: 'ola' }), 'nn');
    } finally {
      await opened?.close();
    }
  });
});
