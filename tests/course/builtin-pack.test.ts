import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { courseText, dilemmasOf, lessonIds } from '../../bot/core/course.js';
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

  // dilemma
  const dilemmaTexts = (language: string): string[] =>
    dilemmasOf(pack, language).map((d) => [d.title, d.scenario, d.followUp ?? '', ...d.options.flatMap((o) => [o.label, ...o.gains.map((g) => g.text), ...o.costs.map((c) => c.text)])].join('\n'));

  it('has six dilemmas from municipal work with the same ids, options and goals in nb, nn and en', function () {
    const ids = dilemmasOf(pack, 'nb').map((d) => d.id);
    assert.deepEqual(ids, ['housing-or-farmland', 'cheapest-or-climate', 'small-school', 'road-or-wetland', 'digital-by-default', 'jobs-or-emissions']);
    const shape = (language: string) => dilemmasOf(pack, language).map((d) => d.options.map((o) => [o.id, o.gains.map((g) => g.goal), o.costs.map((c) => c.goal)]));
    for (const language of pack.languages) {
      assert.deepEqual(dilemmasOf(pack, language).map((d) => d.id), ids);
      assert.deepEqual(shape(language), shape('nb'));
      for (const dilemma of dilemmasOf(pack, language)) {
        assert.ok(dilemma.options.length >= 2 && dilemma.options.length <= 4, `${language} ${dilemma.id}`);
        assert.ok((dilemma.sources ?? []).length > 0, `${language} ${dilemma.id} has sources`);
        for (const option of dilemma.options) {
          assert.ok(option.gains.length > 0 && option.costs.length > 0, `${language} ${dilemma.id}/${option.id}`);
          for (const effect of [...option.gains, ...option.costs]) assert.ok(courseText(pack, language).goalNames[effect.goal - 1], `goal ${effect.goal}`);
        }
      }
    }
  });

  it('states the sourced facts of the dilemmas in every language', function () {
    const all = (language: string) => dilemmaTexts(language).join('\n');
    assert.match(all('nb'), /2 000 dekar i året.*innen 2030/);
    assert.match(all('nn'), /2 000 dekar i året.*innan 2030/);
    assert.match(all('en'), /2,000 decares of cultivated land a year.*by 2030/);
    assert.match(all('nb'), /§ 7-9.*minst 30 prosent/);
    assert.match(all('nn'), /§ 7-9.*minst 30 prosent/);
    assert.match(all('en'), /7-9.*at least 30 per cent/);
    assert.match(all('nb'), /over ti millioner tonn CO2 fra 1990 til 2020/);
    assert.match(all('nn'), /over ti millionar tonn CO2 frå 1990 til 2020/);
    assert.match(all('en'), /over ten million tonnes of CO2 from 1990 to 2020/);
    const urls = dilemmasOf(pack, 'nb').flatMap((d) => (d.sources ?? []).map((s) => s.url));
    for (const url of urls) assert.match(url, /^https:\/\/(www\.regjeringen\.no|anskaffelser\.no|lovdata\.no|www\.miljodirektoratet\.no|www\.digdir\.no|www\.miljostatus\.no)\//);
  });

  it('writes the dilemmas in Nynorsk without common Bokmål forms, and in plain text', function () {
    const bokmal = /\b(ikke|hva|hvordan|hvorfor|hvem|hvilke|hvilken|egen|jeg|noen|mye|mer|fra|bærekraft\w*|kommunene|skole|barn|bolig\w*)\b/iu;
    for (const [index, text] of dilemmaTexts('nn').entries()) assert.doesNotMatch(text, bokmal, `nn dilemma ${index}`);
    for (const language of pack.languages) for (const text of dilemmaTexts(language)) assert.doesNotMatch(text, /[*_[\]<>]/, 'no Markdown in dilemma text');
  });

  it('reports a dilemma whose options or goals differ between languages', function () {
    const copy = JSON.parse(JSON.stringify(pack)) as { content: Record<string, { dilemmas: { options: { id: string; gains: { goal: number }[] }[] }[] }> };
    copy.content['nn']!.dilemmas[0]!.options[0]!.id = 'something-else';
    copy.content['en']!.dilemmas[1]!.options[0]!.gains[0]!.goal = 1;
    const messages = validatePack(copy).issues.map((issue) => `${issue.language} ${issue.message}`);
    assert.ok(messages.some((m) => /^nn options \[something-else/.test(m)), messages.join('\n'));
    assert.ok(messages.some((m) => /^en the goals of gains of option "price-first" differ from nb/.test(m)), messages.join('\n'));
  });
});
