import { IntlMessageFormat } from 'intl-messageformat';
import { catalogs, defaultLanguage, type Catalog, type MessageKey } from './catalogs/index.js';

/** Values for a message's ICU placeholders. */
export type MessageValues = Readonly<Record<string, string | number>>;

/** Formats catalog messages in one language. */
export type Translator = {
  readonly language: string;
  /** The formatted message for the key. */
  (key: MessageKey, values?: MessageValues): string;
};

const cache = new Map<string, IntlMessageFormat>();

function catalogFor(language: string): Catalog {
  return catalogs[language] ?? catalogs[defaultLanguage]!;
}

/** A translator for the language; unknown languages get Bokmål. */
export function translator(language: string): Translator {
  const lang = Object.hasOwn(catalogs, language) ? language : defaultLanguage;
  const catalog = catalogFor(lang);
  const t = (key: MessageKey, values?: MessageValues): string => {
    const cacheKey = `${lang}\u0000${key}`;
    let format = cache.get(cacheKey);
    if (!format) {
      format = new IntlMessageFormat(catalog[key], lang);
      cache.set(cacheKey, format);
    }
    return String(format.format(values));
  };
  return Object.assign(t, { language: lang });
}

/** The aliases of a command word in one language; the first is the one to show. */
export function commandAliases(language: string, key: MessageKey & `command.${string}`): readonly string[] {
  return catalogFor(language)[key].split('|');
}

/** The word shown for a command in one language. */
export function commandWord(language: string, key: MessageKey & `command.${string}`): string {
  return commandAliases(language, key)[0]!;
}

/** Every alias of a command across all catalogs, lower-cased, so any language's word works. */
export function allCommandAliases(key: MessageKey & `command.${string}`): ReadonlySet<string> {
  return new Set(Object.keys(catalogs).flatMap((language) => commandAliases(language, key).map((word) => word.toLowerCase())));
}
