import { catalogs, defaultLanguage, type MessageKey } from './catalogs/index.js';

/** Tags that mean a catalog under another name: Norwegian without a written standard is Bokmål. */
const aliases: Readonly<Record<string, string>> = { no: 'nb' };

/** True when a catalog exists for the language tag. */
export function isSupportedLanguage(tag: string): boolean {
  return Object.hasOwn(catalogs, tag);
}

/**
 * The language a person names when choosing one: a code (`nn`, `nb-NO`, `no`) or a name in any catalog
 * (`nynorsk`, `bokmål`, `norsk`, `english`, `engelsk`); undefined when it names none.
 */
export function languageFromText(text: string): string | undefined {
  const value = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (value === '') return undefined;
  const primary = value.split(/[-_]/)[0] ?? '';
  const tag = aliases[primary] ?? primary;
  if (/^[a-z]{2,3}([-_][a-z0-9]+)*$/.test(value) && isSupportedLanguage(tag)) return tag;
  for (const catalog of Object.values(catalogs)) {
    for (const language of Object.keys(catalogs)) {
      const names = catalog[`language.aliases.${language}` as MessageKey].split('|');
      if (names.includes(value)) return language;
    }
  }
  return undefined;
}

/**
 * Picks the catalog language for a locale such as `nb-NO`, `nn-NO`, `no`, `en-GB`.
 * @remarks Matches on the primary language subtag; unknown or missing locales fall back to Bokmål.
 */
export function languageForLocale(locale: string | undefined, fallback: string = defaultLanguage): string {
  return knownLocaleLanguage(locale) ?? fallback;
}

/** The catalog language of a locale, or undefined when the locale is missing or names no catalog. */
export function knownLocaleLanguage(locale: string | undefined): string | undefined {
  if (!locale) return undefined;
  const primary = locale.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  const tag = aliases[primary] ?? primary;
  return isSupportedLanguage(tag) ? tag : undefined;
}

/** True when neither a stored choice nor the locale decides the language (then the organisation's default does). */
export function needsDefaultLanguage(stored: string | undefined, locale: string | undefined): boolean {
  return !(stored && isSupportedLanguage(stored)) && knownLocaleLanguage(locale) === undefined;
}

/** The person's stored choice when there is one, otherwise the language of their Teams locale, otherwise the fallback (the organisation's default). */
export function resolveLanguage(stored: string | undefined, locale: string | undefined, fallback: string = defaultLanguage): string {
  return stored && isSupportedLanguage(stored) ? stored : languageForLocale(locale, fallback);
}
