import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { lessonCardPreview } from '../../cards/preview.js';
import { courseText } from '../../bot/core/course.js';
import type { ContentPack } from '../../bot/course/content-pack.js';
import { builtinPackPath } from '../../bot/course/load-courses.js';
import { packLimits } from '../../bot/course/pack-limits.js';
import { cardBytes, unexpandedBindings, validateAdaptiveCard } from '../helpers/card-schema.js';

const pack = JSON.parse(readFileSync(builtinPackPath, 'utf8')) as ContentPack;
const cards = pack.languages.flatMap((language) =>
  courseText(pack, language).lessons.map((lesson, index) => ({ language, id: lesson.id, card: lessonCardPreview(pack, language, index) })),
);

describe('built-in lesson cards', function () {
  it('renders every lesson in every language to a valid Adaptive Card 1.5', function () {
    for (const { language, id, card } of cards) assert.deepEqual(validateAdaptiveCard(card), [], `${language} ${id}`);
  });

  it('keeps every lesson card under 80 KB', function () {
    assert.equal(packLimits.cardBytes, 80 * 1024);
    for (const { language, id, card } of cards) assert.ok(cardBytes(card) <= packLimits.cardBytes, `${language} ${id}: ${cardBytes(card)} bytes`);
  });

  it('shows no raw template placeholder', function () {
    for (const { language, id, card } of cards) assert.deepEqual(unexpandedBindings(card), [], `${language} ${id}`);
  });

  it('shows the lesson text and key fact on the card', function () {
    for (const { language, card } of cards.filter((entry) => entry.id === 'why-municipalities-matter')) {
      const lesson = courseText(pack, language).lessons[2]!;
      const json = JSON.stringify(card);
      assert.ok(json.includes(JSON.stringify(lesson.keyFact).slice(1, -1)), language);
      assert.ok(json.includes(JSON.stringify(lesson.title).slice(1, -1)), language);
    }
  });
});
