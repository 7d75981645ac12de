import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';

type Json = Record<string, any>;

const example = JSON.parse(readFileSync(new URL('../fixtures/packs/valid/example-pack.json', import.meta.url), 'utf8')) as Json;

/** Course titles of the test packs, per language. */
export const packTitles = { nb: 'Brannvern i kommunen', nn: 'Brannvern i kommunen (nynorsk)', en: 'Fire safety in the municipality' } as const;

/** Lesson titles of the test packs: lesson n (1-based) in each language. */
export const lessonTitle = (language: 'nb' | 'nn' | 'en', n: number): string => ({ nb: `Slik slokker du brann ${n}`, nn: `Slik sløkkjer du brann ${n}`, en: `How to put out a fire ${n}` })[language];

/**
 * A valid three-language pack built from the example fixture: `lessons` lessons with ids `leksjon-1` …, and an
 * image named `image` (a file name the upload gives) on the first lesson, with alt text in every language.
 */
export function testPack(options: { readonly id?: string; readonly version?: string; readonly lessons?: number; readonly image?: string; readonly alt?: Partial<Record<'nb' | 'nn' | 'en', string>> } = {}): Json {
  const pack = structuredClone(example);
  delete pack.$schema;
  pack.id = options.id ?? 'brannvern';
  pack.version = options.version ?? '1.0.0';
  for (const language of ['nb', 'nn', 'en'] as const) {
    const text = pack.content[language];
    text.title = packTitles[language];
    const base = text.lessons[0];
    text.lessons = Array.from({ length: options.lessons ?? 1 }, (_, index) => ({ ...structuredClone(base), id: `leksjon-${index + 1}`, title: lessonTitle(language, index + 1) }));
    if (options.image) {
      const alt = options.alt && language in options.alt ? options.alt[language] : { nb: 'Et brannslukningsapparat på en vegg.', nn: 'Eit brannsløkkingsapparat på ein vegg.', en: 'A fire extinguisher on a wall.' }[language];
      text.lessons[0].image = alt === undefined ? { url: options.image } : { url: options.image, alt };
    }
  }
  return pack;
}

/** The pack as YAML text. */
export const asYaml = (pack: Json): string => stringify(pack);

/** A valid 1 × 1 PNG. */
export const tinyPng = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

/** A PNG header claiming 5000 × 10 pixels. */
export function widePng(): Buffer {
  const png = Buffer.from(tinyPng);
  png.writeUInt32BE(5000, 16);
  png.writeUInt32BE(10, 20);
  return png;
}

/** An SVG image (refused: it can carry script). */
export const svgImage = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
