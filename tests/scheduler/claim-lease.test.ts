/**
 * The claim-wide lease renewal (ClaimLease) with a clock that goes back: a renewal made before the clock stepped back
 * must not vouch for a row once a later renewal (made at the earlier reading) has shortened its lease and another
 * worker has claimed it. Two outbox workers on one database, a clock the test moves, a handler that records writes.
 */
import assert from 'node:assert/strict';
import pino from 'pino';
import type { DeliveryContext, OutboxItem } from '../../bot/core/delivery.js';
import { OutboxWorker } from '../../bot/core/outbox-worker.js';
import type { DeliveryHandler } from '../../bot/core/ports.js';
import { openStorage, type Storage } from '../../bot/storage/open-storage.js';
import { createTestStorage, describeEachEngine, type TestStorage } from '../helpers/engines.js';

const ref = { tenantId: '72f988bf-0000-4000-8000-00000000c0c1', teamId: '19:claim-lease@thread.tacv2', courseId: 'intro-baerekraft' };
const start = Date.parse('2031-02-03T09:00:00.000Z');

describeEachEngine('claim-wide lease renewal', (engine) => {
  let testStorage: TestStorage | undefined;
  let storage: Storage | undefined;

  beforeEach(async function () {
    testStorage = await createTestStorage(engine);
    storage = await openStorage(testStorage.config, Buffer.alloc(32, 0x4c));
  });

  afterEach(async function () {
    await storage?.close();
    await testStorage?.dispose();
  });

  /** Two reminder rows due at `start`, a clock the test moves, and worker options with `concurrency` lanes. */
  async function twoRows(occurrenceKey: string, concurrency: number) {
    const clock = { current: new Date(start), now() { return this.current; } };
    const logger = pino({ level: 'silent' });
    const options = { leaseMs: 1_000, batchSize: 10, concurrency, maxAttempts: 3, retryBaseMs: 1, renewEveryMs: 0 };
    const targets = ['a', 'b'].map((key) => ({ targetKey: key, payload: { kind: 'reminder' as const, userId: key, teamsUserId: `29:${key}`, dueDate: '2031-06-13' } }));
    await storage!.repositories.schedules.enqueue(ref, 'reminder', { occurrenceKey, dueAt: clock.now(), status: 'queued', targets }, clock.now());
    return { clock, logger, options };
  }

  it('does not let a renewal made before the clock went back vouch for a row another worker has claimed since', async function () {
    const { clock, logger, options } = await twoRows('clock-back', 1);

    /** Every write to Teams each worker made, as `worker:row`. */
    const writes: string[] = [];
    const handler = (worker: string, between?: (item: OutboxItem, context: DeliveryContext) => Promise<void>): DeliveryHandler => ({
      async deliver(item, context) {
        await context.holdLease();
        writes.push(`${worker}:${item.targetKey}`);
        await between?.(item, context);
        return { activityId: `${worker}-${item.targetKey}` };
      },
    });
    const b = new OutboxWorker({ outbox: storage!.repositories.outbox, handler: handler('B'), clock, logger, options });
    /** The row A sends first (one lane: the other waits behind it). */
    let first: string | undefined;
    const a = new OutboxWorker({
      outbox: storage!.repositories.outbox,
      clock,
      logger,
      options,
      // The first row is written at `start` under a renewal of the whole claim (the other row included). Then the clock
      // steps back 10 s and the first row writes again: the claim is renewed at the earlier reading, so both rows'
      // leases now end 9 s before `start`. B, whose clock has passed that end, claims and sends them. When A goes on
      // to the other row, its clock is back at `start`, within a second of the first renewal.
      handler: handler('A', async (item, context) => {
        if (first !== undefined) return;
        first = item.targetKey;
        clock.current = new Date(start - 10_000);
        await context.holdLease();
        writes.push(`A:${item.targetKey} again`);
        clock.current = new Date(start - 5_000);
        await b.drain();
        clock.current = new Date(start + 50);
      }),
    });

    assert.equal(await a.drain(), 2);
    const other = first === 'a' ? 'b' : 'a';
    // (The first row A wrote before B claimed it: no lease can take back a write already made.)
    assert.equal(writes.filter((write) => write === `A:${other}` || write === `B:${other}`).length, 1, `the other row is written to Teams once, by whoever holds it (writes: ${writes.join(', ')})`);
  });
  it('does not let a row’s own renewal from before the clock went back spare its next write the check', async function () {
    const { clock, logger, options } = await twoRows('clock-back-row', 2);

    const writes: string[] = [];
    const b = new OutboxWorker({
      outbox: storage!.repositories.outbox,
      clock,
      logger,
      options,
      handler: {
        async deliver(item, context) {
          await context.holdLease();
          writes.push(`B:${item.targetKey}`);
          return { activityId: `B-${item.targetKey}` };
        },
      },
    });
    let firstWrote!: () => void;
    const wrote = new Promise<void>((resolve) => (firstWrote = resolve));
    let goOn!: () => void;
    const resumed = new Promise<void>((resolve) => (goOn = resolve));
    let first: string | undefined;
    // Two lanes. The first row writes at `start` (a 1:1 chat created), then waits before its second write (the post).
    // Meanwhile the clock steps back 10 s and the other row's write renews the claim at the earlier reading, so both
    // leases end 9 s before `start`; B claims and sends both; the clock is back at `start` when the first row goes on.
    const a = new OutboxWorker({
      outbox: storage!.repositories.outbox,
      clock,
      logger,
      options,
      handler: {
        async deliver(item, context) {
          if (first === undefined) {
            first = item.targetKey;
            await context.holdLease();
            writes.push(`A:${item.targetKey}`);
            firstWrote();
            await resumed;
            await context.holdLease();
            writes.push(`A:${item.targetKey} again`);
            return { activityId: `A-${item.targetKey}` };
          }
          await wrote;
          clock.current = new Date(start - 10_000);
          await context.holdLease();
          writes.push(`A:${item.targetKey}`);
          clock.current = new Date(start - 5_000);
          await b.drain();
          clock.current = new Date(start + 50);
          goOn();
          return { activityId: `A-${item.targetKey}` };
        },
      },
    });

    await a.drain();
    assert.ok(writes.includes(`B:${first!}`), `B claimed and sent the first row (writes: ${writes.join(', ')})`);
    assert.ok(!writes.includes(`A:${first!} again`), `A writes nothing more for a row B holds (writes: ${writes.join(', ')})`);
  });
});
