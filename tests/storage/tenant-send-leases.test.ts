import assert from 'node:assert/strict';
import { openStorage, type Storage } from '../../bot/storage/open-storage.js';
import { createTestStorage, describeEachEngine, type TestStorage } from '../helpers/engines.js';

const t0 = new Date('2031-02-03T09:00:00.000Z');
const timing = { leaseMs: 10_000, handoverMs: 2_000 };
const later = (ms: number): Date => new Date(t0.getTime() + ms);

describeEachEngine('tenant send leases', (engine) => {
  let storage: TestStorage;
  let database: Storage;

  beforeEach(async function () {
    storage = await createTestStorage(engine);
    database = await openStorage(storage.config, Buffer.alloc(32, 7));
  });

  afterEach(async function () {
    await database?.close();
    await storage?.dispose();
  });

  /** One pending outbox row for each tenant. */
  async function work(...tenantIds: string[]): Promise<void> {
    const at = t0.toISOString();
    await database.database.db
      .insertInto('outbox')
      .values(
        tenantIds.map((tenantId, index) => ({
          id: `row-${tenantId}-${index}-${Math.random()}`,
          delivery_id: `delivery-${tenantId}`,
          tenant_id: tenantId,
          team_id: `team-${tenantId}`,
          target_key: `target-${index}-${Math.random()}`,
          payload: '{}',
          status: 'pending',
          attempts: 0,
          next_attempt_at: at,
          created_at: at,
          updated_at: at,
        })),
      )
      .execute();
  }

  async function finish(tenantId: string): Promise<void> {
    await database.database.db.updateTable('outbox').set({ status: 'sent' }).where('tenant_id', '=', tenantId).execute();
  }

  const leases = () => database.repositories.tenantLeases;
  const held = async (holder: string, at: Date): Promise<string[]> => [...(await leases().hold(holder, at, timing)).keys()].sort();

  it('gives a lone worker every tenant with work, and no tenant without', async function () {
    await work('a', 'b', 'c');
    assert.deepEqual(await held('w1', t0), ['a', 'b', 'c']);
    await finish('b');
    assert.deepEqual(await held('w1', later(1_000)), ['a', 'c'], 'a tenant without work is let go');
  });

  it('splits the tenants between two live workers, never one tenant to both', async function () {
    await work('a', 'b', 'c', 'd');
    await leases().hold('w2', t0, timing); // w2 is alive (it takes all four for now)
    const first = await held('w1', t0);
    assert.deepEqual(first, [], 'w1 finds every tenant held');
    // w2 sees two workers alive: it keeps its share and lets the rest go.
    const second = await held('w2', later(100));
    assert.equal(second.length, 2);
    assert.deepEqual(await held('w1', later(200)), [], 'the let-go tenants wait out the hand-over');
    const third = await held('w1', later(2_200));
    assert.equal(third.length, 2);
    assert.deepEqual([...second, ...third].sort(), ['a', 'b', 'c', 'd']);
  });

  it('gives the tenants of a worker that stopped renewing to another once the lease and the hand-over after it have run out', async function () {
    await work('a', 'b');
    assert.deepEqual(await held('w1', t0), ['a', 'b']);
    assert.deepEqual(await held('w2', later(5_000)), [], 'still leased to w1');
    // w1 may have sent until its lease's end (10 s): its last sends still count in Teams' windows for the hand-over.
    assert.deepEqual(await held('w2', later(10_001)), [], 'in the hand-over after a lease that was never let go');
    assert.deepEqual(await held('w2', later(11_999)), [], 'still in the hand-over');
    assert.deepEqual(await held('w2', later(12_001)), ['a', 'b']);
    assert.deepEqual(await leases().renew('w1', ['a', 'b'], later(20_000)), [], 'w1 can no longer renew them');
  });

  it('renews only leases the worker still holds', async function () {
    await work('a');
    await held('w1', t0);
    assert.deepEqual(await leases().renew('w1', ['a'], later(15_000)), ['a']);
    assert.deepEqual(await held('w2', later(12_000)), [], 'renewed past the first lease');
  });

  const leaseRows = async (): Promise<string[]> =>
    (await database.database.db.selectFrom('tenant_send_leases').select('tenant_id').execute()).map((row) => row.tenant_id).sort();

  it('sweeps the expired leases of tenants with nothing queued, and keeps running leases, hand-overs and tenants with work', async function () {
    await work('done', 'busy', 'handing', 'fresh');
    await held('w1', t0); // w1 holds all four until t0 + 10 s
    await finish('done');
    await finish('handing');
    await finish('fresh');
    // At 9 s w1 lets go of the three without work (hand-over until 11 s) and keeps busy (renewed until 19 s).
    assert.deepEqual(await held('w1', later(9_000)), ['busy']);
    assert.equal(await leases().sweep(later(10_500), timing.handoverMs), 0, 'nothing has run out yet: the hand-overs last until 11 s');
    assert.deepEqual(await leaseRows(), ['busy', 'done', 'fresh', 'handing']);
    await work('fresh'); // new work for one let-go tenant before the sweep
    assert.equal(await leases().sweep(later(11_001), timing.handoverMs), 2);
    assert.deepEqual(await leaseRows(), ['busy', 'fresh'], 'the lease of a tenant with work stays, run out or not');
    // The sweep also drops workers that stopped beating; a live one is still counted.
    await leases().hold('w2', later(11_001), timing);
    await leases().sweep(later(25_000), timing.handoverMs);
    const workers = (await database.database.db.selectFrom('send_workers').select('holder').execute()).map((row) => row.holder);
    assert.deepEqual(workers, [], 'both heartbeats ran out by 25 s');
  });

  it('keeps the lease of a worker that stopped renewing through the hand-over after its end, though nothing is queued', async function () {
    await work('a');
    assert.deepEqual(await held('w1', t0), ['a']); // w1 holds a until 10 s, then stops renewing
    await finish('a');
    assert.equal(await leases().sweep(later(11_000), timing.handoverMs), 0, 'in the hand-over until 12 s');
    await work('a');
    assert.deepEqual(await held('w2', later(11_000)), [], 'w1 may have sent until 10 s: a waits out the hand-over');
    await finish('a');
    assert.equal(await leases().sweep(later(12_001), timing.handoverMs), 1);
    await work('a');
    assert.deepEqual(await held('w2', later(12_001)), ['a']);
  });

  it('takes back at once a tenant it let go for want of work when work comes again, even over its share', async function () {
    await leases().hold('w1', t0, timing); // two workers alive before there is work
    await leases().hold('w2', t0, timing);
    await work('a', 'b');
    const [mine] = await held('w1', t0); // share 1 each of two tenants
    const other = mine === 'a' ? 'b' : 'a';
    assert.deepEqual(await held('w2', later(10)), [other]);
    await finish(mine!);
    assert.deepEqual(await held('w1', later(1_000)), [], 'no work: let go, its hand-over until 3 s');
    await work(mine!, 'c'); // its reminders fire; and a new tenant
    assert.deepEqual(await held('w2', later(1_100)), [other, 'c'].sort(), 'w2 may not take it during its hand-over, only the free c');
    assert.deepEqual(await held('w1', later(1_200)), [mine], 'w1 takes it back at once, beyond its share of 2 of 3');
  });

  it('does not take back a tenant it handed over, so the other worker gets it after the hand-over', async function () {
    await work('a', 'b');
    assert.deepEqual(await held('w1', t0), ['a', 'b']);
    await leases().hold('w2', later(100), timing);
    assert.deepEqual(await held('w1', later(200)), ['a'], 'over its share with w2 holding none: hands b over');
    assert.deepEqual(await held('w1', later(1_000)), ['a'], 'and does not take b back during the hand-over');
    assert.deepEqual(await held('w2', later(2_201)), ['b']);
  });

  it('hands over quiet tenants first and frees them at once; one it wrote to waits out the hand-over', async function () {
    await work('a', 'b', 'c', 'd');
    await work('a'); // of the tenants written to, the most queued is handed over first: a
    assert.deepEqual(await held('w1', t0), ['a', 'b', 'c', 'd'], 'alone, w1 takes every tenant');
    await leases().hold('w2', later(100), timing); // a second instance starts: it finds them all held
    // w1 has written to Teams for a, b and d, not for c: it hands over two, c first, then a.
    assert.deepEqual([...(await leases().hold('w1', later(200), { ...timing, quiet: ['c'] })).keys()].sort(), ['b', 'd']);
    assert.deepEqual(await held('w2', later(201)), ['c'], 'c, quiet, is free at once; a, written to, waits out the hand-over');
    assert.deepEqual(await held('w2', later(2_201)), ['a', 'c']);
  });

  it('takes a swept tenant again like any free one', async function () {
    await work('a');
    await held('w1', t0);
    await finish('a');
    await held('w1', later(1_000)); // let go (no work), hand-over until 3 s
    assert.equal(await leases().sweep(later(12_000), timing.handoverMs), 1);
    assert.deepEqual(await leaseRows(), []);
    await work('a');
    assert.deepEqual(await held('w2', later(12_000)), ['a']);
  });

  it('lets go of every tenant when a worker leaves, after the hand-over', async function () {
    await work('a', 'b');
    await held('w1', t0);
    await leases().leave('w1', later(1_000), timing.handoverMs);
    assert.deepEqual(await held('w2', later(2_000)), []);
    assert.deepEqual(await held('w2', later(3_001)), ['a', 'b']);
  });
});
