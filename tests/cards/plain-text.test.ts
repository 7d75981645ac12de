import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { courseText, type CourseText } from '../../bot/core/course.js';
import { loadCourses } from '../../bot/course/load-courses.js';
import { catalogs } from '../../bot/i18n/catalogs/index.js';
import { formatDate } from '../../bot/i18n/schedule-text.js';
import { translator } from '../../bot/i18n/translator.js';
import { projectPath } from '../../bot/paths.js';
import type { AdaptiveCard } from '../../cards/models.js';
import { lessonCard } from '../../cards/views/lesson-card.js';
import { nextStepsCard } from '../../cards/views/next-steps-card.js';
import { dilemmaCard } from '../../cards/views/dilemma-card.js';
import { courseCompleteCard, helpCard, noticeCard, progressCard, welcomePersonalCard } from '../../cards/views/personal-cards.js';
import { planCard } from '../../cards/views/plan-card.js';
import { reflectionCard } from '../../cards/views/reflection-card.js';
import { reflectionSavedCard } from '../../cards/views/reflection-saved-card.js';
import { setupCard, setupSummaryCard, sharedReplyCard, teamHelpCard, welcomeTeamCard } from '../../cards/views/team-cards.js';
import { validateAdaptiveCard } from '../helpers/card-schema.js';

const hours = { start: '08:00', end: '17:00' };

/** What people have typed to abuse a card: a phishing link, emphasis, a mention, list/heading/quote markers, a raw URL, HTML. */
const HOSTILE = [
  '[Lærekraft: bekreft innloggingen](https://evil.example) **VIKTIG**',
  '1. desember _kursiv_ <at>Kari Nordmann</at>',
  '- punkt',
  '# overskrift',
  '> sitat https://evil.example/raw www.evil.example <b>fet</b> <a href="https://evil.example">x</a>',
].join('\n');
const hostile = (label: string): string => `${label}: ${HOSTILE}`;

/** Fragments that must never reach text Teams parses as Markdown. */
const MARKERS = ['evil.example', 'VIKTIG', '<at>', '_kursiv_', 'punkt', 'overskrift', 'sitat', '<b>'];

/** A date the cards write out; "3. desember 2026" at the start of a TextBlock is a numbered list. */
const DATE = '2026-12-03';

/**
 * Every text on the card that Teams renders as Markdown: TextBlock text and Fact title and value; with `labels`, also
 * Toggle titles and the choices of expanded choice sets (the Adaptive Cards renderer's `useMarkdownInRadioButtonAndCheckbox`).
 */
function markdownTexts(card: unknown, labels = false): string[] {
  const found: string[] = [];
  const walk = (node: unknown, parent?: Record<string, unknown>): void => {
    if (Array.isArray(node)) return node.forEach((item) => walk(item, parent));
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    if (element.type === 'TextBlock' && typeof element.text === 'string') found.push(element.text);
    if (labels && element.type === 'Input.Toggle' && typeof element.title === 'string') found.push(element.title);
    if (element.type === 'FactSet') for (const fact of element.facts as { title: string; value: string }[]) found.push(fact.title, fact.value);
    if (labels && element.type === 'Input.ChoiceSet' && element.style === 'expanded') for (const choice of element.choices as { title: string }[]) found.push(choice.title);
    for (const value of Object.values(element)) walk(value, element);
  };
  walk(card);
  return found;
}

/** The text of every `style: "heading"` TextBlock. */
function headingTexts(card: unknown): string[] {
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    if (element.type === 'TextBlock' && element.style === 'heading') found.push(element.text as string);
    Object.values(element).forEach(walk);
  };
  walk(card);
  return found;
}

/** Every TextRun's text (not Markdown-parsed). */
function runTexts(card: unknown): string[] {
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    if (element.type === 'TextRun') found.push(element.text as string);
    Object.values(element).forEach(walk);
  };
  walk(card);
  return found;
}

/** Every card the app sends, with a hostile string in every field a person can type and dates in December. */
function hostileCards(language: string, courseId: string, text: CourseText): Record<string, AdaptiveCard> {
  const t = translator(language);
  const lesson = text.lessons[0]!;
  const total = text.lessons.length;
  const enrollment = {
    tenantId: 't', teamId: 'team-1', courseId, channelId: 'c2', language, startDate: DATE, mandatory: true, dueDate: DATE,
    lessonWeekday: 4 as const, lessonTime: '09:00', intervalWeeks: 1, reflectionDaysAfter: 2, reflectionTime: '14:00', timeZone: 'Europe/Oslo', createdBy: 'u', updatedAt: new Date(),
  };
  const channels = [{ channelId: 'team-1', name: '' }, { channelId: 'c2', name: hostile('channel') }];
  const answers = (n: number) => Array.from({ length: n }, (_, i) => hostile(`answer ${i + 1}`));
  const december = new Date(`${DATE}T08:00:00Z`);
  return {
    'lesson, in a channel': lessonCard({ courseId, lesson, index: 0, total, read: false }, text, t, { teamId: 'team-1', refreshUserIds: ['29:a'], stats: { read: 12, members: 25, visible: true, minGroupSize: 5 } }),
    'lesson, read': lessonCard({ courseId, lesson, index: total - 1, total, read: true }, text, t),
    reflection: reflectionCard({ courseId, lesson, text, answers: answers(3) as [string, string, string], problems: [{ kind: 'empty' }] }, t),
    'reflection saved': reflectionSavedCard({ courseId, lesson, text, answers: answers(3) as [string, string, string], created: true, hasNext: true, visibility: 'anonymous', channel: { teamId: 'team-1', refreshUserIds: undefined } }, t),
    welcome: welcomePersonalCard(t),
    'help after an unknown command': helpCard(t, hostile('command')),
    progress: progressCard({ courseId, courseTitle: text.title, lessons: text.lessons.map((l, i) => ({ id: l.id, title: l.title, read: i < 1 })), lessonsRead: 1, lessonsTotal: total, reflections: 1 }, t),
    complete: courseCompleteCard(total, t),
    'plan reminder': noticeCard({ title: t('planReminder.title', { text: hostile('plan item'), date: formatDate(DATE, language) }), text: t('planReminder.text', { team: hostile('team') }) }),
    'unknown language': noticeCard({ title: t('help.title'), text: t('language.unknown', { value: hostile('language'), language: 'språk' }) }),
    'team welcome': welcomeTeamCard('team-1', 5, t),
    'team help': teamHelpCard('team-1', t),
    setup: setupCard({ teamId: 'team-1', channels, today: DATE, values: { startDate: DATE }, problems: [{ field: 'dueDate', kind: 'beforeStart' }], hours }, t),
    'setup summary': setupSummaryCard(enrollment, channels, true, { lesson: new Date('2026-12-07T21:00:00Z'), reflection: new Date('2026-12-09T13:00:00Z'), hours }, t),
    'setup summary, moved by the allowed hours': setupSummaryCard({ ...enrollment, lessonTime: '22:00', reflectionTime: '07:00' }, channels, false, { lesson: new Date('2026-12-08T07:00:00Z'), reflection: new Date('2026-12-09T07:00:00Z'), hours }, t),
    'shared reply, named': sharedReplyCard({ kind: 'reflection', authorName: hostile('name'), title: lesson.title, questions: text.reflectionQuestions, answers: answers(3), language }),
    'shared reply, anonymous': sharedReplyCard({ kind: 'reflection', authorName: undefined, title: lesson.title, questions: text.reflectionQuestions, answers: answers(3), language }),
    // dilemma
    'shared dilemma reason, named': sharedReplyCard({ kind: 'dilemma', authorName: hostile('name'), title: text.dilemmas![0]!.title, questions: [''], answers: answers(1), language, choice: text.dilemmas![0]!.options[0]!.label }),
    'dilemma with a hostile reason': dilemmaCard(
      {
        roundId: 'r1',
        dilemma: text.dilemmas![0]!,
        goalNames: text.goalNames,
        tally: { answered: 5, minGroupSize: 5, counts: new Map([[text.dilemmas![0]!.options[0]!.id, 5]]) },
        channel: { teamId: 'team-1', refreshUserIds: ['29:a'] },
        optionId: text.dilemmas![0]!.options[0]!.id,
        reason: hostile('reason'),
        visibility: 'named',
        saved: true,
      },
      t,
    ),
    'shared next steps, named': sharedReplyCard({ kind: 'nextSteps', authorName: hostile('name'), title: '', questions: text.nextStepQuestions, answers: answers(4), language }),
    plan: planCard(
      {
        enrollment,
        states: [{ team: { tenantId: 't', teamId: 'team-1', courseId: 'intro-baerekraft' }, kind: 'lesson', nextAt: december, paused: false }],
        recent: [
          { id: '1', courseId: 'intro-baerekraft', kind: 'lesson', dueAt: december, status: 'sent', reason: undefined, attempts: 0, targets: 1, sent: 1, failed: 0 },
          { id: '2', courseId: 'intro-baerekraft', kind: 'lesson', dueAt: december, status: 'failed', reason: hostile('reason'), attempts: 1, targets: 1, sent: 0, failed: 1 },
        ],
        reminderDays: 3,
        hours: { start: '08:00', end: '17:00' },
        minGroupSize: 5,
      },
      t,
    ),
    'next steps form': nextStepsCard({ teamName: hostile('team'), roundId: 'r1', questions: text.nextStepQuestions, channel: { teamId: 'team-1', refreshUserIds: ['29:a'] } }, t),
    'next steps saved': nextStepsCard(
      { teamName: hostile('team'), roundId: 'r1', questions: text.nextStepQuestions, channel: { teamId: 'team-1', refreshUserIds: undefined }, answers: answers(4), visibility: 'named', saved: true, problems: [] },
      t,
    ),
  };
}

describe('users’ text on cards', function () {
  let courseId: string;
  let texts: Record<string, CourseText>;
  /** The course's own Markdown (lesson bodies, key facts, goal and source lists): the only TextBlocks a card may have. */
  let authored: Set<string>;

  before(async function () {
    const { catalog } = await loadCourses();
    const course = catalog.defaultCourse();
    courseId = course.id;
    texts = Object.fromEntries(Object.keys(catalogs).map((language) => [language, courseText(course, language)]));
    authored = new Set(
      Object.keys(catalogs).flatMap((language) =>
        texts[language]!.lessons.flatMap((lesson) => markdownTexts(lessonCard({ courseId, lesson, index: 0, total: 1, read: false }, texts[language]!, translator(language)))),
      ),
    );
  });

  it('binds data to TextBlocks only for the course’s own Markdown in lesson.json and for headings, and uses no FactSet', function () {
    const lessonMarkdown = ['${title}', '${text}', '${keyFact}', '${goalList}', '${sourceList}'];
    for (const file of readdirSync(projectPath('cards', 'templates'))) {
      const template: unknown = JSON.parse(readFileSync(projectPath('cards', 'templates', file), 'utf8'));
      const headings = headingTexts(template);
      assert.ok(headings.length <= 1 && !headings.some((text) => text !== '${title}'), `${file}: a heading is the card's \${title}`);
      const texts = markdownTexts(template).filter((text) => !headings.includes(text));
      assert.deepEqual(texts.filter((text) => !(file === 'lesson.json' && lessonMarkdown.includes(text))), [], `${file} has Markdown text bound to data`);
      assert.doesNotMatch(JSON.stringify(template), /"FactSet"/, file);
    }
  });

  for (const language of Object.keys(catalogs)) {
    it(`shows hostile input and generated dates as plain TextRuns on every card in ${language}`, function () {
      const cards = hostileCards(language, courseId, texts[language]!);
      const date = formatDate(DATE, language);
      for (const [name, card] of Object.entries(cards)) {
        assert.deepEqual(validateAdaptiveCard(card), [], `${name} (${language}) is not valid`);
        const headings = headingTexts(card);
        for (const text of markdownTexts(card)) {
          assert.ok(authored.has(text) || headings.includes(text), `${name} (${language}) has Markdown text that is not the course’s own: ${JSON.stringify(text)}`);
        }
        for (const heading of headings) assert.doesNotMatch(heading, /^\s*(\d+[.)]|[-*+>#])(\s|$)/, `${name} (${language}): the heading starts like a list, heading or quote`);
        for (const text of markdownTexts(card, true)) {
          for (const marker of MARKERS) assert.ok(!text.includes(marker), `${name} (${language}) has ${marker} live in ${JSON.stringify(text)}`);
          assert.ok(!text.includes(date), `${name} (${language}) has the date in Markdown text`);
        }
      }
      const shown = (name: string) => runTexts(cards[name]).join('\n');
      assert.ok(shown('shared reply, anonymous').includes(`answer 1: ${HOSTILE}`), 'the answer is still shown, as typed');
      assert.ok(shown('shared reply, named').includes(`name: ${HOSTILE}`), 'the display name is shown, as typed');
      assert.ok(shown('help after an unknown command').includes(`command: ${HOSTILE}`), 'the unknown command is echoed, as typed');
      assert.ok(shown('setup summary').includes(date), 'the date is shown');
      assert.ok(shown('setup summary').includes(`channel: ${HOSTILE}`), 'the channel name is shown, as typed');
    });
  }
});
