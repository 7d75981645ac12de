import type { JsonSchema } from './bundled-schemas.js';

/** One additional-language file of the package, parsed. */
export type LocalizationFile = {
  readonly languageTag: string;
  readonly file: string;
  readonly content: Readonly<Record<string, unknown>>;
};

const NOT_STRINGS = new Set(['$schema', 'localizationKeys']);

/**
 * Every localizable string of a manifest, keyed as localization files key them (`bots[0].commandLists[1].commands[2].title`).
 * @remarks A string is localizable when the localization schema names its key or a key pattern matches it.
 */
export function localizableStrings(manifest: unknown, localizationSchema: JsonSchema): Map<string, string> {
  const named = new Set(Object.keys((localizationSchema['properties'] ?? {}) as object).filter((key) => !NOT_STRINGS.has(key)));
  const patterns = Object.keys((localizationSchema['patternProperties'] ?? {}) as object).map((pattern) => new RegExp(pattern));
  const found = new Map<string, string>();
  for (const [key, text] of stringLeaves(manifest, '')) {
    if (named.has(key) || patterns.some((pattern) => pattern.test(key))) found.set(key, text);
  }
  return found;
}

/**
 * Checks that every additional-language file translates every localizable string of the manifest, and nothing else.
 * @returns one line per problem naming the file and the key; empty when complete.
 */
export function checkLocalizationCompleteness(
  manifest: unknown,
  localizationSchema: JsonSchema,
  files: readonly LocalizationFile[],
): string[] {
  const expected = localizableStrings(manifest, localizationSchema);
  const problems: string[] = [];
  for (const { languageTag, file, content } of files) {
    for (const key of expected.keys()) {
      const value = content[key];
      if (value === undefined) problems.push(`${file} (${languageTag}): missing "${key}"`);
      else if (typeof value !== 'string' || value.trim() === '') problems.push(`${file} (${languageTag}): "${key}" is empty`);
    }
    for (const key of Object.keys(content)) {
      if (!NOT_STRINGS.has(key) && !expected.has(key)) {
        problems.push(`${file} (${languageTag}): "${key}" is not a localizable string of the manifest`);
      }
    }
  }
  return problems;
}

function* stringLeaves(value: unknown, path: string): Generator<[string, string]> {
  if (typeof value === 'string') {
    yield [path, value];
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) yield* stringLeaves(item, `${path}[${index}]`);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (path === '' && NOT_STRINGS.has(key)) continue;
      yield* stringLeaves(item, path === '' ? key : `${path}.${key}`);
    }
  }
}
