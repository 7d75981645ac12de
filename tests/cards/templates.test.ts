import assert from 'node:assert/strict';
import { courseText, type CourseText } from '../../bot/core/course.js';
import { loadCourses } from '../../bot/course/load-courses.js';
import { catalogs } from '../../bot/i18n/catalogs/index.js';
import { translator } from '../../bot/i18n/translator.js';
import type { AdaptiveCard } from '../../cards/models.js';
import { templateNames } from '../../cards/render.js';
import { lessonCard } from '../../cards/views/lesson-card.js';
import { courseCompleteCard, helpCard, noticeCard, progressCard, welcomePersonalCard } from '../../cards/views/personal-cards.js';
import { reflectionCard } from '../../cards/views/reflection-card.js';
import { reflectionSavedCard } from '../../cards/views/reflection-saved-card.js';
import { knowledgeCheckCard, knowledgeResultCard } from '../../cards/views/knowledge-cards.js';
import { planCard } from '../../cards/views/plan-card.js';
import { nextStepsCard } from '../../cards/views/next-steps-card.js';
import { dilemmaCard } from '../../cards/views/dilemma-card.js';
import { setupCard, setupSummaryCard, sharedReplyCard, teamHelpCard, welcomeTeamCard } from '../../cards/views/team-cards.js';
import { readdirSync } from 'node:fs';
import { projectPath } from '../../bot/paths.js';
import { cardText as cardTextOf } from '../helpers/fake-connector.js';
import { MAX_CARD_BYTES, cardBytes, unexpandedBindings, validateAdaptiveCard } from '../helpers/card-schema.js';

const hours = { start: '08:00', end: '17:00' };

/** A knowledge check of two questions (cert). */
const questions = [
  { id: 'q1', prompt: 'Hvor mange bærekraftsmål er det?', choices: [{ id: 'a', text: '8', explanation: 'Nei, det var tusenårsmålene.' }, { id: 'b', text: '17', explanation: 'Riktig.', correct: true as const }] },
  { id: 'q2', prompt: 'Når er fristen?', choices: [{ id: 'a', text: '2030', explanation: 'Riktig.', correct: true as const }, { id: 'b', text: '2050', explanation: 'Nei.' }, { id: 'c', text: '2100', explanation: 'Nei.' }] },
];

/** Every card the app can send, in every state, in one language. */
function everyCard(language: string, courseId: string, text: CourseText): Record<string, AdaptiveCard> {
  const t = translator(language);
  const lesson = text.lessons[0]!;
  const total = text.lessons.length;
  const withImage = { ...lesson, image: { url: 'https://example.org/leaf.png', alt: 'Et grønt blad' } };
  const enrollment = {
    tenantId: 't', teamId: 'team-1', courseId, channelId: 'team-1', language, startDate: '2026-03-09', mandatory: true, dueDate: '2026-06-01',
    lessonWeekday: 1 as const, lessonTime: '09:00', intervalWeeks: 2, reflectionDaysAfter: 2, reflectionTime: '14:00', timeZone: 'Europe/Oslo', createdBy: 'u', updatedAt: new Date(),
  };
  return {
    'lesson unread': lessonCard({ courseId, lesson, index: 0, total, read: false }, text, t),
    'lesson read': lessonCard({ courseId, lesson, index: 0, total, read: true }, text, t),
    'lesson last, read, with image': lessonCard({ courseId, lesson: withImage, index: total - 1, total, read: true }, text, t),
    'reflection empty': reflectionCard({ courseId, lesson, text }, t),
    'reflection with problems': reflectionCard(
      { courseId, lesson, text, answers: ['a', 'x'.repeat(1200), ''], problems: [{ kind: 'empty' }, { kind: 'tooLong', question: 1, length: 1200, limit: 1000 }] },
      t,
    ),
    'reflection saved': reflectionSavedCard({ courseId, lesson, text, answers: ['a', '', 'c'], created: true, hasNext: true }, t),
    'reflection updated, last': reflectionSavedCard({ courseId, lesson, text, answers: ['a', 'b', 'c'], created: false, hasNext: false }, t),
    welcome: welcomePersonalCard(t),
    help: helpCard(t),
    'help after unknown text': helpCard(t, 'hva er klokka?'),
    progress: progressCard(
      { courseId, courseTitle: text.title, lessons: text.lessons.map((l, i) => ({ id: l.id, title: l.title, read: i < 2 })), lessonsRead: 2, lessonsTotal: total, reflections: 1 },
      t,
    ),
    complete: courseCompleteCard(total, t),
    'complete with the certificate': courseCompleteCard(total, t, courseId),
    'knowledge check': knowledgeCheckCard({ courseId, lesson, questions }, t),
    'knowledge check with a question left out, in a channel': knowledgeCheckCard({ courseId, lesson, questions, teamId: 'team-1', answers: { q1: 'b' }, missing: true }, t),
    'knowledge result': knowledgeResultCard({ lesson, questions, answers: { q1: 'a', q2: 'b' }, earlier: false, hasNext: true }, t),
    'knowledge result shown again, in a channel': knowledgeResultCard({ lesson, questions, answers: { q1: 'b', q2: 'b' }, earlier: true, hasNext: false, teamId: 'team-1' }, t),
    notice: noticeCard({ title: 'Tittel', text: '' }),
    'lesson in a small channel': lessonCard({ courseId, lesson, index: 0, total, read: false }, text, t, { teamId: 'team-1', refreshUserIds: ['29:a', '29:b'], stats: { read: 1, members: 2, visible: false, minGroupSize: 5 } }),
    'lesson in a large channel, read': lessonCard({ courseId, lesson, index: 1, total, read: true }, text, t, { teamId: 'team-1', refreshUserIds: undefined, stats: { read: 12, members: 250, visible: true, minGroupSize: 5 } }),
    'round form': reflectionCard({ courseId, lesson, text, channel: { teamId: 'team-1', refreshUserIds: ['29:a'] } }, t),
    'round saved anonymously': reflectionSavedCard({ courseId, lesson, text, answers: ['a', '', ''], created: true, hasNext: false, visibility: 'anonymous', channel: { teamId: 'team-1', refreshUserIds: undefined } }, t),
    'team welcome': welcomeTeamCard('team-1', 5, t),
    'team help': teamHelpCard('team-1', t),
    'setup empty': setupCard({ teamId: 'team-1', channels: [{ channelId: 'team-1', name: '' }, { channelId: 'c2', name: 'Oppvekst' }], today: '2026-03-02', values: {}, hours }, t),
    'setup with a course choice': setupCard(
      { teamId: 'team-1', channels: [{ channelId: 'team-1', name: '' }], today: '2026-03-02', values: {}, hours, courses: [{ id: 'a', title: 'Bærekraft' }, { id: 'b', title: 'Innkjøp' }] },
      t,
    ),
    'setup with problems': setupCard(
      { teamId: 'team-1', channels: [{ channelId: 'team-1', name: '' }], today: '2026-03-02', values: { startDate: '2026-03-09', dueDate: '2026-03-01' }, problems: [{ field: 'dueDate', kind: 'beforeStart' }, { field: 'channelId', kind: 'unknownChannel' }], hours },
      t,
    ),
    'setup summary': setupSummaryCard(enrollment, [{ channelId: 'team-1', name: '' }], true, { lesson: new Date('2026-03-09T08:00:00Z'), reflection: new Date('2026-03-11T13:00:00Z'), hours }, t),
    'setup summary, moved by the allowed hours': setupSummaryCard(
      { ...enrollment, lessonTime: '22:00', reflectionTime: '07:00' },
      [{ channelId: 'team-1', name: '' }],
      false,
      { lesson: new Date('2026-03-10T07:00:00Z'), reflection: new Date('2026-03-11T07:00:00Z'), hours },
      t,
    ),
    'shared reply, named': sharedReplyCard({ kind: 'reflection', authorName: 'Ingrid Nilsen', title: lesson.title, questions: text.reflectionQuestions, answers: ['a', '', 'c'], language }),
    'plan with deliveries': planCard(
      {
        enrollment,
        states: [
          { team: { tenantId: 't', teamId: 'team-1', courseId: 'intro-baerekraft' }, kind: 'lesson', nextAt: new Date('2026-03-16T08:00:00Z'), paused: false },
          { team: { tenantId: 't', teamId: 'team-1', courseId: 'intro-baerekraft' }, kind: 'reflection', nextAt: undefined, paused: true },
        ],
        recent: [
          { id: '1', courseId: 'intro-baerekraft', kind: 'lesson', dueAt: new Date('2026-03-09T08:00:00Z'), status: 'sent', reason: undefined, attempts: 0, targets: 1, sent: 1, failed: 0 },
          { id: '2', courseId: 'intro-baerekraft', kind: 'reminder', dueAt: new Date('2026-05-05T08:00:00Z'), status: 'failed', reason: 'blocked', attempts: 1, targets: 4, sent: 3, failed: 1 },
          { id: '3', courseId: 'intro-baerekraft', kind: 'lesson', dueAt: new Date('2026-03-02T08:00:00Z'), status: 'missed', reason: 'serverDown', attempts: 0, targets: 0, sent: 0, failed: 0 },
          { id: '4', courseId: 'intro-baerekraft', kind: 'lesson', dueAt: new Date('2026-03-23T08:00:00Z'), status: 'failed', reason: 'blocked', attempts: 1, targets: 1, sent: 0, failed: 1 },
          { id: '5', courseId: 'intro-baerekraft', kind: 'reflection', dueAt: new Date('2026-03-25T13:00:00Z'), status: 'retrying', reason: 'throttled', attempts: 2, targets: 1, sent: 0, failed: 0 },
          { id: '6', courseId: 'intro-baerekraft', kind: 'nextSteps', dueAt: new Date('2026-03-26T13:00:00Z'), status: 'failed', reason: 'gaveUp:throttled', attempts: 5, targets: 1, sent: 0, failed: 1 },
          { id: '7', courseId: 'intro-baerekraft', kind: 'lesson', dueAt: new Date('2026-03-30T08:00:00Z'), status: 'sending', reason: undefined, attempts: 0, targets: 1, sent: 0, failed: 0 },
          { id: '8', courseId: 'intro-baerekraft', kind: 'planReminder', dueAt: new Date('2026-03-31T08:00:00Z'), status: 'failed', reason: 'Error: socket hang up at /v3/conversations', attempts: 8, targets: 1, sent: 0, failed: 1 },
        ],
        reminderDays: 3,
        hours: { start: '08:00', end: '17:00' },
        minGroupSize: 2,
      },
      t,
    ),
    'plan, empty': planCard({ enrollment: { ...enrollment, mandatory: false }, states: [], recent: [], reminderDays: 3, hours: { start: '08:00', end: '17:00' }, minGroupSize: 5 }, t),
    'next steps form': nextStepsCard({ teamName: 'Oppvekst', roundId: 'r1', questions: text.nextStepQuestions, channel: { teamId: 'team-1', refreshUserIds: ['29:a'] } }, t),
    'next steps saved, with problems': nextStepsCard(
      { teamName: 'Oppvekst', roundId: 'r1', questions: text.nextStepQuestions, channel: { teamId: 'team-1', refreshUserIds: undefined }, answers: ['a', '', 'c', ''], visibility: 'anonymous', saved: true, problems: [{ field: 'answers.1', kind: 'tooLong', length: 1200, limit: 1000 }] },
      t,
    ),
    // dilemma
    'dilemma form, nobody answered': dilemmaCard({ roundId: 'r1', dilemma: text.dilemmas![0]!, goalNames: text.goalNames, tally: { answered: 0, minGroupSize: 5, counts: undefined }, channel: { teamId: 'team-1', refreshUserIds: ['29:a'] } }, t),
    'dilemma chosen, distribution shown': dilemmaCard(
      {
        roundId: 'r1',
        dilemma: text.dilemmas![1]!,
        goalNames: text.goalNames,
        tally: { answered: 6, minGroupSize: 5, counts: new Map(text.dilemmas![1]!.options.map((option, i) => [option.id, i * 2])) },
        channel: { teamId: 'team-1', refreshUserIds: undefined },
        optionId: text.dilemmas![1]!.options[0]!.id,
        reason: 'Fordi',
        visibility: 'anonymous',
        saved: true,
      },
      t,
    ),
    'dilemma with problems': dilemmaCard(
      { roundId: 'r1', dilemma: text.dilemmas![2]!, goalNames: text.goalNames, tally: { answered: 2, minGroupSize: 5, counts: undefined }, channel: { teamId: 'team-1', refreshUserIds: ['29:a'] }, reason: 'x'.repeat(1200), problems: [{ field: 'option', kind: 'missing' }, { field: 'reason', kind: 'tooLong', length: 1200, limit: 1000 }] },
      t,
    ),
    'shared reply, dilemma': sharedReplyCard({ kind: 'dilemma', authorName: 'Ingrid Nilsen', title: text.dilemmas![0]!.title, questions: [''], answers: ['Fordi'], language, choice: text.dilemmas![0]!.options[0]!.label }),
    'shared reply, next steps': sharedReplyCard({ kind: 'nextSteps', authorName: undefined, title: '', questions: text.nextStepQuestions, answers: ['a', '', 'c', 'd'], language }),
    'shared reply, anonymous': sharedReplyCard({ kind: 'reflection', authorName: undefined, title: lesson.title, questions: text.reflectionQuestions, answers: ['a', 'b', 'c'], language }),
  };
}

describe('card templates', function () {
  let courseId: string;
  let texts: Record<string, CourseText>;

  before(async function () {
    const { catalog } = await loadCourses();
    const course = catalog.defaultCourse();
    courseId = course.id;
    texts = Object.fromEntries(Object.keys(catalogs).map((language) => [language, courseText(course, language)]));
  });

  for (const language of Object.keys(catalogs)) {
    it(`expands every card to a valid Adaptive Card 1.5 in ${language}, under 80 KB, with no raw placeholders`, function () {
      const cards = everyCard(language, courseId, texts[language]!);
      for (const [name, card] of Object.entries(cards)) {
        assert.equal(card.version, '1.5', name);
        assert.deepEqual(validateAdaptiveCard(card), [], `${name} (${language}) is not valid`);
        assert.deepEqual(unexpandedBindings(card), [], `${name} (${language}) has raw placeholders`);
        assert.ok(cardBytes(card) < MAX_CARD_BYTES, `${name} (${language}) is ${cardBytes(card)} bytes`);
      }
    });
  }

  it('covers every template file in the cards folder', function () {
    const files = readdirSync(projectPath('cards', 'templates')).map((file) => file.replace(/\.json$/, '')).sort();
    assert.deepEqual([...templateNames].sort(), files);
  });

  it('writes the schedule in words from the rule, with each delivery’s state and reason', function () {
    const nb = cardTextOf(everyCard('nb', courseId, texts.nb!)['plan with deliveries']);
    assert.match(nb, /annenhver mandag kl\. 09\.00; neste: mandag 16\. mars kl\. 09\.00/);
    assert.match(nb, /2 dager etter hver leksjon kl\. 14\.00; på pause/);
    assert.match(nb, /påminnelser: feilet \(mottakeren har blokkert appen\) \(3 av 4\)/);
    assert.match(nb, /leksjon: ikke sendt \(tjenesten var nede for lenge\)/);
    assert.match(nb, /leksjon: feilet \(appen er fjernet fra teamet\)/);
    assert.match(nb, /refleksjonsrunde: prøver igjen \(Teams var opptatt; prøvd 2 ganger\)/);
    assert.match(nb, /runde om neste steg: feilet \(Teams var opptatt; prøvd 5 ganger\)/);
    assert.match(nb, /leksjon: sendes nå/);
    assert.match(nb, /påminnelse om tiltak: feilet \(en uventet feil i Lærekraft/);
    assert.doesNotMatch(nb, /socket hang up/, 'a raw error message reached the card');
    const nn = cardTextOf(everyCard('nn', courseId, texts.nn!)['plan with deliveries']);
    assert.match(nn, /annakvar måndag kl\. 09\.00; neste: måndag 16\. mars kl\. 09\.00/);
    assert.match(nn, /runde om neste steg: feila \(Teams var overbelasta; prøvd 5 gonger\)/);
    const en = cardTextOf(everyCard('en', courseId, texts.en!)['plan with deliveries']);
    assert.match(en, /every other Monday at 09:00; next: Monday 16 March at 09:00/);
    assert.match(en, /lesson: failed \(the app was removed from the team\)/);
    assert.match(en, /next-steps round: failed \(Teams was busy; tried 5 times\)/);
  });

  it('gives each viewer their own refresh for small teams, and none listed for large ones', function () {
    const cards = everyCard('nb', courseId, texts.nb!);
    assert.deepEqual((cards['lesson in a small channel']!.refresh as { userIds: string[] }).userIds, ['29:a', '29:b']);
    assert.equal((cards['lesson in a large channel, read']!.refresh as { userIds?: string[] }).userIds, undefined);
    assert.equal(cards['lesson unread']!.refresh, undefined);
  });

  it('gives every image alt text and every input a label', function () {
    const cards = everyCard('nb', courseId, texts.nb!);
    const json = JSON.stringify(cards['lesson last, read, with image']);
    assert.match(json, /"altText":"Et grønt blad"/);
    const inputs = (cards['reflection empty']!.body as { type: string; label?: string }[]).filter((item) => item.type === 'Input.Text');
    assert.equal(inputs.length, 3);
    assert.ok(inputs.every((input) => typeof input.label === 'string' && input.label.length > 0));
  });

  for (const language of Object.keys(catalogs)) {
    it(`explains every input a client would refuse, blocks nothing silently, and stacks for a 320 px column (${language})`, function () {
      const cards = everyCard(language, courseId, texts[language]!);
      for (const [name, card] of Object.entries(cards)) {
        const elements = walk(card);
        for (const input of elements.filter((element) => String(element.type).startsWith('Input.'))) {
          assert.ok(!('min' in input) && !('max' in input) && !('regex' in input), `${name}: ${String(input.id)} has a client-side limit that blocks submit silently`);
          if (input.isRequired) {
            assert.ok(typeof input.errorMessage === 'string' && input.errorMessage !== input.label && input.errorMessage.length > 0, `${name}: ${String(input.id)} has no error message`);
          }
        }
        assert.ok(!elements.some((element) => element.type === 'ColumnSet' && ((element.columns as unknown[]) ?? []).length > 1), `${name}: columns side by side squeeze at 320 px`);
      }
    });
  }

  it('offers weekdays only, the mandatory toggle named once, and the allowed hours before they bite', function () {
    const setup = everyCard('nb', courseId, texts.nb!)['setup empty']!;
    const weekday = walk(setup).find((element) => element.id === 'lessonWeekday')!;
    assert.deepEqual((weekday.choices as { value: string }[]).map((choice) => choice.value), ['1', '2', '3', '4', '5']);
    assert.equal(JSON.stringify(setup).split('Obligatorisk for alle i teamet').length - 1, 1);
    assert.match(cardTextOf(setup), /Vi sender bare på virkedager mellom kl\. 08\.00 og kl\. 17\.00/);
  });

  it('says in the setup summary when the allowed hours move a time, and the real next delivery', function () {
    const nb = cardTextOf(everyCard('nb', courseId, texts.nb!)['setup summary, moved by the allowed hours']);
    assert.match(nb, /Leksjonene kommer kl\. 08\.00 neste virkedag, ikke kl\. 22\.00/);
    assert.match(nb, /Refleksjonsrundene kommer kl\. 08\.00 samme dag, ikke kl\. 07\.00/);
    assert.match(nb, /Neste leksjon.*tirsdag 10\. mars kl\. 08\.00/s);
    const nn = cardTextOf(everyCard('nn', courseId, texts.nn!)['setup summary, moved by the allowed hours']);
    assert.match(nn, /Leksjonane kjem kl\. 08\.00 neste vyrkedag, ikkje kl\. 22\.00/);
  });

  it('rejects a card the official schema does not allow', function () {
    assert.notDeepEqual(validateAdaptiveCard({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock' }] }), []);
  });
});

/** Every element of a card, depth first. */
function walk(node: unknown): Record<string, unknown>[] {
  if (Array.isArray(node)) return node.flatMap(walk);
  if (!node || typeof node !== 'object') return [];
  const element = node as Record<string, unknown>;
  return [element, ...Object.values(element).flatMap(walk)];
}
