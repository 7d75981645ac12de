/**
 * How many rows one claim takes: no more than the tenant's Teams rate sends within a third of the lease (at least one
 * window's burst), so a claim does not outlive its lease many times over, rewriting its waiting rows on every renewal.
 */
import assert from 'node:assert/strict';
import pino from 'pino';
import { OutboxWorker } from '../../bot/core/outbox-worker.js';
import { openStorage, type Storage } from '../../bot/storage/open-storage.js';
import { claimRows, teamsRateLimits } from '../../bot/teams/messenger.js';
import { createTestStorage, type TestStorage } from '../helpers/engines.js';

const ref = { tenantId: '72f988bf-0000-4000-8000-00000000c1a1', teamId: '19:claim-rows@thread.tacv2', courseId: 'intro-baerekraft' };

describe('rows per claim', () => {
  it('takes the whole batch at Teams’ rate, and one window’s burst for a tenant paced 20× slower with a short lease', function () {
    assert.equal(claimRows(teamsRateLimits(), 120_000, 250), 250, '50/s for 40 s is far more than 250');
    assert.equal(claimRows(teamsRateLimits(), 3_000, 250), 50, '50/s for 1 s');
    assert.equal(claimRows(teamsRateLimits(0.05), 10_000, 250), 25, '2.5/s for 3.3 s is 8, below half a window of 50');
    assert.equal(claimRows({ perConversation: [], perTenant: [] }, 10_000, 250), 250, 'no tenant window: the batch');
  });

  describe('a worker', () => {
    let testStorage: TestStorage | undefined;
    let storage: Storage | undefined;

    beforeEach(async function () {
      testStorage = await createTestStorage('sqlite');
      storage = await openStorage(testStorage.config, Buffer.alloc(32, 0x52));
    });

    afterEach(async function () {
      await storage?.close();
      await testStorage?.dispose();
    });

    it('leases no more rows at once than a claim may take, and sends them all', async function () {
      const clock = { now: () => new Date() };
      const keys = Array.from({ length: 10 }, (_, index) => `person-${index}`);
      const targets = keys.map((key) => ({ targetKey: key, payload: { kind: 'reminder' as const, userId: key, teamsUserId: `29:${key}`, dueDate: '2031-06-13' } }));
      await storage!.repositories.schedules.enqueue(ref, 'reminder', { occurrenceKey: 'claim-rows', dueAt: clock.now(), status: 'queued', targets }, clock.now());
      const leasedWhileSending: number[] = [];
      const worker = new OutboxWorker({
        outbox: storage!.repositories.outbox,
        clock,
        logger: pino({ level: 'silent' }),
        options: { leaseMs: 10_000, batchSize: 250, claimRows: 3, concurrency: 2, maxAttempts: 3, retryBaseMs: 1, renewEveryMs: 0 },
        handler: {
          async deliver(item) {
            const leased = await storage!.database.db.selectFrom('outbox').select('id').where('status', '=', 'leased').execute();
            leasedWhileSending.push(leased.length);
            return { activityId: `sent-${item.targetKey}` };
          },
        },
      });
      assert.equal(await worker.drain(), 10);
      assert.equal(leasedWhileSending.length, 10);
      assert.ok(Math.max(...leasedWhileSending) <= 3, `at most 3 leased at once: ${leasedWhileSending.join(', ')}`);
    });
  });
});
