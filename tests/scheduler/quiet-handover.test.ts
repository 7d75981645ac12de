/**
 * A tenant passed to `hold` as quiet may be let go without a hand-over, so no write to Teams for it may start while
 * that `hold` runs (the next holder may start sending at once). One outbox worker on a real outbox, with tenant leases
 * the test scripts round by round, and a handler that notes every write that starts while such a `hold` runs.
 */
import assert from 'node:assert/strict';
import pino from 'pino';
import { OutboxWorker } from '../../bot/core/outbox-worker.js';
import type { DeliveryHandler, TenantLeaseRepository, TenantLeaseTiming } from '../../bot/core/ports.js';
import { openStorage, type Storage } from '../../bot/storage/open-storage.js';
import { createTestStorage, type TestStorage } from '../helpers/engines.js';

const ref = { tenantId: '72f988bf-0000-4000-8000-00000000a1e7', teamId: '19:quiet-handover@thread.tacv2', courseId: 'intro-baerekraft' };
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
/** A lease end well past the test. */
const far = (): Date => new Date(Date.now() + 60_000);

/** Tenant leases whose every round answers as `script` says, noting which `hold`s run and the tenants each was told are quiet. */
class ScriptedLeases implements TenantLeaseRepository {
  readonly holds: { readonly quiet: readonly string[]; running: boolean; failed: boolean }[] = [];

  constructor(private readonly script: (round: number) => Promise<ReadonlyMap<string, Date>>) {}

  async hold(_holder: string, _now: Date, timing: TenantLeaseTiming): Promise<ReadonlyMap<string, Date>> {
    const entry = { quiet: timing.quiet ?? [], running: true, failed: false };
    this.holds.push(entry);
    try {
      return await this.script(this.holds.length);
    } catch (error) {
      entry.failed = true;
      throw error;
    } finally {
      entry.running = false;
    }
  }

  /** Whether a `hold` told that the tenant is quiet runs now, or failed (having let go of it, for all the worker knows). */
  offering(tenantId: string): boolean {
    return this.holds.some((hold) => (hold.running || hold.failed) && hold.quiet.includes(tenantId));
  }

  async renew(_holder: string, tenantIds: readonly string[]): Promise<readonly string[]> {
    return tenantIds;
  }

  async leave(): Promise<void> {}

  async sweep(): Promise<number> {
    return 0;
  }
}

describe('quiet tenants in a round’s hold', () => {
  let testStorage: TestStorage | undefined;
  let storage: Storage | undefined;

  beforeEach(async function () {
    testStorage = await createTestStorage('sqlite');
    storage = await openStorage(testStorage.config, Buffer.alloc(32, 0x51));
  });

  afterEach(async function () {
    await storage?.close();
    await testStorage?.dispose();
  });

  /** One reminder row per key, due now, for the test's tenant. */
  async function queue(occurrenceKey: string, keys: readonly string[], clock: { now(): Date }): Promise<void> {
    const targets = keys.map((key) => ({ targetKey: key, payload: { kind: 'reminder' as const, userId: key, teamsUserId: `29:${key}`, dueDate: '2031-06-13' } }));
    await storage!.repositories.schedules.enqueue(ref, 'reminder', { occurrenceKey, dueAt: clock.now(), status: 'queued', targets }, clock.now());
  }

  /** A worker on the real outbox with the scripted leases, one lane, and `deliver` as its handler. */
  function workerWith(leases: TenantLeaseRepository, clock: { now(): Date }, deliver: DeliveryHandler['deliver']): OutboxWorker {
    return new OutboxWorker({
      outbox: storage!.repositories.outbox,
      tenantLeases: leases,
      clock,
      logger: pino({ level: 'silent' }),
      options: { leaseMs: 10_000, batchSize: 10, concurrency: 1, maxAttempts: 3, retryBaseMs: 1, renewEveryMs: 0, roundMs: 60_000, handoverMs: 2_000 },
      handler: { deliver },
    });
  }

  /**
   * Two rows of the tenant, and a worker whose round 1 takes the tenant and is nudged, so round 2 starts at once,
   * before the tenant's first claim is back: the tenant, not yet written to, is quiet. Later rounds answer, after a
   * moment, as `later` says. `unsafe` collects the writes that started while a hold told the tenant is quiet ran.
   */
  async function quietStart(occurrenceKey: string, later: (round: number, worker: OutboxWorker) => ReadonlyMap<string, Date>) {
    const clock = { now: () => new Date() };
    await queue(occurrenceKey, ['a', 'b'], clock);
    const unsafe: string[] = [];
    let worker!: OutboxWorker;
    const leases = new ScriptedLeases(async (round) => {
      if (round === 1) {
        worker.nudge();
        return new Map([[ref.tenantId, far()]]);
      }
      await sleep(50);
      return later(round, worker);
    });
    worker = workerWith(leases, clock, async (item) => {
      if (leases.offering(item.team.tenantId)) unsafe.push(item.targetKey);
      return { activityId: `sent-${item.targetKey}` };
    });
    return { worker, leases, unsafe };
  }

  it('starts no write for a tenant while a hold that was told it is quiet runs, also when a nudged round follows at once', async function () {
    // Round 2 is nudged too, so round 3 follows it at once; the tenant is still quiet, and round 3 hands it over.
    const { worker, leases, unsafe } = await quietStart('quiet', (round, self) => {
      if (round > 2) return new Map();
      self.nudge();
      return new Map([[ref.tenantId, far()]]);
    });
    await worker.drain();
    assert.ok(leases.holds.length >= 3, `the rounds ran as scripted (${leases.holds.length})`);
    assert.deepEqual(unsafe, [], 'no write started while a hold told the tenant was quiet ran');
  });

  it('starts no write for a tenant passed as quiet to a hold that failed (it may have let go of it first)', async function () {
    // Round 2's hold lets go of the quiet tenant (free at once) and then fails, as a deadlock in taking free tenants would.
    const { worker, leases, unsafe } = await quietStart('quiet-failed', () => {
      throw new Error('deadlock detected');
    });
    await assert.rejects(worker.drain(), /deadlock/);
    assert.deepEqual(leases.holds[1]?.quiet, [ref.tenantId], 'round 2 was told the tenant is quiet');
    assert.deepEqual(unsafe, [], 'no write started for the tenant after that hold failed');
  });

  it('stops writing for a tenant at the hand-over’s end when a hold fails (it may have let go of it with the hand-over)', async function () {
    let offset = 0;
    const clock = { now: () => new Date(Date.now() + offset) };
    await queue('loud-failed', ['a', 'b', 'c', 'd'], clock);
    const written: string[] = [];
    let worker!: OutboxWorker;
    let failed!: () => void;
    const holdFailed = new Promise<void>((resolve) => (failed = resolve));
    // Round 1 takes the tenant. Its first write nudges round 2, whose hold fails after letting go of the tenant (for
    // all the worker knows) with the 2-s hand-over; by then 3 s have passed, so the hand-over is over.
    const leases = new ScriptedLeases(async (round) => {
      if (round === 1) return new Map([[ref.tenantId, far()]]);
      offset += 3_000;
      failed();
      throw new Error('connection terminated');
    });
    worker = workerWith(leases, clock, async (item) => {
      written.push(item.targetKey);
      if (written.length === 1) {
        worker.nudge();
        await holdFailed;
      }
      return { activityId: `sent-${item.targetKey}` };
    });

    await assert.rejects(worker.drain(), /connection terminated/);
    assert.equal(written.length, 1, `no write after the hand-over's end (written: ${written.join(', ')})`);
    const left = await storage!.database.db.selectFrom('outbox').select('status').where('status', '=', 'pending').execute();
    assert.equal(left.length, 3, 'the rows not written are given back, due at once');
  });
});
