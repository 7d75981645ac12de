import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { lessonCardPreview } from '../../cards/preview.js';
import { courseText } from '../../bot/core/course.js';
import type { ContentPack } from '../../bot/course/content-pack.js';
import { builtinPackPath, builtinPackPaths } from '../../bot/course/load-courses.js';
import { parsePackSource } from '../../bot/course/pack-source.js';
import { packLimits } from '../../bot/course/pack-limits.js';
import { cardBytes, unexpandedBindings, validateAdaptiveCard } from '../helpers/card-schema.js';

function readPack(file: string): ContentPack {
  const parsed = parsePackSource(file, readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new Error(`${file} cannot be parsed`);
  return parsed.data as ContentPack;
}

const pack = readPack(builtinPackPath);
const packs = builtinPackPaths.map(readPack);
const cards = packs.flatMap((course) =>
  course.languages.flatMap((language) =>
    courseText(course, language).lessons.map((lesson, index) => ({ language, id: `${course.id}/${lesson.id}`, card: lessonCardPreview(course, language, index) })),
  ),
);

describe('built-in lesson cards', function () {
  it('covers every built-in pack', function () {
    assert.equal(packs.length, builtinPackPaths.length);
    assert.ok(cards.some((entry) => entry.id.startsWith('sustainable-procurement/')));
  });

  it('renders every lesson of every built-in pack in every language to a valid Adaptive Card 1.5', function () {
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
    for (const { language, card } of cards.filter((entry) => entry.id === 'intro-baerekraft/why-municipalities-matter')) {
      const lesson = courseText(pack, language).lessons[2]!;
      const json = JSON.stringify(card);
      assert.ok(json.includes(JSON.stringify(lesson.keyFact).slice(1, -1)), language);
      assert.ok(json.includes(JSON.stringify(lesson.title).slice(1, -1)), language);
    }
  });
});
