import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { courseText, dilemmasOf, lessonIds, type Lesson } from '../../bot/core/course.js';
import type { ContentPack } from '../../bot/course/content-pack.js';
import { builtinPackPath, builtinPackPaths } from '../../bot/course/load-courses.js';
import { parsePackSource } from '../../bot/course/pack-source.js';
import { validatePack } from '../../bot/course/validate-pack.js';
import { countWords } from '../../bot/course/word-count.js';

function readPack(file: string): ContentPack {
  const parsed = parsePackSource(file, readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new Error(`${file}: ${parsed.errors.map((error) => error.message).join('; ')}`);
  return parsed.data as ContentPack;
}

const packs = builtinPackPaths.map((file) => ({ file: basename(file), pack: readPack(file) }));
const pack = readPack(builtinPackPath);
const procurement = readPack(builtinPackPaths.find((file) => file.endsWith('sustainable-procurement.yaml'))!);

/** Goal names exactly as in §3.1 of the research note (Bokmål from FN-sambandet). */
const goalNames: Record<string, readonly string[]> = {
  nb: ['Utrydde fattigdom', 'Utrydde sult', 'God helse og livskvalitet', 'God utdanning', 'Likestilling mellom kjønnene', 'Rent vann og gode sanitærforhold', 'Ren energi til alle', 'Anstendig arbeid og økonomisk vekst', 'Industri, innovasjon og infrastruktur', 'Mindre ulikhet', 'Bærekraftige byer og lokalsamfunn', 'Ansvarlig forbruk og produksjon', 'Stoppe klimaendringene', 'Livet i havet', 'Livet på land', 'Fred, rettferdighet og velfungerende institusjoner', 'Samarbeid for å nå målene'],
  nn: ['Utrydde fattigdom', 'Utrydde svolt', 'God helse og livskvalitet', 'God utdanning', 'Likestilling mellom kjønna', 'Reint vatn og gode sanitærforhold', 'Rein energi til alle', 'Anstendig arbeid og økonomisk vekst', 'Industri, innovasjon og infrastruktur', 'Mindre ulikskap', 'Berekraftige byar og lokalsamfunn', 'Ansvarleg forbruk og produksjon', 'Stoppe klimaendringane', 'Livet i havet', 'Livet på land', 'Fred, rettferd og velfungerande institusjonar', 'Samarbeid for å nå måla'],
  en: ['No Poverty', 'Zero Hunger', 'Good Health and Well-being', 'Quality Education', 'Gender Equality', 'Clean Water and Sanitation', 'Affordable and Clean Energy', 'Decent Work and Economic Growth', 'Industry, Innovation and Infrastructure', 'Reduced Inequalities', 'Sustainable Cities and Communities', 'Responsible Consumption and Production', 'Climate Action', 'Life Below Water', 'Life on Land', 'Peace, Justice and Strong Institutions', 'Partnerships for the Goals'],
};

const lessonTexts = (language: string, course: ContentPack = pack): string[] =>
  courseText(course, language).lessons.map((lesson) => [lesson.title, ...lesson.body, lesson.keyFact].join('\n'));

/** Every text of a lesson's knowledge check: prompts, choices and explanations. */
const knowledgeTexts = (lesson: Lesson): string[] =>
  (lesson.knowledgeCheck ?? []).flatMap((question) => [question.prompt, ...question.choices.flatMap((choice) => [choice.text, choice.explanation])]);

/** Common Bokmål forms that have no place in Nynorsk text. */
const bokmal = /\b(ikke|hva|hvordan|hvorfor|hvem|hvilke|hvilken|egen|jeg|noen|mye|mer|fra|bærekraft\w*|kommunene|arbeidshverdag|også|hensyn|løsninger|tjenester|anskaffelse\w*)\b/iu;

describe('built-in course packs', function () {
  it('are the intro course (served by default) and the procurement course', function () {
    assert.deepEqual(packs.map(({ file, pack: course }) => [file, course.id]), [
      ['intro-baerekraft.json', 'intro-baerekraft'],
      ['sustainable-procurement.yaml', 'sustainable-procurement'],
    ]);
  });

  for (const { file, pack: course } of packs) {
    describe(file, function () {
      it('passes the validator with no problems', function () {
        assert.deepEqual(validatePack(course).issues, []);
      });

      it('is in nb, nn and en with Bokmål as default, with a review date', function () {
        assert.deepEqual([course.defaultLanguage, course.languages], ['nb', ['nb', 'nn', 'en']]);
        assert.match(course.reviewed ?? '', /^\d{4}-\d{2}-\d{2}$/);
      });

      it('has the same lessons, in the same order, in every language, each 120–300 words and 2–3 minutes', function () {
        const ids = lessonIds(course);
        for (const language of course.languages) {
          assert.deepEqual(courseText(course, language).lessons.map((lesson) => lesson.id), ids);
          for (const lesson of courseText(course, language).lessons) {
            const words = [...lesson.body, lesson.keyFact].reduce((sum, part) => sum + countWords(part), 0);
            assert.ok(words >= 120 && words <= 300, `${language} ${lesson.id}: ${words} words`);
            assert.ok(lesson.minutes >= 2 && lesson.minutes <= 3, `${language} ${lesson.id}: ${lesson.minutes} minutes`);
          }
        }
      });

      it('names the 17 goals exactly as the research note does, and spells a goal named in a lesson the same way', function () {
        for (const language of course.languages) {
          const names = courseText(course, language).goalNames;
          assert.deepEqual(names, goalNames[language]);
          const mentions = lessonTexts(language, course).join('\n').matchAll(/(?:mål|goal) (\d{1,2}) _([^_]+)_/g);
          for (const [, number, name] of mentions) assert.equal(name, names[Number(number) - 1], `${language}: goal ${number}`);
        }
      });

      it('carries the three reflection questions of the seed and the four next-step questions exactly as the intro course', function () {
        for (const language of course.languages) {
          assert.deepEqual(courseText(course, language).reflectionQuestions, courseText(pack, language).reflectionQuestions);
          assert.deepEqual(courseText(course, language).nextStepQuestions, courseText(pack, language).nextStepQuestions);
        }
      });

      it('links sources at their publisher, not at mirrors or closed county sites', function () {
        for (const language of course.languages) {
          for (const lesson of courseText(course, language).lessons) {
            for (const source of lesson.sources) assert.doesNotMatch(source.url, /docslib\.org|\/\/viken\.no\/|norgeslover\.no|9pdf|docplayer|roads-uae/, `${language} ${lesson.id}`);
          }
        }
      });

      it('lists the same sources for a lesson in every language', function () {
        const urls = (language: string): string[][] => courseText(course, language).lessons.map((lesson) => lesson.sources.map((source) => source.url.replace('/nn/content/nn-livssykluskostnadar-lcc-0', '/nb/content/nb-livssykluskostnader-lcc-1')));
        for (const language of course.languages) assert.deepEqual(urls(language), urls(course.defaultLanguage), language);
      });

      it('writes Nynorsk without common Bokmål forms, in the lessons and in the knowledge checks', function () {
        const lessons = courseText(course, 'nn').lessons;
        for (const [index, text] of lessonTexts('nn', course).entries()) {
          const all = [text, ...knowledgeTexts(lessons[index]!)].join('\n');
          const withoutNames = all.replace(/Bærekraftsnettverket|Bærum|anskaffelser\.no|Byggenæringens Landsforening|Kriterieveiviseren/g, '');
          assert.doesNotMatch(withoutNames, bokmal, `nn lesson ${index}`);
        }
      });
    });
  }
});

describe('built-in course: intro-baerekraft', function () {
  it('is intro-baerekraft 1.2.0, reviewed 2026-12-07', function () {
    assert.deepEqual([pack.id, pack.version, pack.reviewed], ['intro-baerekraft', '1.2.0', '2026-12-07']);
  });

  it('has knowledge checks on the lessons about the goals, the municipalities and the national expectations', function () {
    for (const language of pack.languages) {
      const checked = courseText(pack, language).lessons.filter((lesson) => lesson.knowledgeCheck).map((lesson) => lesson.id);
      assert.deepEqual(checked, ['goals-and-targets', 'why-municipalities-matter', 'national-expectations'], language);
    }
  });

  it('has eight lessons', function () {
    assert.equal(lessonIds(pack).length, 8);
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
});

describe('built-in course: sustainable-procurement', function () {
  it('is sustainable-procurement 1.0.0 with the agreed titles', function () {
    assert.deepEqual([procurement.id, procurement.version], ['sustainable-procurement', '1.0.0']);
    assert.deepEqual(procurement.languages.map((language) => courseText(procurement, language).title), [
      'Bærekraftige innkjøp i kommunen',
      'Berekraftige innkjøp i kommunen',
      'Sustainable procurement in the municipality',
    ]);
  });

  it('has five lessons, each with a knowledge check of one or two questions and at least two sources', function () {
    assert.deepEqual(lessonIds(procurement), ['climate-requirement', 'life-cycle-cost', 'decent-work', 'municipal-examples', 'buyer-and-ordering-unit']);
    for (const language of procurement.languages) {
      for (const lesson of courseText(procurement, language).lessons) {
        const questions = lesson.knowledgeCheck?.length ?? 0;
        assert.ok(questions >= 1 && questions <= 2, `${language} ${lesson.id}: ${questions} questions`);
        assert.ok(lesson.sources.length >= 2, `${language} ${lesson.id}: ${lesson.sources.length} sources`);
      }
    }
  });

  it('states the climate and environment rule as § 7-9 says it, and the 2025 proposal only as a proposal', function () {
    const first = (language: string): string => lessonTexts(language, procurement)[0] ?? '';
    assert.match(first('nb'), /1\. januar 2024[\s\S]*§ 7-9[\s\S]*minst 30 prosent/);
    assert.match(first('nn'), /1\. januar 2024[\s\S]*§ 7-9[\s\S]*minst 30 prosent/);
    assert.match(first('en'), /1 January 2024[\s\S]*section 7-9[\s\S]*at least 30 per cent/);
    assert.match(first('nb'), /foreslo regjeringen[^.]*Prop\. 147 L/);
    assert.match(first('nn'), /gjorde regjeringa framlegg[^.]*Prop\. 147 L/);
    assert.match(first('en'), /government proposed[^.]*Prop\. 147 L/);
    for (const language of procurement.languages) assert.match(first(language), /\(https:\/\/anskaffelser\.no\/\)/, `${language}: points to the current rules`);
  });

  it('backs the rules with their legal sources at Lovdata', function () {
    const urls = courseText(procurement, 'nb').lessons.flatMap((lesson) => lesson.sources.map((source) => source.url));
    assert.ok(urls.includes('https://lovdata.no/dokument/SF/forskrift/2016-08-12-974/%C2%A77-9'));
    assert.ok(urls.includes('https://lovdata.no/dokument/NL/lov/2016-06-17-73/%C2%A75'));
    assert.ok(urls.includes('https://lovdata.no/dokument/SF/forskrift/2008-02-08-112'));
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
