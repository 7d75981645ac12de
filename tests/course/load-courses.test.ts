import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { courseText, lessonIds } from '../../bot/core/course.js';
import type { ContentPack } from '../../bot/course/content-pack.js';
import { builtinPackPath, builtinPackPaths, loadCourses } from '../../bot/course/load-courses.js';
import { readPackFile } from '../../bot/course/read-pack-file.js';
import { projectPath } from '../../bot/paths.js';

type MutablePack = ContentPack & { version: string; content: Record<string, { title: string; lessons: unknown[] }> };

async function builtinCopy(version: string, title?: string): Promise<MutablePack> {
  const pack = JSON.parse(await readFile(builtinPackPath, 'utf8')) as MutablePack;
  pack.version = version;
  if (title) pack.content['nb']!.title = title;
  return pack;
}

describe('loadCourses', function () {
  let folder: string;

  beforeEach(async function () {
    folder = await mkdtemp(join(tmpdir(), 'laerekraft-packs-'));
  });

  afterEach(async function () {
    await rm(folder, { recursive: true, force: true });
  });

  const write = (name: string, pack: unknown): Promise<void> => writeFile(join(folder, name), JSON.stringify(pack));

  it('serves the built-in course when no folder is given', async function () {
    const { catalog, problems } = await loadCourses();
    assert.deepEqual(problems, []);
    assert.equal(catalog.defaultCourse().id, 'intro-baerekraft');
    assert.deepEqual(catalog.all().map((course) => course.id), ['intro-baerekraft', 'sustainable-procurement']);
  });

  it('serves courses without the editor-only "$schema" key', async function () {
    const { catalog } = await loadCourses();
    assert.equal('$schema' in catalog.defaultCourse(), false);
  });

  it('lets an external pack with the same id and a higher version supersede the built-in one', async function () {
    await write('intro.json', await builtinCopy('1.5.0', 'Ny tittel'));
    const { catalog, problems } = await loadCourses({ packsDir: folder });
    assert.deepEqual(problems, []);
    assert.equal(catalog.get('intro-baerekraft')?.version, '1.5.0');
    assert.equal(courseText(catalog.defaultCourse(), 'nb').title, 'Ny tittel');
    assert.deepEqual(catalog.all().map((course) => course.id), ['intro-baerekraft', 'sustainable-procurement']);
  });

  it('keeps the lesson ids of the superseded version, so progress stays attached', async function () {
    await write('intro.json', await builtinCopy('2.0.0'));
    const builtin = (await loadCourses()).catalog.defaultCourse();
    const newer = (await loadCourses({ packsDir: folder })).catalog.defaultCourse();
    assert.equal(newer.version, '2.0.0');
    assert.deepEqual(lessonIds(newer), lessonIds(builtin));
  });

  it('serves the highest of several versions and reports the lower external one as unused', async function () {
    await write('a.json', await builtinCopy('1.4.0'));
    await write('b.json', await builtinCopy('1.3.0'));
    const { catalog, problems } = await loadCourses({ packsDir: folder });
    assert.equal(catalog.get('intro-baerekraft')?.version, '1.4.0');
    assert.deepEqual(problems, [
      { file: join(folder, 'b.json'), path: '/version', message: 'not used: course "intro-baerekraft" version 1.3.0 is not higher than version 1.4.0 from a.json' },
    ]);
  });

  it('keeps the built-in course when an external pack has the same version', async function () {
    await write('same.json', await builtinCopy('1.2.0', 'Skal ikke brukes'));
    const { catalog, problems } = await loadCourses({ packsDir: folder });
    assert.notEqual(courseText(catalog.defaultCourse(), 'nb').title, 'Skal ikke brukes');
    assert.deepEqual(problems.map((problem) => problem.message), ['not used: course "intro-baerekraft" version 1.2.0 is not higher than version 1.2.0 from the built-in pack']);
  });

  it('refuses an invalid pack with the validator\'s problems and serves the valid ones', async function () {
    await copyFile(projectPath('tests/fixtures/packs/broken/broken-pack.json'), join(folder, 'broken-pack.json'));
    await copyFile(projectPath('tests/fixtures/packs/valid/example-pack.json'), join(folder, 'example-pack.json'));
    const expected = await readPackFile(join(folder, 'broken-pack.json'));
    const { catalog, problems } = await loadCourses({ packsDir: folder });
    assert.equal(expected.problems.length, 9);
    assert.deepEqual(problems, expected.problems);
    assert.deepEqual(catalog.all().map((course) => course.id), ['intro-baerekraft', 'sustainable-procurement', 'eksempel-kurs']);
    assert.equal(catalog.get('broken-example'), undefined);
  });

  it('reads only pack files (*.json, *.yaml, *.yml) from the folder', async function () {
    await writeFile(join(folder, 'README.md'), '# not a pack');
    await writeFile(join(folder, 'notes.txt'), 'id: not-a-pack');
    const { catalog, problems } = await loadCourses({ packsDir: folder });
    assert.deepEqual(problems, []);
    assert.equal(catalog.all().length, 2);
  });

  it('serves a YAML pack from the folder (.yaml and .yml), without its comments', async function () {
    await copyFile(projectPath('docs/examples/eksempelkurs.yaml'), join(folder, 'eksempelkurs.yaml'));
    const second = (await readFile(projectPath('docs/examples/eksempelkurs.yaml'), 'utf8')).replace('id: eksempelkurs ', 'id: eksempelkurs-to ');
    await writeFile(join(folder, 'eksempelkurs-to.yml'), second);
    const { catalog, problems } = await loadCourses({ packsDir: folder });
    assert.deepEqual(problems, []);
    assert.deepEqual(catalog.all().map((course) => course.id), ['intro-baerekraft', 'sustainable-procurement', 'eksempelkurs-to', 'eksempelkurs']);
    const lesson = courseText(catalog.get('eksempelkurs')!, 'nn').lessons[0]!;
    assert.equal(lesson.body[1], 'Måla handlar om tre sider av berekraft:\n- miljø\n- økonomi\n- sosiale forhold');
    assert.deepEqual(lesson.knowledgeCheck?.[0]?.choices.map((choice) => [choice.id, choice.text, choice.correct]), [['sytten', '17', true], ['tjue', '20', undefined]]);
  });

  it('refuses a broken YAML pack with line and column, and keeps serving the built-in courses', async function () {
    await copyFile(projectPath('tests/fixtures/packs/yaml/broken-pack.yaml'), join(folder, 'broken-pack.yaml'));
    const { catalog, problems } = await loadCourses({ packsDir: folder });
    assert.equal(catalog.get('broken-yaml'), undefined);
    assert.deepEqual(catalog.all().map((course) => course.id), ['intro-baerekraft', 'sustainable-procurement']);
    assert.deepEqual(problems.map((problem) => [problem.path, problem.line, problem.column]), [
      ['/version', 3, 1],
      ['/content/nb/lessons/0/minutes', 16, 9],
      ['/content/nb/lessons/0/knowledgeCheck/1/choices', 37, 13],
      ['/content/nb/lessons/0/knowledgeCheck/1/choices/0/correct', 41, 17],
      ['/content/nn/lessons/0/knowledgeCheck/0/choices', 65, 13],
    ]);
  });

  it('finds the built-in packs in bot/course/packs, the default course first', function () {
    assert.deepEqual(builtinPackPaths.map((file) => file.slice(projectPath('').length + 1)), ['bot/course/packs/intro-baerekraft.json', 'bot/course/packs/sustainable-procurement.yaml']);
  });

  it('reports a folder that cannot be read and keeps serving the built-in course', async function () {
    const missing = join(folder, 'missing');
    const { catalog, problems } = await loadCourses({ packsDir: missing });
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.file, missing);
    assert.match(problems[0]?.message ?? '', /^the course pack folder cannot be read: /);
    assert.equal(catalog.defaultCourse().id, 'intro-baerekraft');
  });

  it('serves a configured default course', async function () {
    await copyFile(projectPath('tests/fixtures/packs/valid/example-pack.json'), join(folder, 'example-pack.json'));
    const { catalog } = await loadCourses({ packsDir: folder, defaultCourseId: 'eksempel-kurs' });
    assert.equal(catalog.defaultCourse().id, 'eksempel-kurs');
  });

  it('falls back to the built-in course when the configured default is not there, and says so', async function () {
    const { catalog, problems } = await loadCourses({ defaultCourseId: 'finnes-ikke' });
    assert.equal(catalog.defaultCourse().id, 'intro-baerekraft');
    assert.deepEqual(problems.map((problem) => problem.message), ['the default course "finnes-ikke" is not among the valid packs; serving "intro-baerekraft"']);
  });
});
