import { IntlMessageFormat } from 'intl-messageformat';
import { createContext, useContext } from 'react';

/** The languages the tab speaks. */
export type Language = 'nb' | 'nn' | 'en';

/** Every language, in the order the language picker shows them. */
export const languages: readonly Language[] = ['nb', 'nn', 'en'];

/** Values for a message's ICU placeholders. */
export type MessageValues = Readonly<Record<string, string | number | Date>>;

/** Formats the tab's messages in one language. */
export type Translate = {
  readonly language: Language;
  /** The formatted message for the key; the key itself when the catalog lacks it. */
  (key: string, values?: MessageValues): string;
};

/**
 * Maps a Teams locale to a language: nb-NO and no → nb, nn-NO → nn, en-* → en, anything else → nb.
 * @remarks Matches the server's rule in bot/i18n/resolve-language.ts.
 */
export function languageForLocale(locale: string | null | undefined): Language {
  const primary = (locale ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  if (primary === 'nn') return 'nn';
  if (primary === 'en') return 'en';
  return 'nb';
}

/** True when the text names one of the tab's languages. */
export function isLanguage(value: string | null | undefined): value is Language {
  return value === 'nb' || value === 'nn' || value === 'en';
}

/** The BCP 47 tag that `Intl` should use for a language. */
export function intlLocale(language: Language): string {
  const tag = language === 'en' ? 'en-GB' : `${language}-NO`;
  // Some ICU builds lack Nynorsk; Bokmål writes dates and numbers the same way.
  return Intl.DateTimeFormat.supportedLocalesOf([tag]).length > 0 ? tag : language === 'nn' ? 'nb-NO' : tag;
}

/** A translator over a catalog from `GET /api/v1/i18n/{language}`. */
export function createTranslator(language: Language, messages: Readonly<Record<string, string>>): Translate {
  const cache = new Map<string, IntlMessageFormat>();
  const t = (key: string, values?: MessageValues): string => {
    const source = messages[key];
    if (source === undefined) return key;
    let format = cache.get(key);
    if (!format) {
      format = new IntlMessageFormat(source, intlLocale(language));
      cache.set(key, format);
    }
    const result = format.format(values as Record<string, string | number | Date> | undefined);
    return Array.isArray(result) ? result.join('') : String(result);
  };
  return Object.assign(t, { language });
}

/**
 * The only texts not served by the API: what to say when the messages themselves cannot be loaded.
 * @remarks Kept to one sentence and one button per language.
 */
export const bootstrapTexts: Readonly<Record<Language, { readonly failed: string; readonly retry: string }>> = {
  nb: { failed: 'Lærekraft fikk ikke lastet inn tekstene. Sjekk tilkoblingen og prøv igjen.', retry: 'Prøv igjen' },
  nn: { failed: 'Lærekraft fekk ikkje lasta inn tekstane. Sjekk tilkoplinga og prøv igjen.', retry: 'Prøv igjen' },
  en: { failed: 'Lærekraft could not load its texts. Check your connection and try again.', retry: 'Try again' },
};

/** The translator of the page in use. */
export const TranslateContext = createContext<Translate>(createTranslator('nb', {}));

/** The translator of the page in use. */
export function useT(): Translate {
  return useContext(TranslateContext);
}
