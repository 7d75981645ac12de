import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { ContentPack } from '../../bot/course/content-pack.js';
import { createCourseCatalog } from '../../bot/course/course-catalog.js';
import { KnowledgeService } from '../../bot/core/knowledge.js';
import { projectPath } from '../../bot/paths.js';
import { openStorage, type Storage } from '../../bot/storage/open-storage.js';
import { createTestStorage, type TestStorage } from '../helpers/engines.js';

const pack = JSON.parse(readFileSync(projectPath('tests/fixtures/packs/knowledge/knowledge-pack.json'), 'utf8')) as ContentPack;
const person = { tenantId: 'tenant-a', userId: 'user-1' };
const clock = { now: () => new Date('2026-03-09T10:00:00Z') };

/** The fixture pack with the Nynorsk check's choice ids changed (a translation that does not match). */
function mismatched(): ContentPack {
  const copy = JSON.parse(JSON.stringify(pack)) as { content: Record<string, { lessons: { knowledgeCheck?: { choices: { id: string }[] }[] }[] }> };
  for (const choice of copy.content.nn!.lessons[0]!.knowledgeCheck![0]!.choices) choice.id = `${choice.id}-nn`;
  return copy as unknown as ContentPack;
}

describe('KnowledgeService (cert)', function () {
  let test: TestStorage;
  let storage: Storage;

  beforeEach(async function () {
    test = await createTestStorage('sqlite');
    storage = await openStorage(test.config, Buffer.alloc(32, 7));
  });

  afterEach(async function () {
    await storage.close();
    await test.dispose();
  });

  it('asks in the person\'s language, and records one answer by the ids of the default language', async function () {
    const service = new KnowledgeService({ courses: createCourseCatalog([pack], pack.id), knowledge: storage.repositories.knowledge, clock });
    assert.equal(service.lesson(pack.id, 'maalene-kort', 'nn').questions![0]!.prompt, 'Kor mange berekraftsmål har FN?');
    assert.equal(service.lesson(pack.id, 'sirkulaer', 'nn').questions, undefined, 'a lesson without a check');
    const saved = await service.submit(person, pack.id, 'maalene-kort', { 'q_antall-mal': 'b', q_frist: 'a' });
    assert.equal(saved.kind, 'saved');
    const again = await service.submit(person, pack.id, 'maalene-kort', { 'q_antall-mal': 'a', q_frist: 'b' });
    assert.equal(again.kind, 'already');
    assert.deepEqual(again.kind === 'already' && again.result.answers, { 'antall-mal': 'b', frist: 'a' });
    const unknown = await service.submit({ ...person, userId: 'user-2' }, pack.id, 'maalene-kort', { 'q_antall-mal': 'x', q_frist: 'a' });
    assert.deepEqual(unknown.kind === 'incomplete' && unknown.missing, ['antall-mal'], 'a choice that does not exist is no answer');
  });

  it('uses the default language\'s questions where a translation\'s ids do not match', function () {
    const copy = mismatched();
    const service = new KnowledgeService({ courses: createCourseCatalog([copy], copy.id), knowledge: storage.repositories.knowledge, clock });
    assert.equal(service.lesson(copy.id, 'maalene-kort', 'nn').questions![0]!.prompt, 'Hvor mange bærekraftsmål har FN?');
    assert.equal(service.lesson(copy.id, 'maalene-kort', 'en').questions![0]!.prompt, 'How many Sustainable Development Goals are there?');
  });
});
