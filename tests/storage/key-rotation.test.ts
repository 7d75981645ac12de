import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createCipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { ConfigError, loadConfig } from '../../bot/config.js';
import type { PersonRef } from '../../bot/core/person.js';
import { openStorage, type Storage } from '../../bot/storage/open-storage.js';
import { resealOutdated } from '../../bot/storage/reseal.js';
import { keyIdOf, Sealer, SEALED_NEXT_STEP_BYTES, SEALED_REFLECTION_BYTES } from '../../bot/storage/sealing.js';
import { createTestStorage, describeEachEngine, type TestStorage } from '../helpers/engines.js';

const oldKey = Buffer.alloc(32, 1);
const newKey = Buffer.alloc(32, 2);
const person: PersonRef = { tenantId: 'tenant-a', userId: 'user-1' };
const team = { tenantId: person.tenantId, teamId: 'team-1' };

/** What the sealer wrote before v2: `iv.ciphertext.tag`, unpadded, no key id. */
function legacySeal(key: Buffer, tenantId: string, userId: string, value: unknown): string {
  const personKey = Buffer.from(hkdfSync('sha256', key, Buffer.from(tenantId, 'utf8'), Buffer.from(`laerekraft:person:${userId}`, 'utf8'), 32));
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', personKey, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return [iv, body, cipher.getAuthTag()].map((part) => part.toString('base64url')).join('.');
}

describe('Sealer', function () {
  it('prefixes every value with the version and the key id', function () {
    const sealer = new Sealer(newKey);
    const sealed = sealer.seal('t', 'u', { a: 1 });
    assert.ok(sealed.startsWith(`v2.${keyIdOf(newKey)}.`));
    assert.equal(sealer.currentKeyId, keyIdOf(newKey));
    assert.notEqual(keyIdOf(newKey), keyIdOf(oldKey));
  });

  it('gives the same length for an empty answer and three full answers of four-byte characters', function () {
    const sealer = new Sealer(newKey);
    const full = { answers: ['🌍'.repeat(1000), 'Æ\n"'.repeat(333), 'x'.repeat(1000)], visibility: 'anonymous', sharedReplyId: randomBytes(16).toString('hex'), createdAt: new Date().toISOString(), updatedAt: new Date().toISOString() };
    const empty = { answers: ['', '', ''], visibility: 'private', createdAt: '', updatedAt: '' };
    assert.equal(sealer.seal('t', 'u', full, SEALED_REFLECTION_BYTES).length, sealer.seal('t', 'u', empty, SEALED_REFLECTION_BYTES).length);
    const fourFull = { ...full, answers: ['🌍'.repeat(1000), '🌍'.repeat(1000), '🌍'.repeat(1000), '🌍'.repeat(1000)] };
    assert.equal(sealer.seal('t', 'u', fourFull, SEALED_NEXT_STEP_BYTES).length, sealer.seal('t', 'u', empty, SEALED_NEXT_STEP_BYTES).length);
    assert.deepEqual(sealer.open('t', 'u', sealer.seal('t', 'u', fourFull, SEALED_NEXT_STEP_BYTES)), fourFull);
  });

  it('opens values sealed under a previous key, and values from before v2, but seals under the current one', function () {
    const before = new Sealer(oldKey).seal('t', 'u', { n: 1 });
    const legacy = legacySeal(oldKey, 't', 'u', { n: 2 });
    const rotated = new Sealer({ current: newKey, previous: [oldKey] });
    assert.deepEqual(rotated.open('t', 'u', before), { n: 1 });
    assert.deepEqual(rotated.open('t', 'u', legacy), { n: 2 });
    assert.equal(rotated.isCurrent(before), false);
    assert.equal(rotated.isCurrent(rotated.seal('t', 'u', { n: 3 })), true);
    assert.throws(() => new Sealer(newKey).open('t', 'u', before), /No data key with id/);
    assert.throws(() => new Sealer(newKey).open('t', 'u', legacy), /No configured data key/);
  });

  it('refuses a value whose key id was changed, or that was sealed for someone else', function () {
    const sealer = new Sealer({ current: newKey, previous: [oldKey] });
    const sealed = sealer.seal('t', 'u', { n: 1 });
    assert.throws(() => sealer.open('t', 'u', sealed.replace(keyIdOf(newKey), keyIdOf(oldKey))));
    assert.throws(() => sealer.open('t', 'someone-else', sealed));
  });
});

describe('data key configuration', function () {
  const base = { LOG_LEVEL: 'silent' };
  it('reads DATA_KEYS_PREVIOUS as a comma-separated list of base64 keys', function () {
    const config = loadConfig({ ...base, DATA_KEY: newKey.toString('base64'), DATA_KEYS_PREVIOUS: `${oldKey.toString('base64')}, ${Buffer.alloc(32, 3).toString('base64')}` });
    assert.deepEqual(config.previousDataKeys, [oldKey, Buffer.alloc(32, 3)]);
    assert.deepEqual(loadConfig({ ...base, DATA_KEY: newKey.toString('base64') }).previousDataKeys, []);
  });

  it('refuses a previous key of the wrong size, and previous keys without a current one', function () {
    assert.throws(() => loadConfig({ ...base, DATA_KEY: newKey.toString('base64'), DATA_KEYS_PREVIOUS: 'c2hvcnQ=' }), (error: unknown) => error instanceof ConfigError && /DATA_KEYS_PREVIOUS/.test(error.message));
    assert.throws(() => loadConfig({ ...base, DATA_KEYS_PREVIOUS: oldKey.toString('base64') }), (error: unknown) => error instanceof ConfigError && /DATA_KEYS_PREVIOUS/.test(error.message));
  });
});

describeEachEngine('data key rotation', (engine) => {
  let test: TestStorage;
  const open: Storage[] = [];
  const openWith = async (current: Buffer, previous: readonly Buffer[] = []) => {
    const storage = await openStorage(test.config, current, previous);
    open.push(storage);
    return storage;
  };

  beforeEach(async function () {
    test = await createTestStorage(engine);
  });

  afterEach(async function () {
    for (const storage of open.splice(0)) await storage.close();
    await test.dispose();
  });

  async function seed(storage: Storage): Promise<void> {
    await storage.repositories.reflections.save(person, { courseId: 'c', lessonId: 'l1', teamId: team.teamId, answers: ['Gammel nøkkel', '', ''], visibility: 'anonymous', sharedReplyId: undefined }, new Date('2026-03-09T10:00:00Z'));
    await storage.repositories.nextSteps.saveAnswer(person, team, { roundId: 'r1', answers: ['Kurs', '', '', ''], visibility: 'named', sharedReplyId: undefined }, new Date('2026-03-09T10:00:00Z'));
  }

  async function sealedValues(storage: Storage): Promise<string[]> {
    const db = storage.database.db;
    return [...(await db.selectFrom('reflections').select('sealed').execute()), ...(await db.selectFrom('next_step_answers').select('sealed').execute())].map((row) => row.sealed);
  }

  it('keeps old values readable with the previous key, re-seals them under the new one, and then works without the old key', async function () {
    await seed(await openWith(oldKey));
    const rotating = await openWith(newKey, [oldKey]);
    assert.equal((await rotating.repositories.reflections.find(person, 'c', 'l1'))?.answers[0], 'Gammel nøkkel');
    assert.equal((await rotating.repositories.nextSteps.findAnswer(person, 'r1'))?.answers[0], 'Kurs');

    assert.deepEqual(await resealOutdated(rotating.database.db, rotating.sealer, { batch: 1 }), { scanned: 2, resealed: 2 });
    assert.ok((await sealedValues(rotating)).every((sealed) => sealed.startsWith(`v2.${keyIdOf(newKey)}.`)));
    assert.deepEqual(await resealOutdated(rotating.database.db, rotating.sealer), { scanned: 2, resealed: 0 }, 'a second run has nothing to do');

    const afterwards = await openWith(newKey);
    assert.equal((await afterwards.repositories.reflections.find(person, 'c', 'l1'))?.answers[0], 'Gammel nøkkel');
    assert.equal((await afterwards.repositories.nextSteps.findAnswer(person, 'r1'))?.visibility, 'named');
  });

  it('re-seals knowledge-check results and their author-less ballots too (cert)', async function () {
    const old = await openWith(oldKey);
    await old.repositories.knowledge.record(person, { courseId: 'c', lessonId: 'l1', answers: { q1: 'b' }, answeredAt: new Date('2026-03-09T10:00:00Z') }, ['', team.teamId]);
    const rotating = await openWith(newKey, [oldKey]);
    assert.deepEqual(await resealOutdated(rotating.database.db, rotating.sealer), { scanned: 3, resealed: 3 });
    const afterwards = await openWith(newKey);
    assert.deepEqual((await afterwards.repositories.knowledge.find(person, 'c', 'l1'))?.answers, { q1: 'b' });
    assert.deepEqual(await afterwards.repositories.knowledge.ballots(person.tenantId, team.teamId, 'c'), [{ lessonId: 'l1', answers: { q1: 'b' } }]);
    assert.deepEqual(await afterwards.repositories.knowledge.ballots(person.tenantId, '', 'c'), [{ lessonId: 'l1', answers: { q1: 'b' } }]);
  });

  it('needs the previous key until the rotation has run', async function () {
    await seed(await openWith(oldKey));
    const withoutOld = await openWith(newKey);
    await assert.rejects(() => withoutOld.repositories.reflections.find(person, 'c', 'l1'), /No data key with id/);
  });

  it('brings values from before v2 to the padded, key-id format on start (migration 0007)', async function () {
    const first = await openWith(oldKey);
    await seed(first);
    const db = first.database.db;
    const legacy = legacySeal(oldKey, person.tenantId, person.userId, { answers: ['Fra før', '', ''], visibility: 'anonymous', createdAt: '2026-01-01T10:00:00.000Z', updatedAt: '2026-01-01T10:00:00.000Z' });
    await db.updateTable('reflections').set({ sealed: legacy }).execute();
    await db.deleteFrom('app_state').where('name', '=', 'sealed-format').execute();

    const upgraded = await openWith(oldKey);
    const values = await sealedValues(upgraded);
    assert.ok(values.every((sealed) => sealed.startsWith(`v2.${keyIdOf(oldKey)}.`)));
    assert.equal((await upgraded.repositories.reflections.find(person, 'c', 'l1'))?.answers[0], 'Fra før');
  });

  if (engine === 'sqlite') {
    it('npm run data-key:rotate re-seals a database under the new key', async function () {
      this.timeout(30_000);
      await seed(await openWith(oldKey));
      for (const storage of open.splice(0)) await storage.close();
      const env = { ...process.env, SQLITE_PATH: (test.config as { path: string }).path, DATA_KEY: newKey.toString('base64'), DATA_KEYS_PREVIOUS: oldKey.toString('base64'), LOG_LEVEL: 'info', DATABASE_URL: '', BOT_ID: '' };
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/data-key-rotate.ts', '--batch', '1'], { env });
      assert.match(stdout, /"resealed":2/);
      const after = await openWith(newKey);
      assert.ok((await sealedValues(after)).every((sealed) => sealed.startsWith(`v2.${keyIdOf(newKey)}.`)));
    });
  }
});
