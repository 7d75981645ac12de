import assert from 'node:assert/strict';
import { openStorage, type Storage } from '../../bot/storage/open-storage.js';
import { createTestStorage, describeEachEngine, type TestStorage } from '../helpers/engines.js';

const at = new Date('2031-02-03T09:00:00.000Z');
const team = { tenantId: 'tenant-a', teamId: 'team-a' };

describeEachEngine('post claims', (engine) => {
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

  async function row(id: string, status: string, lastError: string | null = null): Promise<void> {
    await database.database.db
      .insertInto('outbox')
      .values({ id, delivery_id: `d-${id}`, tenant_id: team.tenantId, team_id: team.teamId, target_key: 'channel', payload: '{}', status, attempts: 1, next_attempt_at: at.toISOString(), last_error: lastError, created_at: at.toISOString(), updated_at: at.toISOString() })
      .execute();
  }
  const outbox = () => database.repositories.outbox;

  it('gives a post to one row; a row that gave up keeps it from a firing but not from a coordinator, and only one coordinator row takes it', async function () {
    await row('first', 'pending');
    assert.equal(await outbox().claimPost(team, 'lesson:c:l1', 'first', at), 'claimed');
    assert.equal(await outbox().claimPost(team, 'lesson:c:l1', 'first', at), 'claimed', 'a retry of the holder keeps it');
    await row('second', 'pending');
    assert.equal(await outbox().claimPost(team, 'lesson:c:l1', 'second', at, { takeOverGaveUp: true }), 'taken');
    await database.database.db.updateTable('outbox').set({ status: 'failed', last_error: 'gaveUp:transient' }).where('id', '=', 'first').execute();
    assert.equal(await outbox().postGaveUp(team, 'lesson:c:l1'), true);
    assert.equal(await outbox().claimPost(team, 'lesson:c:l1', 'second', at), 'gaveUp');
    await row('third', 'pending');
    const both = await Promise.all([outbox().claimPost(team, 'lesson:c:l1', 'second', at, { takeOverGaveUp: true }), outbox().claimPost(team, 'lesson:c:l1', 'third', at, { takeOverGaveUp: true })]);
    assert.deepEqual([...both].sort(), ['claimed', 'taken']);
    assert.equal(await outbox().postGaveUp(team, 'lesson:c:l1'), false);
  });

  it('frees a claim left by a row refused for good, even when its release did not happen', async function () {
    await row('refused', 'failed', 'blocked');
    await database.database.db.insertInto('team_posts').values({ tenant_id: team.tenantId, team_id: team.teamId, post_key: 'round:c:l1', outbox_id: 'refused', claimed_at: at.toISOString() }).execute();
    await row('next', 'pending');
    assert.equal(await outbox().claimPost(team, 'round:c:l1', 'next', at), 'claimed');
  });
});
