import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { commandWord, translator } from '../../bot/i18n/translator.js';
import { commands, worksIn, type CommandPlace } from '../../bot/teams/commands/index.js';
import { APP_PACKAGE_DIR, MANIFEST_PATH } from './app-files.js';

/** Teams' limits on a bot's command lists (manifest schema: `commandLists[].commands`). */
export const COMMAND_LIST_LIMITS = { commands: 10, title: 32, description: 128 } as const;

/** The manifest's bot scopes, each with its own command list, in this order. */
export const COMMAND_SCOPES: readonly CommandPlace[] = ['personal', 'team', 'groupChat'];

/** A command as the manifest lists it. */
export type ManifestCommand = { readonly title: string; readonly description: string };

/** A manifest command list: one scope and the commands offered there. */
export type CommandList = { readonly scopes: readonly CommandPlace[]; readonly commands: readonly ManifestCommand[] };

/** The catalog language of a manifest language tag (`nb-NO` → `nb`, `en` → `en`). */
export function catalogLanguage(languageTag: string): string {
  return languageTag.toLowerCase().split('-')[0]!;
}

/**
 * The manifest's command lists in one language, from the command registry the bot uses: in each scope exactly the
 * commands the bot accepts there ({@link worksIn}), in registry order, each with its word and menu description.
 */
export function commandLists(language: string): CommandList[] {
  const t = translator(language);
  return COMMAND_SCOPES.map((scope) => ({
    scopes: [scope],
    commands: commands
      .filter((command) => worksIn(command, scope))
      .map((command) => ({
        title: commandWord(language, command.aliasKey),
        description: t(command.menuKey, { language: commandWord(language, 'command.language'), command: commandWord(language, command.aliasKey) }),
      })),
  }));
}

/** The command lists' strings as a localization file keys them (`bots[0].commandLists[1].commands[2].title`). */
export function commandListStrings(language: string): Record<string, string> {
  const strings: Record<string, string> = {};
  commandLists(language).forEach((list, i) =>
    list.commands.forEach((command, j) => {
      strings[`bots[0].commandLists[${i}].commands[${j}].title`] = command.title;
      strings[`bots[0].commandLists[${i}].commands[${j}].description`] = command.description;
    }),
  );
  return strings;
}

/** Lists that break Teams' limits (too many commands, too long a title or description), one line each. */
export function commandListLimitProblems(lists: readonly CommandList[], where: string): string[] {
  const problems: string[] = [];
  for (const list of lists) {
    if (list.commands.length > COMMAND_LIST_LIMITS.commands) problems.push(`${where}: ${list.scopes.join(',')} lists ${list.commands.length} commands (at most ${COMMAND_LIST_LIMITS.commands})`);
    for (const command of list.commands) {
      if (command.title.length > COMMAND_LIST_LIMITS.title) problems.push(`${where}: title "${command.title}" is over ${COMMAND_LIST_LIMITS.title} characters`);
      if (command.description.length > COMMAND_LIST_LIMITS.description) problems.push(`${where}: description of "${command.title}" is over ${COMMAND_LIST_LIMITS.description} characters`);
    }
  }
  return problems;
}

type ManifestShape = {
  readonly localizationInfo?: { readonly defaultLanguageTag?: string; readonly additionalLanguages?: readonly { readonly languageTag: string; readonly file: string }[] };
  readonly bots?: readonly { readonly commandLists?: unknown }[];
};

/**
 * Where the manifest (default language) and each localization file differ from the lists the registry gives.
 * @returns one line per file that is out of date; empty when all match.
 */
export function commandListDrift(manifest: unknown, localizations: readonly { readonly languageTag: string; readonly file: string; readonly content: Readonly<Record<string, unknown>> }[]): string[] {
  const shape = manifest as ManifestShape;
  const fix = 'run `npm run app:commands` to generate them from the command registry';
  const problems: string[] = [];
  const defaultLanguage = catalogLanguage(shape.localizationInfo?.defaultLanguageTag ?? 'nb');
  if (JSON.stringify(shape.bots?.[0]?.commandLists) !== JSON.stringify(commandLists(defaultLanguage))) {
    problems.push(`manifest.json: bots[0].commandLists are not the commands the bot accepts in each scope; ${fix}`);
  }
  for (const { languageTag, file, content } of localizations) {
    const expected = commandListStrings(catalogLanguage(languageTag));
    const actual = Object.fromEntries(Object.entries(content).filter(([key]) => key.startsWith('bots[0].commandLists[')));
    if (JSON.stringify(actual) !== JSON.stringify(expected)) problems.push(`${file} (${languageTag}): the command lists are not the registry's; ${fix}`);
  }
  return problems;
}

/** The lists' JSON text as the manifest lays it out (one command a line), indented as part of the file at `indent` spaces. */
function listsJson(lists: readonly CommandList[], indent: number): string {
  const pad = (n: number): string => ' '.repeat(indent + n);
  const list = (item: CommandList): string =>
    [
      `${pad(2)}{`,
      `${pad(4)}"scopes": ${JSON.stringify(item.scopes).replace(/,/g, ', ')},`,
      `${pad(4)}"commands": [`,
      item.commands.map((command) => `${pad(6)}{ "title": ${JSON.stringify(command.title)}, "description": ${JSON.stringify(command.description)} }`).join(',\n'),
      `${pad(4)}]`,
      `${pad(2)}}`,
    ].join('\n');
  return `[\n${lists.map(list).join(',\n')}\n${pad(0)}]`;
}

/**
 * Writes the generated command lists into `appPackage/manifest.json` (the default language) and every localization
 * file, leaving the rest of each file as it is.
 * @returns the files it changed, relative to `root`.
 */
export async function writeCommandLists(root: string): Promise<string[]> {
  const changed: string[] = [];
  const manifestFile = join(root, MANIFEST_PATH);
  const text = await readFile(manifestFile, 'utf8');
  const manifest = JSON.parse(text) as ManifestShape;
  const start = text.indexOf('"commandLists": [');
  if (start < 0) throw new Error(`${MANIFEST_PATH}: no "commandLists" to replace`);
  const indent = start - text.lastIndexOf('\n', start) - 1;
  let depth = 0;
  let end = text.indexOf('[', start);
  for (; end < text.length; end += 1) {
    if (text[end] === '[') depth += 1;
    else if (text[end] === ']' && (depth -= 1) === 0) break;
  }
  const lists = commandLists(catalogLanguage(manifest.localizationInfo?.defaultLanguageTag ?? 'nb'));
  const next = `${text.slice(0, start)}"commandLists": ${listsJson(lists, indent)}${text.slice(end + 1)}`;
  JSON.parse(next);
  if (next !== text) {
    await writeFile(manifestFile, next);
    changed.push(MANIFEST_PATH);
  }
  for (const { languageTag, file } of manifest.localizationInfo?.additionalLanguages ?? []) {
    const path = join(root, APP_PACKAGE_DIR, file);
    const before = await readFile(path, 'utf8');
    const content = JSON.parse(before) as Record<string, unknown>;
    const kept = Object.entries(content).filter(([key]) => !key.startsWith('bots[0].commandLists['));
    // The command strings go where the first of them was (after the other bot and tab strings), or at the end.
    const at = Object.keys(content).findIndex((key) => key.startsWith('bots[0].commandLists['));
    const position = at < 0 ? kept.length : Object.keys(content).slice(0, at).filter((key) => !key.startsWith('bots[0].commandLists[')).length;
    const entries = [...kept.slice(0, position), ...Object.entries(commandListStrings(catalogLanguage(languageTag))), ...kept.slice(position)];
    const after = `${JSON.stringify(Object.fromEntries(entries), null, 2)}\n`;
    if (after !== before) {
      await writeFile(path, after);
      changed.push(join(APP_PACKAGE_DIR, file));
    }
  }
  return changed;
}
