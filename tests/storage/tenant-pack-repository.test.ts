import assert from 'node:assert/strict';
import { packTools } from '../../bot/course/pack-upload-tools.js';
import { TenantPackService, uploadLimits } from '../../bot/core/tenant-packs.js';
import { openStorage, type Storage } from '../../bot/storage/open-storage.js';
import { createTestStorage, describeEachEngine, type TestStorage } from '../helpers/engines.js';
import { testPack, tinyPng } from '../helpers/tenant-pack.js';

const tenantA = '72f988bf-0000-4000-8000-00000000a001';
const tenantB = '72f988bf-0000-4000-8000-00000000b002';

describeEachEngine('tenant packs in the database, seen by two instances', (engine) => {
  let storage: TestStorage;
  let database: Storage;
  const clock = { current: new Date('2026-03-02T08:00:00.000Z'), now: () => clock.current };
  const instance = () =>
    new TenantPackService({ repository: database.repositories.tenantPacks, tools: packTools, deploymentCourseIds: () => ['intro-baerekraft'], publicUrl: 'https://laerekraft.example.no', clock });
  const upload = (pack: unknown) => ({ fileName: 'pakke.json', source: JSON.stringify(pack), images: {} });

  beforeEach(async function () {
    storage = await createTestStorage(engine);
    database = await openStorage(storage.config, undefined);
  });

  afterEach(async function () {
    await database.close();
    await storage.dispose();
  });

  it('reaches another instance on its next refresh, per tenant, and so does a withdrawal', async function () {
    const one = instance();
    const two = instance();
    await Promise.all([one.load(), two.load()]);
    assert.equal((await one.publish(tenantA, 'owner-a', upload(testPack()))).published, true);
    assert.deepEqual(one.publishedPacks(tenantA).map((course) => course.version), ['1.0.0']);
    assert.deepEqual(two.publishedPacks(tenantA), [], 'not yet seen by the other instance');
    await two.refreshChanged();
    assert.deepEqual(two.publishedPacks(tenantA).map((course) => course.version), ['1.0.0']);
    assert.deepEqual(two.publishedPacks(tenantB), []);

    clock.current = new Date('2026-03-02T09:00:00.000Z');
    await one.publish(tenantA, 'owner-a', upload(testPack({ version: '1.1.0', lessons: 2 })));
    await one.withdraw(tenantA, 'brannvern', '1.1.0');
    await two.refreshChanged();
    assert.deepEqual(two.publishedPacks(tenantA).map((course) => course.version), ['1.0.0'], 'the withdrawal reached it too');

    // A fresh instance loads what is published at start.
    const three = instance();
    await three.load();
    assert.deepEqual(three.publishedPacks(tenantA).map((course) => course.version), ['1.0.0']);
  });

  it('bounds the images one tenant stores, and the same image again costs nothing', async function () {
    this.timeout(60_000);
    const service = instance();
    const image = (n: number) => Buffer.concat([tinyPng, Buffer.from(`#${n}`)]);
    for (let n = 0; n < uploadLimits.tenantImages; n += 1) assert.equal((await service.uploadImage(tenantA, image(n))).ok, true);
    assert.deepEqual(await service.uploadImage(tenantA, image(uploadLimits.tenantImages)), { ok: false, reason: 'quota' });
    assert.equal((await service.uploadImage(tenantA, image(0))).ok, true, 'an image already stored is not a new one');
    assert.equal((await service.uploadImage(tenantB, image(0))).ok, true, 'the bound is per tenant');
  });
});
