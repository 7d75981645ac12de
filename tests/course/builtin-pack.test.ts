import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { courseText, lessonIds } from '../../bot/core/course.js';
import type { ContentPack } from '../../bot/course/content-pack.js';
import { builtinPackPath } from '../../bot/course/load-courses.js';
import { validatePack } from '../../bot/course/validate-pack.js';
import { countWords } from '../../bot/course/word-count.js';

const pack = JSON.parse(readFileSync(builtinPackPath, 'utf8')) as ContentPack;

/** Goal names exactly as in §3.1 of the research note (Bokmål from FN-sambandet). */
const goalNames: Record<string, readonly string[]> = {
  nb: ['Utrydde fattigdom', 'Utrydde sult', 'God helse og livskvalitet', 'God utdanning', 'Likestilling mellom kjønnene', 'Rent vann og gode sanitærforhold', 'Ren energi til alle', 'Anstendig arbeid og økonomisk vekst', 'Industri, innovasjon og infrastruktur', 'Mindre ulikhet', 'Bærekraftige byer og lokalsamfunn', 'Ansvarlig forbruk og produksjon', 'Stoppe klimaendringene', 'Livet i havet', 'Livet på land', 'Fred, rettferdighet og velfungerende institusjoner', 'Samarbeid for å nå målene'],
  nn: ['Utrydde fattigdom', 'Utrydde svolt', 'God helse og livskvalitet', 'God utdanning', 'Likestilling mellom kjønna', 'Reint vatn og gode sanitærforhold', 'Rein energi til alle', 'Anstendig arbeid og økonomisk vekst', 'Industri, innovasjon og infrastruktur', 'Mindre ulikskap', 'Berekraftige byar og lokalsamfunn', 'Ansvarleg forbruk og produksjon', 'Stoppe klimaendringane', 'Livet i havet', 'Livet på land', 'Fred, rettferd og velfungerande institusjonar', 'Samarbeid for å nå måla'],
  en: ['No Poverty', 'Zero Hunger', 'Good Health and Well-being', 'Quality Education', 'Gender Equality', 'Clean Water and Sanitation', 'Affordable and Clean Energy', 'Decent Work and Economic Growth', 'Industry, Innovation and Infrastructure', 'Reduced Inequalities', 'Sustainable Cities and Communities', 'Responsible Consumption and Production', 'Climate Action', 'Life Below Water', 'Life on Land', 'Peace, Justice and Strong Institutions', 'Partnerships for the Goals'],
};

const lessonTexts = (language: string): string[] =>
  courseText(pack, language).lessons.map((lesson) => [lesson.title, ...lesson.body, lesson.keyFact].join('\n'));

describe('built-in course pack', function () {
  it('passes the validator with no problems', function () {
    assert.deepEqual(validatePack(pack).issues, []);
  });

  it('is intro-baerekraft 1.1.0, reviewed 2026-12-04, in nb, nn and en with Bokmål as default', function () {
    assert.deepEqual([pack.id, pack.version, pack.defaultLanguage, pack.languages], ['intro-baerekraft', '1.1.0', 'nb', ['nb', 'nn', 'en']]);
    assert.equal(pack.reviewed, '2026-12-04');
  });

  it('has the same eight lessons, in the same order, in every language', function () {
    const ids = lessonIds(pack);
    assert.equal(ids.length, 8);
    for (const language of pack.languages) assert.deepEqual(courseText(pack, language).lessons.map((lesson) => lesson.id), ids);
  });

  it('keeps every lesson between 120 and 300 words in every language', function () {
    for (const language of pack.languages) {
      for (const lesson of courseText(pack, language).lessons) {
        const words = [...lesson.body, lesson.keyFact].reduce((sum, part) => sum + countWords(part), 0);
        assert.ok(words >= 120 && words <= 300, `${language} ${lesson.id}: ${words} words`);
      }
    }
  });

  it('names the 17 goals exactly as the research note does', function () {
    for (const language of pack.languages) assert.deepEqual(courseText(pack, language).goalNames, goalNames[language]);
  });

  it('spells a goal named in a lesson the same way as in goalNames', function () {
    for (const language of pack.languages) {
      const names = courseText(pack, language).goalNames;
      const mentions = lessonTexts(language).join('\n').matchAll(/(?:mål|goal) (\d{1,2}) _([^_]+)_/g);
      for (const [, number, name] of mentions) assert.equal(name, names[Number(number) - 1], `${language}: goal ${number}`);
    }
  });

  it('carries the three reflection questions of the seed exactly', function () {
    assert.deepEqual(courseText(pack, 'nb').reflectionQuestions, ['Hva leste du?', 'Hva likte du?', 'Hvordan skal du ta med deg dette inn i egen arbeidshverdag?']);
    assert.deepEqual(courseText(pack, 'nn').reflectionQuestions, ['Kva las du?', 'Kva likte du?', 'Korleis skal du ta med deg dette inn i din eigen arbeidskvardag?']);
    assert.deepEqual(courseText(pack, 'en').reflectionQuestions, ['What did you read?', 'What did you like?', 'How will you bring this into your own working day?']);
  });

  it('asks the four next-step questions, naming union representatives', function () {
    assert.match(courseText(pack, 'nb').nextStepQuestions[1], /tillitsvalgte/);
    assert.match(courseText(pack, 'nn').nextStepQuestions[1], /tillitsvalde/);
    assert.match(courseText(pack, 'en').nextStepQuestions[1], /union representatives/);
  });

  it('states the OECD estimate with the safe wording (over 60 per cent, no unsourced networks)', function () {
    const lesson = (language: string): string => lessonTexts(language)[2] ?? '';
    assert.match(lesson('nb'), /minst 105 av de 169 delmålene – over 60 prosent – ikke kan nås uten innsats fra kommuner og fylkeskommuner/);
    assert.match(lesson('nn'), /minst 105 av dei 169 delmåla – over 60 prosent – ikkje kan nåast utan innsats frå kommunar og fylkeskommunar/);
    assert.match(lesson('en'), /at least 105 of the 169 targets \(over 60 per cent\) cannot be met without action by local and regional government/);
    for (const language of pack.languages) assert.doesNotMatch(lessonTexts(language).join('\n'), /kun kan nås|berre kan nåast|can only be (met|reached)|FN-tilknytt|UN-linked/);
  });

  it('links sources at their publisher, not at mirrors or closed county sites', function () {
    for (const language of pack.languages) {
      for (const lesson of courseText(pack, language).lessons) {
        for (const source of lesson.sources) assert.doesNotMatch(source.url, /docslib\.org|\/\/viken\.no\//, `${language} ${lesson.id}`);
      }
    }
  });

  it('writes Nynorsk without common Bokmål forms', function () {
    const bokmal = /\b(ikke|hva|hvordan|hvorfor|hvem|hvilke|hvilken|egen|jeg|noen|mye|mer|fra|bærekraft\w*|kommunene|arbeidshverdag)\b/iu;
    for (const [index, text] of lessonTexts('nn').entries()) {
      const withoutNames = text.replace(/Bærekraftsnettverket|Bærum/g, '');
      assert.doesNotMatch(withoutNames, bokmal, `nn lesson ${index}`);
    }
  });
});
