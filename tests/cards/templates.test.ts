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
import { MAX_CARD_BYTES, cardBytes, unexpandedBindings, validateAdaptiveCard } from '../helpers/card-schema.js';

/** Every card the app can send, in every state, in one language. */
function everyCard(language: string, courseId: string, text: CourseText): Record<string, AdaptiveCard> {
  const t = translator(language);
  const lesson = text.lessons[0]!;
  const total = text.lessons.length;
  const withImage = { ...lesson, image: { url: 'https://example.org/leaf.png', alt: 'Et grønt blad' } };
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
    notice: noticeCard(t, { title: 'Tittel', text: '' }),
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

  it('covers every template file', function () {
    const rendered = JSON.stringify(everyCard('nb', courseId, texts.nb!));
    assert.equal(templateNames.length, 7);
    for (const name of ['lesson', 'reflection', 'reflection-saved', 'welcome-personal', 'help', 'progress', 'notice']) assert.ok(templateNames.includes(name as never), name);
    assert.ok(rendered.length > 0);
  });

  it('gives every image alt text and every input a label', function () {
    const cards = everyCard('nb', courseId, texts.nb!);
    const json = JSON.stringify(cards['lesson last, read, with image']);
    assert.match(json, /"altText":"Et grønt blad"/);
    const inputs = (cards['reflection empty']!.body as { type: string; label?: string }[]).filter((item) => item.type === 'Input.Text');
    assert.equal(inputs.length, 3);
    assert.ok(inputs.every((input) => typeof input.label === 'string' && input.label.length > 0));
  });

  it('rejects a card the official schema does not allow', function () {
    assert.notDeepEqual(validateAdaptiveCard({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock' }] }), []);
  });
});
