import { en } from './en.js';
import { nb, type Catalog } from './nb.js';
import { nn } from './nn.js';

/**
 * Every catalog, keyed by BCP 47 language tag.
 * @remarks Adding a language (e.g. Northern Sami, `se`) is one more catalog file and one line here.
 */
export const catalogs: Readonly<Record<string, Catalog>> = { nb, nn, en };

/** The language used when nothing else decides. */
export const defaultLanguage = 'nb';

export type { Catalog, MessageKey } from './nb.js';
