import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { formatProblem } from '../../bot/course/format-problem.js';
import { isPackFileName, packFormat } from '../../bot/course/pack-source.js';
import { readPackFile, validatePackSource } from '../../bot/course/read-pack-file.js';
import { validatePack } from '../../bot/course/validate-pack.js';
import { projectPath } from '../../bot/paths.js';

const examplePath = 'docs/examples/eksempelkurs.yaml';
const example = readFileSync(projectPath(examplePath), 'utf8');
const noCards = { renderLessonCard: false } as const;

/** The problems of a YAML text as the validator prints them, checked without rendering cards. */
const report = (source: string, file = 'kurs.yaml'): string[] => validatePackSource(file, source, noCards).problems.map(formatProblem);

/** The 1-based line of the first line of `source` that contains `text`. */
const lineOf = (source: string, text: string): number => source.split('\n').findIndex((line) => line.includes(text)) + 1;

describe('YAML packs', function () {
  it('reads .yaml and .yml as YAML and everything else as JSON', function () {
    assert.deepEqual(['a.yaml', 'b.YML', 'c.json', 'd.txt'].map(packFormat), ['yaml', 'yaml', 'json', 'json']);
    assert.deepEqual(['a.yaml', 'b.yml', 'c.JSON', 'README.md', 'notes.txt'].map(isPackFileName), [true, true, true, false, false]);
  });

  it('accepts the example pack of the guide, and reads it as the same data JSON would give', async function () {
    const { pack, problems } = await readPackFile(projectPath(examplePath));
    assert.deepEqual(problems, []);
    assert.equal(pack?.id, 'eksempelkurs');
    assert.equal(pack?.reviewed, '2026-12-07');
    const asJson = validatePackSource('eksempelkurs.json', JSON.stringify(pack), noCards);
    assert.deepEqual(asJson.problems, []);
    assert.deepEqual(asJson.pack, pack);
  });

  it('reports a YAML syntax error with its line and column, in plain words, and nothing else', function () {
    const quote = example.replace('    title: Eksempelkurs om bærekraftsmålene', '    title: "Eksempelkurs om bærekraftsmålene');
    const line = lineOf(quote, 'title: "Eksempelkurs');
    assert.deepEqual(report(quote), [`kurs.yaml:${line}:45 /: is not valid YAML: a text starts with a quotation mark (") that is never closed`]);
    assert.equal(validatePackSource('kurs.yaml', quote, noCards).pack, undefined);
    const colon = example.replace('    description: Et lite eksempel', '    description: Merk: et lite eksempel');
    assert.deepEqual(report(colon), [
      `kurs.yaml:${lineOf(colon, 'description: Merk:')}:18 /: is not valid YAML: the text has a colon followed by a space (": "); put the whole text in quotes, or write ">-" after the field name and the text on the next lines`,
    ]);
  });

  it('explains a tab used for indentation and a field written twice, at their lines', function () {
    const tab = example.replace('        minutes: 2\n', '\tminutes: 2\n');
    const [tabProblem] = report(tab);
    assert.equal(tabProblem, `kurs.yaml:${lineOf(tab, '\tminutes: 2')}:1 /: is not valid YAML: a tab is used for indentation; indent with spaces only`);
    const twice = example.replace('version: 1.0.0 ', 'version: 1.0.0\nversion: 1.0.1 ');
    assert.deepEqual(report(twice), [`kurs.yaml:${lineOf(twice, 'version: 1.0.1')}:1 /: is not valid YAML: the same field name is used twice here; each field may appear only once`]);
  });

  it('reports a schema error at the line and column of the field, with the language', function () {
    const broken = example.replace('        minutes: 2\n        body:\n          # One', '        minutes: 12\n        body:\n          # One');
    assert.deepEqual(report(broken), [`kurs.yaml:${lineOf(broken, 'minutes: 12')}:9 /content/nb/lessons/0/minutes [nb]: must be at most 10`]);
  });

  it('points a missing field at the object that lacks it', function () {
    const broken = example.replace('        keyFact: Berekraftsmåla er 17 mål og 169 delmål som skal nåast innan 2030.\n', '');
    const nnLesson = lineOf(broken, '  nn:') + broken.split('\n').slice(lineOf(broken, '  nn:')).findIndex((line) => line.includes('- id: maalene-kort')) + 1;
    assert.deepEqual(report(broken), [`kurs.yaml:${nnLesson}:9 /content/nn/lessons/0/keyFact [nn]: is required`]);
  });

  it('reports a consistency error between languages at the place in the later language', function () {
    const enStart = lineOf(example, '  en:');
    const lines = example.split('\n');
    const at = lines.findIndex((line, index) => index >= enStart && line.includes('goals: [17]'));
    lines[at] = lines[at]!.replace('goals: [17]', 'goals: [13]');
    const broken = lines.join('\n');
    assert.deepEqual(report(broken), [`kurs.yaml:${at + 1}:9 /content/en/lessons/0/goals [en]: goals [13] differ from [17] in nb`]);
  });

  it('says how to keep a number or true/false as text', function () {
    const broken = example.replace('version: 1.0.0 ', 'version: 1.0 ');
    assert.deepEqual(report(broken), [`kurs.yaml:${lineOf(broken, 'version: 1.0 ')}:1 /version: must be text; YAML read it as a number or true/false, so put it in quotes, e.g. "1.0.0"`]);
  });

  it('keeps "no", "nei" and unquoted dates as text (YAML 1.2)', function () {
    const source = example.replace('reviewed: "2026-12-07"', 'reviewed: 2026-12-07').replace('              - id: tjue\n                text: "20"', '              - id: tjue\n                text: no');
    const { pack, problems } = validatePackSource('kurs.yaml', source, noCards);
    assert.deepEqual(problems, []);
    assert.equal(pack?.reviewed, '2026-12-07');
    assert.equal(pack?.content['nb']?.lessons[0]?.knowledgeCheck?.[0]?.choices[1]?.text, 'no');
  });

  it('refuses a file with two YAML documents', function () {
    const [problem] = report(`${example}\n---\nid: another\n`);
    assert.match(problem ?? '', /^kurs\.yaml:\d+:\d+ \/: is not valid YAML: the file has more than one YAML document/);
  });

  it('keeps JSON problems as they were: a JSON path, no line or column', function () {
    const json = JSON.parse(readFileSync(projectPath('tests/fixtures/packs/valid/example-pack.json'), 'utf8')) as { version: string };
    json.version = 'one';
    const problems = validatePackSource('kurs.json', JSON.stringify(json, null, 2), noCards).problems;
    assert.deepEqual(problems.map(formatProblem), ['kurs.json /version: must be a semantic version such as 1.0.0 or 1.2.0-beta.1']);
    assert.equal(problems[0]?.line, undefined);
  });
});

describe('the course authoring guide (docs/course-authoring.md)', function () {
  const guide = readFileSync(projectPath('docs/course-authoring.md'), 'utf8');
  const blocks = (language: string): string[] => [...guide.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)\\n```', 'g'))].map((match) => match[1]!);

  /** The example pack in Bokmål only, with its one lesson replaced or extended by a snippet of the guide. */
  function withSnippet(snippet: unknown): unknown {
    const pack = parse(example) as { languages: string[]; content: Record<string, { lessons: Record<string, unknown>[] }> };
    pack.languages = ['nb'];
    pack.content = { nb: pack.content['nb']! };
    if (Array.isArray(snippet)) pack.content['nb']!.lessons = snippet as Record<string, unknown>[];
    else Object.assign(pack.content['nb']!.lessons[0]!, snippet);
    return pack;
  }

  it('links the example pack, which the check accepts', function () {
    assert.match(guide, /\(examples\/eksempelkurs\.yaml\)/);
    assert.deepEqual(validatePackSource(examplePath, example, noCards).problems, []);
  });

  it('shows only YAML that parses, and every lesson and knowledge-check snippet passes the check', function () {
    const yaml = blocks('yaml');
    assert.ok(yaml.length >= 4, `${yaml.length} YAML blocks`);
    let checked = 0;
    for (const block of yaml) {
      const parsed = validatePackSource('snippet.yaml', block, noCards);
      assert.ok(parsed.problems.every((problem) => !problem.message.startsWith('is not valid YAML')), `${block}\n${parsed.problems.map(formatProblem).join('\n')}`);
      const data: unknown = parse(block);
      const isLessonList = Array.isArray(data) && data.every((item) => typeof item === 'object' && item !== null && 'body' in item);
      const isKnowledgeCheck = typeof data === 'object' && data !== null && 'knowledgeCheck' in data;
      if (isLessonList || isKnowledgeCheck) {
        assert.deepEqual(validatePack(withSnippet(data)).issues, [], block);
        checked += 1;
      }
    }
    assert.equal(checked, 2);
  });

  it('shows the problem line for a colon in a text exactly as the check prints it', function () {
    const colon = example.replace('    description: Et lite eksempel', '    description: Merk: et lite eksempel');
    const shown = blocks('text').find((block) => block.startsWith('klimakurs.yaml:'));
    assert.deepEqual([shown], report(colon, 'klimakurs.yaml'));
  });
});
