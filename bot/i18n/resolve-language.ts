import { catalogs, defaultLanguage } from './catalogs/index.js';

/** Tags that mean a catalog under another name: Norwegian without a written standard is Bokmål. */
const aliases: Readonly<Record<string, string>> = { no: 'nb' };

/** True when a catalog exists for the language tag. */
export function isSupportedLanguage(tag: string): boolean {
  return Object.hasOwn(catalogs, tag);
}

/**
 * Picks the catalog language for a locale such as `nb-NO`, `nn-NO`, `no`, `en-GB`.
 * @remarks Matches on the primary language subtag; unknown or missing locales fall back to Bokmål.
 */
export function languageForLocale(locale: string | undefined): string {
  if (!locale) return defaultLanguage;
  const primary = locale.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  const tag = aliases[primary] ?? primary;
  return isSupportedLanguage(tag) ? tag : defaultLanguage;
}

/** The person's stored choice when there is one, otherwise the language of their Teams locale. */
export function resolveLanguage(stored: string | undefined, locale: string | undefined): string {
  return stored && isSupportedLanguage(stored) ? stored : languageForLocale(locale);
}
