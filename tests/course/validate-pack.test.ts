import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { formatProblem } from '../../bot/course/format-problem.js';
import { readPackFile } from '../../bot/course/read-pack-file.js';
import { validatePack } from '../../bot/course/validate-pack.js';
import { projectPath } from '../../bot/paths.js';

const brokenPath = 'tests/fixtures/packs/broken/broken-pack.json';
const examplePath = projectPath('tests/fixtures/packs/valid/example-pack.json');

/** The example pack as plain, editable JSON. */
type EditablePack = { languages: string[]; content: Record<string, { lessons: Record<string, unknown>[] }> };

function examplePack(): EditablePack {
  return JSON.parse(readFileSync(examplePath, 'utf8')) as EditablePack;
}

const messages = (data: unknown, render?: () => unknown): string[] =>
  validatePack(data, render ? { renderLessonCard: render } : {}).issues.map((issue) => `${issue.path}${issue.language ? ` [${issue.language}]` : ''}: ${issue.message}`);

describe('validatePack', function () {
  it('reports exactly the expected problems of the broken fixture, in document order', async function () {
    const { pack, problems } = await readPackFile(brokenPath);
    assert.equal(pack, undefined);
    assert.deepEqual(problems.map(formatProblem), [
      `${brokenPath} /version: must be a semantic version such as 1.0.0 or 1.2.0-beta.1`,
      `${brokenPath} /content/nb/lessons/0/keyFact [nb]: is 310 characters long; the limit is 300`,
      `${brokenPath} /content/nb/lessons/0/image/alt [nb]: the image has no alt text; describe what it shows for people who cannot see it`,
      `${brokenPath} /content/nb/lessons/1/goals/1 [nb]: goal 18 is outside 1–17`,
      `${brokenPath} /content/nb/lessons/1/sources [nb]: the lesson has no sources; list the title and URL of every source behind its facts`,
      `${brokenPath} /content/nn/lessons [nn]: lesson "andre" is missing; nb has it at index 1`,
      `${brokenPath} /content/nn/lessons/0/body/0 [nn]: uses a Markdown heading (#), which Teams cards do not render; use **bold** instead`,
      `${brokenPath} /content/en/lessons [en]: lesson "andre" is missing; nb has it at index 1`,
      `${brokenPath} /content/en/lessons/1/id [en]: lesson id "second" is not in nb; every language must have the same lesson ids`,
    ]);
  });

  it('accepts the three-language example pack', function () {
    assert.deepEqual(messages(examplePack()), []);
  });

  it('reports a rendered card over 80 KB, per language and lesson', function () {
    const huge = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'x'.repeat(90 * 1024) }] };
    assert.deepEqual(messages(examplePack(), () => huge), [
      '/content/nb/lessons/0 [nb]: the rendered lesson card is 90.1 KB; the limit is 80.0 KB',
      '/content/nn/lessons/0 [nn]: the rendered lesson card is 90.1 KB; the limit is 80.0 KB',
      '/content/en/lessons/0 [en]: the rendered lesson card is 90.1 KB; the limit is 80.0 KB',
    ]);
  });

  it('reports a lesson card that cannot be rendered', function () {
    const failing = (): unknown => {
      throw new Error('template broke');
    };
    assert.deepEqual(messages(examplePack(), failing)[0], '/content/nb/lessons/0 [nb]: the lesson card cannot be rendered: template broke');
  });

  it('reports a rendered card that is not a valid Adaptive Card', function () {
    const [first] = messages(examplePack(), () => ({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'NoSuchElement' }] }));
    assert.match(first ?? '', /^\/content\/nb\/lessons\/0 \[nb\]: the rendered lesson card is not a valid Adaptive Card 1\.5: /);
  });

  it('reports raw template placeholders left on a card', function () {
    const [first] = messages(examplePack(), () => ({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: '${title}' }] }));
    assert.equal(first, '/content/nb/lessons/0 [nb]: the rendered lesson card shows raw template placeholders: ${title}');
  });

  it('reports a lesson over the word limit', function () {
    const pack = examplePack();
    pack.content['en']!.lessons[0]!['body'] = Array.from({ length: 4 }, () => 'word '.repeat(90).trim());
    assert.deepEqual(messages(pack), ['/content/en/lessons/0/body [en]: the lesson has 373 words (body and key fact); the limit is 320']);
  });

  it('reports Markdown that Teams does not render', function () {
    const pack = examplePack();
    pack.content['nb']!.lessons[0]!['body'] = ['| a | b |', 'See ![logo](https://example.org/a.png) and `code` and <b>html</b>', '[link](http://example.org)'];
    assert.deepEqual(messages(pack), [
      '/content/nb/lessons/0/body/0 [nb]: uses a Markdown table, which Teams cards do not render; use a list instead',
      '/content/nb/lessons/0/body/1 [nb]: uses a Markdown image, which Teams cards do not render; use the lesson image instead',
      '/content/nb/lessons/0/body/1 [nb]: uses Markdown code (`), which Teams cards do not render',
      '/content/nb/lessons/0/body/1 [nb]: uses HTML, which Teams cards do not render',
      '/content/nb/lessons/0/body/2 [nb]: has a link that does not start with https://',
    ]);
  });

  it('reports a language listed without text, text in an unlisted language and a default language not listed', function () {
    const pack = examplePack();
    pack.languages = ['nn', 'en', 'se'];
    assert.deepEqual(messages(pack), [
      '/defaultLanguage: the default language "nb" is not in languages',
      '/content [se]: has no text in "se", which languages lists',
      '/content/nb [nb]: "nb" is not listed in languages',
    ]);
  });

  it('reports lessons in a different order, a repeated lesson id and goals that differ between languages', function () {
    const pack = examplePack();
    const [lesson] = pack.content['nb']!.lessons;
    pack.content['nb']!.lessons.push({ ...lesson, id: 'second' });
    pack.content['nn']!.lessons.unshift({ ...pack.content['nn']!.lessons[0], id: 'second' });
    pack.content['en']!.lessons.push({ ...pack.content['en']!.lessons[0], id: 'second', goals: [13] });
    pack.content['en']!.lessons.push({ ...pack.content['en']!.lessons[0], goals: [17] });
    assert.deepEqual(messages(pack, () => ({ type: 'AdaptiveCard', version: '1.5', body: [] })), [
      '/content/nn/lessons/0/id [nn]: lesson "second" is at index 0 here but at index 1 in nb; lessons must come in the same order in every language',
      '/content/nn/lessons/1/id [nn]: lesson "maalene-kort" is at index 1 here but at index 0 in nb; lessons must come in the same order in every language',
      '/content/en/lessons/1/goals [en]: goals [13] differ from [17] in nb',
      '/content/en/lessons/2/id [en]: lesson id "maalene-kort" is used twice (also at index 0)',
    ]);
  });

  it('reports a file that is not JSON with the whole-file path', async function () {
    const { problems } = await readPackFile(projectPath('tests/fixtures/packs/not-json.txt'));
    assert.equal(problems.length, 1);
    assert.match(formatProblem(problems[0]!), /not-json\.txt \/: (is not valid JSON|cannot be read)/);
  });

  it('reports a pack that is not an object', function () {
    assert.deepEqual(validatePack([]).issues, [{ path: '', code: 'type', params: { type: 'object' }, message: 'must be an object' }]);
  });
});
