import { existsSync, readFileSync } from 'node:fs';
import { projectPath } from '../paths.js';
import { defaultLanguage } from './catalogs/index.js';

const loaded = new Map<string, Readonly<Record<string, string>>>();

/**
 * The tab's message catalog for a language (`bot/i18n/tab/<tag>.json`, ICU MessageFormat, keys prefixed `tab.`).
 * @remarks Kept as JSON beside the bot's catalogs so translators find every text in one folder; served to the tab by the API.
 */
export function tabCatalog(language: string): Readonly<Record<string, string>> {
  let catalog = loaded.get(language);
  if (!catalog) {
    const file = (tag: string): string => projectPath('bot', 'i18n', 'tab', `${tag}.json`);
    const path = /^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(language) && existsSync(file(language)) ? file(language) : file(defaultLanguage);
    catalog = Object.freeze(JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>);
    loaded.set(language, catalog);
  }
  return catalog;
}
