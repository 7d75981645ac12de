import assert from 'node:assert/strict';
import { Migrator, sql, type Kysely } from 'kysely';
import { migrations } from '../../bot/storage/migrations/index.js';
import { openStorage, type Storage } from '../../bot/storage/open-storage.js';
import type { Repositories } from '../../bot/storage/repositories/index.js';
import { createTestStorage, describeEachEngine, type TestStorage } from '../helpers/engines.js';

const ingrid = { tenantId: 'tenant-a', userId: 'ingrid' };
const ingridElsewhere = { tenantId: 'tenant-b', userId: 'ingrid' };
const ola = { tenantId: 'tenant-a', userId: 'ola' };
const t0 = new Date('2026-03-02T08:00:00.000Z');
const t1 = new Date('2026-03-03T08:00:00.000Z');

describeEachEngine('repositories', (engine) => {
  let storage: TestStorage;
  let database: Storage;
  let repos: Repositories;

  beforeEach(async function () {
    storage = await createTestStorage(engine);
    database = await openStorage(storage.config, undefined);
    repos = database.repositories;
  });

  afterEach(async function () {
    await database?.close();
    await storage?.dispose();
  });

  describe('progress', function () {
    it('records a lesson once and reports it', async function () {
      assert.equal(await repos.progress.markRead(ingrid, 'c', 'l1', t0), true);
      assert.equal(await repos.progress.markRead(ingrid, 'c', 'l1', t1), false);
      assert.deepEqual([...(await repos.progress.readLessonIds(ingrid, 'c'))], ['l1']);
    });

    it('keeps people, tenants and courses apart', async function () {
      await repos.progress.markRead(ingrid, 'c', 'l1', t0);
      assert.equal((await repos.progress.readLessonIds(ola, 'c')).size, 0);
      assert.equal((await repos.progress.readLessonIds(ingridElsewhere, 'c')).size, 0);
      assert.equal((await repos.progress.readLessonIds(ingrid, 'other')).size, 0);
    });
  });

  describe('reflections', function () {
    const reflection = { courseId: 'c', lessonId: 'l1', answers: ['a', 'b', 'c'] as const, visibility: 'private' as const };

    it('creates, then replaces rather than duplicating', async function () {
      assert.deepEqual(await repos.reflections.save(ingrid, reflection, t0), { created: true });
      assert.deepEqual(await repos.reflections.save(ingrid, { ...reflection, answers: ['x', '', 'z'] }, t1), { created: false });
      const stored = await repos.reflections.find(ingrid, 'c', 'l1');
      assert.deepEqual(stored?.answers, ['x', '', 'z']);
      assert.equal(stored?.createdAt.toISOString(), t0.toISOString());
      assert.equal(stored?.updatedAt.toISOString(), t1.toISOString());
      assert.equal(await repos.reflections.count(ingrid, 'c'), 1);
    });

    it('keeps each person’s reflections to themselves', async function () {
      await repos.reflections.save(ingrid, reflection, t0);
      assert.equal(await repos.reflections.find(ola, 'c', 'l1'), undefined);
      assert.equal(await repos.reflections.find(ingridElsewhere, 'c', 'l1'), undefined);
      assert.equal(await repos.reflections.count(ola, 'c'), 0);
    });

    it('seals answers and visibility so the stored row reveals neither', async function () {
      await repos.reflections.save(ingrid, { ...reflection, answers: ['hemmelig tanke', '', ''], visibility: 'anonymous', sharedReplyId: 'reply-1' }, t0);
      const rows = await database.database.db.selectFrom('reflections').selectAll().execute();
      const raw = JSON.stringify(rows);
      assert.doesNotMatch(raw, /hemmelig|anonymous|reply-1/);
      const found = await repos.reflections.find(ingrid, 'c', 'l1');
      assert.equal(found?.visibility, 'anonymous');
      assert.equal(found?.sharedReplyId, 'reply-1');
    });

    it('stores long Unicode text intact', async function () {
      const long = 'Bærekraft i «kvardagen» – ✓ '.repeat(35);
      await repos.reflections.save(ingrid, { ...reflection, answers: [long, '', ''] }, t0);
      assert.equal((await repos.reflections.find(ingrid, 'c', 'l1'))?.answers[0], long);
    });
  });

  describe('people', function () {
    it('stores and changes a language choice', async function () {
      assert.equal(await repos.people.language(ingrid), undefined);
      await repos.people.setLanguage(ingrid, 'nn', t0);
      await repos.people.setLanguage(ingrid, 'en', t1);
      assert.equal(await repos.people.language(ingrid), 'en');
      assert.equal(await repos.people.language(ingridElsewhere), undefined);
    });
  });

  describe('welcomes', function () {
    it('grants a claim only once per tenant and key', async function () {
      assert.equal(await repos.welcomes.claim('tenant-a', 'personal:ingrid', t0), true);
      assert.equal(await repos.welcomes.claim('tenant-a', 'personal:ingrid', t1), false);
      assert.equal(await repos.welcomes.claim('tenant-b', 'personal:ingrid', t1), true);
    });
  });

  describe('conversation references', function () {
    it('are no longer stored: the migration drops the table and what it held', async function () {
      const db = database.database.db as unknown as Kysely<any>;
      const schema = engine === 'postgres' ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema : undefined;
      const migrator = new Migrator({ db, provider: migrations, ...(schema ? { migrationTableSchema: schema } : {}) });
      // Back to before 0011 (later migrations, such as 0013, are undone on the way and redone below).
      const down = await migrator.migrateTo('0009-fenced-outbox');
      assert.equal(down.error, undefined);
      assert.ok(down.results?.some((result) => result.migrationName === '0011-drop-conversation-references' && result.direction === 'Down'));
      await db.insertInto('conversation_refs').values({ tenant_id: 'tenant-a', ref_key: 'personal:ingrid', reference: '{"serviceUrl":"https://a/"}', updated_at: t0.toISOString() }).execute();
      assert.equal((await migrator.migrateToLatest()).error, undefined);
      await assert.rejects(db.selectFrom('conversation_refs').selectAll().execute());
    });
  });

  describe('tenant settings', function () {
    const entry = (id: string, tenantId: string, at: Date, setting: 'minGroupSize' | 'namedProgress' = 'minGroupSize') => ({
      id,
      tenantId,
      at,
      actor: { userId: 'admin', name: 'Astrid Berg' },
      setting,
      oldValue: '5',
      newValue: '6',
      decisionReference: null,
      discussedOn: null,
    });

    it('stores values with their audit entries, and refuses a write over a version that moved on', async function () {
      const settings = repos.tenantSettings;
      assert.equal(await settings.find('tenant-a'), undefined);
      assert.equal(await settings.save('tenant-a', 0, { minGroupSize: 6 }, [entry('e1', 'tenant-a', t0)], t0), true);
      assert.equal(await settings.save('tenant-a', 0, { minGroupSize: 7 }, [entry('e2', 'tenant-a', t0)], t0), false, 'a second first write');
      assert.deepEqual(await settings.find('tenant-a'), { values: { minGroupSize: 6 }, version: 1 });
      assert.equal(await settings.save('tenant-a', 1, { minGroupSize: 6, retentionDays: 400 }, [entry('e3', 'tenant-a', t1)], t1), true);
      assert.equal(await settings.save('tenant-a', 1, { minGroupSize: 9 }, [entry('e4', 'tenant-a', t1)], t1), false, 'a stale version');
      const page = await settings.auditPage('tenant-a', 0, 10);
      assert.deepEqual([page.total, page.entries.map((e) => e.id)], [2, ['e3', 'e1']]);
      assert.deepEqual(page.entries[1]!.actor, { userId: 'admin', name: 'Astrid Berg' });
      assert.deepEqual(await settings.retentionOverrides(), [{ tenantId: 'tenant-a', retentionDays: 400 }]);
    });

    it('keeps tenants apart, pages the log, and deletes only entries older than the instant', async function () {
      const settings = repos.tenantSettings;
      await settings.save('tenant-a', 0, { minGroupSize: 6 }, [entry('a1', 'tenant-a', t0), entry('a2', 'tenant-a', t1, 'namedProgress')], t1);
      await settings.save('tenant-b', 0, { minGroupSize: 8 }, [entry('b1', 'tenant-b', t0)], t0);
      assert.deepEqual((await settings.auditPage('tenant-a', 1, 1)).entries.map((e) => e.id), ['a1']);
      assert.deepEqual((await settings.auditPage('tenant-b', 0, 10)).entries.map((e) => e.id), ['b1']);
      assert.equal(await settings.deleteAuditBefore(t1), 2);
      assert.deepEqual((await settings.auditPage('tenant-a', 0, 10)).entries.map((e) => e.id), ['a2']);
      assert.equal((await settings.auditPage('tenant-b', 0, 10)).total, 0);
      assert.deepEqual((await settings.find('tenant-b'))?.values, { minGroupSize: 8 });
    });
  });

  describe('migrations', function () {
    it('run again on an up-to-date database without changing it', async function () {
      await repos.progress.markRead(ingrid, 'c', 'l1', t0);
      const again = await openStorage(storage.config, undefined);
      try {
        assert.equal((await again.repositories.progress.readLessonIds(ingrid, 'c')).size, 1);
      } finally {
        await again.close();
      }
    });
  });
});
