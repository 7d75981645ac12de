import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { validatePack } from '../../bot/course/validate-pack.js';
import { projectPath } from '../../bot/paths.js';

type Choice = { id: string; text: string; explanation: string; correct?: unknown };
type Question = { id: string; prompt: string; choices: Choice[] };
type EditablePack = { content: Record<string, { lessons: { knowledgeCheck?: Question[] }[] }> };

const languages = ['nb', 'nn', 'en'] as const;

/** The three-language example fixture, with the same two-question knowledge check in every language. */
function packWithCheck(): EditablePack {
  const pack = JSON.parse(readFileSync(projectPath('tests/fixtures/packs/valid/example-pack.json'), 'utf8')) as EditablePack;
  for (const language of languages) {
    pack.content[language]!.lessons[0]!.knowledgeCheck = [
      {
        id: 'how-many',
        prompt: `(${language}) How many goals?`,
        choices: [
          { id: 'seventeen', text: '17', explanation: 'Right.', correct: true },
          { id: 'twenty', text: '20', explanation: 'No.' },
        ],
      },
      {
        id: 'when',
        prompt: `(${language}) When were they adopted?`,
        choices: [
          { id: 'y2000', text: '2000', explanation: 'No.' },
          { id: 'y2015', text: '2015', explanation: 'Right.', correct: true },
          { id: 'y2030', text: '2030', explanation: 'No.' },
        ],
      },
    ];
  }
  return pack;
}

const check = (pack: EditablePack, language: string): Question[] => pack.content[language]!.lessons[0]!.knowledgeCheck!;
const noCards = { renderLessonCard: false } as const;
const messages = (data: unknown): string[] =>
  validatePack(data, noCards).issues.map((issue) => `${issue.path}${issue.language ? ` [${issue.language}]` : ''}: ${issue.message}`);

describe('knowledge checks in packs', function () {
  it('accepts a knowledge check that follows every rule, and a lesson without one', function () {
    assert.deepEqual(messages(packWithCheck()), []);
    const without = packWithCheck();
    for (const language of languages) delete without.content[language]!.lessons[0]!.knowledgeCheck;
    assert.deepEqual(messages(without), []);
  });

  it('renders the lesson card of a lesson with a knowledge check as before', function () {
    assert.deepEqual(validatePack(packWithCheck()).issues, []);
  });

  it('refuses no correct choice and two correct choices', function () {
    const pack = packWithCheck();
    delete check(pack, 'nb')[0]!.choices[0]!.correct;
    check(pack, 'nn')[1]!.choices[0]!.correct = true;
    assert.deepEqual(messages(pack), [
      '/content/nb/lessons/0/knowledgeCheck/0/choices [nb]: has no correct choice; mark exactly one choice with "correct: true"',
      '/content/nn/lessons/0/knowledgeCheck/1/choices [nn]: has 2 correct choices (y2000, y2015); mark exactly one choice with "correct: true"',
    ]);
  });

  it('refuses "correct" with any value but true', function () {
    const pack = packWithCheck();
    check(pack, 'en')[0]!.choices[1]!.correct = false;
    assert.deepEqual(messages(pack), ['/content/en/lessons/0/knowledgeCheck/0/choices/1/correct [en]: must be true; mark only the correct choice with "correct: true" and leave it out on the others']);
  });

  it('refuses repeated question ids and repeated choice ids', function () {
    const pack = packWithCheck();
    for (const language of languages) {
      check(pack, language)[1]!.id = 'how-many';
      check(pack, language)[1]!.choices[2]!.id = 'y2000';
    }
    const found = messages(pack).filter((line) => line.startsWith('/content/nb/'));
    assert.deepEqual(found, [
      '/content/nb/lessons/0/knowledgeCheck/1/id [nb]: question id "how-many" is used twice in this lesson (also at index 0)',
      '/content/nb/lessons/0/knowledgeCheck/1/choices/2/id [nb]: choice id "y2000" is used twice in this question (also at index 0)',
    ]);
  });

  it('bounds questions (1–3), choices (2–4) and the length of every text', function () {
    const pack = packWithCheck();
    const nb = check(pack, 'nb');
    nb.push({ ...nb[0]!, id: 'third' }, { ...nb[0]!, id: 'fourth' });
    check(pack, 'nn')[0]!.choices = [check(pack, 'nn')[0]!.choices[0]!];
    check(pack, 'en')[1]!.prompt = 'x'.repeat(301);
    check(pack, 'en')[1]!.choices[0]!.text = 'y'.repeat(201);
    check(pack, 'en')[1]!.choices[0]!.explanation = 'z'.repeat(401);
    const found = messages(pack);
    assert.ok(found.includes('/content/nb/lessons/0/knowledgeCheck [nb]: must have 1–3 questions; it has 4'), found.join('\n'));
    assert.ok(found.includes('/content/nn/lessons/0/knowledgeCheck/0/choices [nn]: must have 2–4 choices; it has 1'), found.join('\n'));
    assert.ok(found.includes('/content/en/lessons/0/knowledgeCheck/1/prompt [en]: is 301 characters long; the limit is 300'));
    assert.ok(found.includes('/content/en/lessons/0/knowledgeCheck/1/choices/0/text [en]: is 201 characters long; the limit is 200'));
    assert.ok(found.includes('/content/en/lessons/0/knowledgeCheck/1/choices/0/explanation [en]: is 401 characters long; the limit is 400'));
    const empty = packWithCheck();
    empty.content['nb']!.lessons[0]!.knowledgeCheck = [];
    assert.ok(messages(empty).includes('/content/nb/lessons/0/knowledgeCheck [nb]: must have 1–3 questions; it has 0'));
  });

  it('requires an explanation for every choice', function () {
    const pack = packWithCheck();
    delete (check(pack, 'nn')[0]!.choices[1] as Partial<Choice>).explanation;
    assert.deepEqual(messages(pack), ['/content/nn/lessons/0/knowledgeCheck/0/choices/1/explanation [nn]: is required']);
  });

  it('requires the same questions, choices and correct choice in every language', function () {
    const pack = packWithCheck();
    delete pack.content['nn']!.lessons[0]!.knowledgeCheck;
    check(pack, 'en')[1]!.choices.reverse();
    assert.deepEqual(messages(pack), [
      '/content/nn/lessons/0 [nn]: lesson "maalene-kort" has no knowledge check here, but nb has one with 2 questions; every language must have the same questions',
      '/content/en/lessons/0/knowledgeCheck/1/choices [en]: choice ids [y2030, y2015, y2000] differ from [y2000, y2015, y2030] in nb; every language must have the same choices in the same order',
    ]);
    const moved = packWithCheck();
    check(moved, 'nn').reverse();
    delete check(moved, 'en')[0]!.choices[0]!.correct;
    check(moved, 'en')[0]!.choices[1]!.correct = true;
    assert.deepEqual(messages(moved), [
      '/content/nn/lessons/0/knowledgeCheck [nn]: question ids [when, how-many] differ from [how-many, when] in nb; every language must have the same questions in the same order',
      '/content/en/lessons/0/knowledgeCheck/0/choices [en]: the correct choice is "twenty" here but "seventeen" in nb; the same choice must be correct in every language',
    ]);
    const extra = packWithCheck();
    delete extra.content['nb']!.lessons[0]!.knowledgeCheck;
    assert.deepEqual(messages(extra), [
      '/content/nn/lessons/0/knowledgeCheck [nn]: nb has no knowledge check for lesson "maalene-kort"; every language must have the same questions',
      '/content/en/lessons/0/knowledgeCheck [en]: nb has no knowledge check for lesson "maalene-kort"; every language must have the same questions',
    ]);
  });

  it('checks the Markdown of prompts, choices and explanations', function () {
    const pack = packWithCheck();
    check(pack, 'nb')[0]!.prompt = '# Hvor mange mål?';
    check(pack, 'nb')[0]!.choices[1]!.explanation = 'Se [lenke](http://example.org).';
    assert.deepEqual(messages(pack), [
      '/content/nb/lessons/0/knowledgeCheck/0/prompt [nb]: uses a Markdown heading (#), which Teams cards do not render; use **bold** instead',
      '/content/nb/lessons/0/knowledgeCheck/0/choices/1/explanation [nb]: has a link that does not start with https://',
    ]);
  });
});
