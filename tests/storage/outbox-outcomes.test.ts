/**
 * Sent outcomes recorded together (one fenced write for the rows that finish at about the same time): each row gets
 * its own activity id and time, a row claimed by another worker since is not recorded, and renewals of the claim
 * running at the same moment change none of that.
 */
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import pg from 'pg';
import { openStorage, type Storage } from '../../bot/storage/open-storage.js';
import { createTestStorage, describeEachEngine, type TestStorage } from '../helpers/engines.js';

const ref = { tenantId: '72f988bf-0000-4000-8000-00000000c0d1', teamId: '19:outcomes@thread.tacv2', courseId: 'intro-baerekraft' };
const start = Date.parse('2031-02-03T09:00:00.000Z');

describeEachEngine('outbox sent outcomes written together', (engine) => {
  let testStorage: TestStorage | undefined;
  let storage: Storage | undefined;

  beforeEach(async function () {
    testStorage = await createTestStorage(engine);
    storage = await openStorage(testStorage.config, Buffer.alloc(32, 0x4f));
  });

  afterEach(async function () {
    await storage?.close();
    await testStorage?.dispose();
  });

  it('records each row with its own activity id, and none that another claim has taken since', async function () {
    const { outbox, schedules } = storage!.repositories;
    const targets = Array.from({ length: 30 }, (_, index) => ({ targetKey: `p${index}`, payload: { kind: 'reminder' as const, userId: `p${index}`, teamsUserId: `29:p${index}`, dueDate: '2031-06-13' } }));
    await schedules.enqueue(ref, 'reminder', { occurrenceKey: 'outcomes', dueAt: new Date(start), status: 'queued', targets }, new Date(start));
    const first = await outbox.claim(new Date(start), 1_000, 100);
    assert.equal(first.length, 30);
    // Two rows' leases ran out and another worker claimed them: the first claim's outcome must not land on them.
    const taken = await outbox.claim(new Date(start + 2_000), 60_000, 2);
    assert.equal(taken.length, 2);
    const takenIds = new Set(taken.map((item) => item.id));

    const at = (index: number): Date => new Date(start + 3_000 + index);
    const [recorded] = await Promise.all([
      Promise.all(first.map((item, index) => outbox.markSent(item.id, item.leaseToken, `activity-${item.targetKey}`, at(index)))),
      outbox.renewClaim(first[0]!.leaseToken, new Date(start + 60_000)),
      outbox.renewClaim(first[0]!.leaseToken, new Date(start + 61_000)),
    ]);
    assert.deepEqual(
      first.filter((_, index) => !recorded[index]).map((item) => item.id).sort(),
      [...takenIds].sort(),
    );

    const rows = await storage!.database.db.selectFrom('outbox').select(['id', 'target_key', 'status', 'activity_id', 'updated_at', 'lease_token']).execute();
    for (const row of rows) {
      if (takenIds.has(row.id)) {
        assert.equal(row.status, 'leased', 'a row claimed since keeps its new claim');
        assert.equal(row.lease_token, taken[0]!.leaseToken);
        assert.equal(row.activity_id, null);
        continue;
      }
      const index = first.findIndex((item) => item.id === row.id);
      assert.deepEqual([row.status, row.activity_id, row.updated_at, row.lease_token], ['sent', `activity-${row.target_key}`, at(index).toISOString(), null]);
    }
  });

  it('answers a row’s outcome from an old claim false and from its new claim true when both arrive together', async function () {
    const { outbox, schedules } = storage!.repositories;
    const targets = [{ targetKey: 'p0', payload: { kind: 'reminder' as const, userId: 'p0', teamsUserId: '29:p0', dueDate: '2031-06-13' } }];
    await schedules.enqueue(ref, 'reminder', { occurrenceKey: 'twice', dueAt: new Date(start), status: 'queued', targets }, new Date(start));
    const [old] = await outbox.claim(new Date(start), 1_000, 10);
    const [now] = await outbox.claim(new Date(start + 2_000), 60_000, 10);
    assert.equal(old!.id, now!.id);
    const recorded = await Promise.all([
      outbox.markSent(old!.id, old!.leaseToken, 'activity-old', new Date(start + 3_000)),
      outbox.markSent(now!.id, now!.leaseToken, 'activity-new', new Date(start + 3_001)),
    ]);
    assert.deepEqual(recorded, [false, true], 'the old claim’s outcome is not recorded, nor reported as recorded');
    const row = await storage!.database.db.selectFrom('outbox').select(['status', 'activity_id', 'updated_at']).executeTakeFirstOrThrow();
    assert.deepEqual([row.status, row.activity_id, row.updated_at], ['sent', 'activity-new', new Date(start + 3_001).toISOString()]);
  });

  // PostgreSQL only: SQLite has one writer, so its statements never wait on each other's row locks.
  if (engine === 'postgres') it('does not deadlock with a renewal of the claim when the rows’ order by due time is not their order on disk', async function () {
    const { outbox } = storage!.repositories;
    const { db } = storage!.database;
    const iso = (ms: number): string => new Date(start + ms).toISOString();
    const row = (id: string, tenantId: string, status: string, due: number) => ({ id, delivery_id: 'd', tenant_id: tenantId, team_id: 't', target_key: id, payload: '{"kind":"reminder"}', status, attempts: 0, next_attempt_at: iso(due), created_at: iso(0), updated_at: iso(0) });
    // Two tenants' claims recorded together, among many rows already sent: the outcomes' update then scans the leased
    // rows by the claim index (by due time), the renewal by its token (in their order on disk).
    await db.insertInto('outbox').values(Array.from({ length: 40 }, (_, index) => row(`r${String(index).padStart(3, '0')}`, index % 8 === 1 ? 'other' : 'one', 'pending', 0))).execute();
    for (let chunk = 0; chunk < 10; chunk += 1) await db.insertInto('outbox').values(Array.from({ length: 300 }, (_, index) => row(`s${chunk}-${index}`, 'done', 'sent', 0))).execute();
    await sql`analyze outbox`.execute(db);
    const first = await outbox.claim(new Date(start), 60_000, 100, ['one']);
    const second = await outbox.claim(new Date(start), 60_000, 100, ['other']);
    assert.equal(first.length + second.length, 40);
    // Each row written anew in id order and due in the reverse order (as retries come due): the two orders differ.
    for (let index = 0; index < 40; index += 1) await db.updateTable('outbox').set({ next_attempt_at: iso(-index * 1_000) }).where('id', '=', `r${String(index).padStart(3, '0')}`).execute();

    // Another connection holds one row in the middle for a moment, so both statements are under way at once.
    const blocker = new pg.Client({ connectionString: (testStorage!.config as { readonly url: string }).url });
    await blocker.connect();
    try {
      await blocker.query('begin');
      await blocker.query(`select id from outbox where id = 'r020' for update`);
      const sent = Promise.allSettled([...first, ...second].map((item) => outbox.markSent(item.id, item.leaseToken, `activity-${item.id}`, new Date(start + 1_000))));
      await new Promise((resolve) => setTimeout(resolve, 200));
      const renewal = outbox.renewClaim(first[0]!.leaseToken, new Date(start + 120_000)).then(
        () => 'renewed',
        (error: unknown) => String(error),
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      await blocker.query('commit');
      const results = await sent;
      assert.equal(await renewal, 'renewed');
      assert.deepEqual(
        results.map((result) => (result.status === 'fulfilled' ? result.value : String(result.reason))),
        Array.from({ length: 40 }, () => true),
      );
    } finally {
      await blocker.end();
    }
  });
});
