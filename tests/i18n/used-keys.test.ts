import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { deliveryStatuses } from '../../bot/core/delivery.js';
import { orgRoles } from '../../bot/core/org-role.js';
import { settingNames } from '../../bot/core/tenant-settings.js';
import { invalidFields } from '../../bot/http/api/org-settings-routes.js';
import { packCheckCodes } from '../../bot/course/pack-problem.js';
import { imageRefusals, uploadProblemCodes } from '../../bot/http/api/pack-routes.js';
import { scheduleKinds } from '../../bot/core/schedule-rules.js';
import { catalogs } from '../../bot/i18n/catalogs/index.js';
import { projectPath } from '../../bot/paths.js';
import { visibilities } from '../../cards/views/reflection-card.js';

const languages = ['nb', 'nn', 'en'] as const;
const planStatuses = ['planned', 'inProgress', 'done'];
const sharedVisibilities = visibilities.filter((visibility) => visibility !== 'private');
const pausable = ['lesson', 'reflection'];

/**
 * The values each dynamic key (a template literal, `${…}` written as `*`) can take, as the code passes them.
 * @remarks A dynamic key the source uses that is not listed here fails the test: say what it expands to.
 */
const dynamicKeys: Readonly<Record<string, readonly string[]>> = {
  'tab.deliveries.kind.*': [...scheduleKinds, 'dilemma'],
  'tab.deliveries.status.*': deliveryStatuses,
  'tab.schedules.kind.*': ['lesson', 'reflection', 'reminder'],
  'tab.schedules.pause.*': pausable,
  'tab.schedules.resume.*': pausable,
  'tab.schedules.sendNow.*': pausable,
  'tab.theme.*': ['default', 'dark', 'contrast'],
  'tab.language.*': languages,
  'tab.personal.visibility.*': visibilities,
  'tab.plan.status.*': planStatuses,
  'tab.plan.export.*': ['md', 'csv'],
  'tab.plan.exportFileName.*': ['md', 'csv'],
  'delivery.kind.*': [...scheduleKinds, 'dilemma'],
  'delivery.status.*': deliveryStatuses,
  'plan.status.*': planStatuses,
  'setup.problem.*': ['missing', 'invalid', 'unknownChannel', 'inPast', 'beforeStart', 'requiredWhenMandatory', 'reflectionBeforeLesson'],
  'nextSteps.saved.*': sharedVisibilities,
  'nextSteps.visibility.*': sharedVisibilities,
  'round.visibility.*': visibilities,
  'dilemma.mine.*': visibilities,
  'dilemma.visibility.*': visibilities,
  'round.saved.*': visibilities,
  'action.pause.*': pausable,
  'action.resume.*': pausable,
  'language.aliases.*': Object.keys(catalogs),
  'orgRole.*': orgRoles,
  'settings.problem.required.*': ['decisionReference', 'discussedOn'],
  'settings.problem.invalid.*': invalidFields,
  'tab.orgRole.*': orgRoles,
  'tab.org.setting.*': settingNames,
  'tab.org.weekday.*': ['1', '2', '3', '4', '5', '6', '7'],
  'packs.problem.*': uploadProblemCodes,
  'packs.check.*': packCheckCodes,
  'packs.image.*': imageRefusals,
  'tab.meeting.kind.*': ['reflection', 'dilemma'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

type UsedKey = { readonly key: string; readonly file: string };

/** The message keys a source text names: t('…') and t(`…${…}…`) calls, catalog[`…`] lookups, command words, and any 'tab.…' literal in the tab. */
function keysIn(source: string, tab: boolean): string[] {
  const keyShape = /^(?:[a-z][A-Za-z0-9]*)(?:\.(?:[A-Za-z0-9]+|\*))+$/;
  const found: string[] = [];
  const calls = /(?:\bt|\.t|\))\(\s*(['"`])((?:(?!\1)[^\n])*)\1/g;
  const tabLiterals = /(['"`])(tab\.(?:(?!\1)[^\n\s])*)\1/g;
  const commands = /(['"])(command\.[A-Za-z]+)\1/g;
  const lookups = /\w*[cC]atalog\w*(?:\.\w+|!|\(\w*\))*\[\s*(['"`])((?:(?!\1)[^\n\]])*)\1/g;
  for (const regex of tab ? [calls, tabLiterals] : [calls, commands, lookups]) {
    for (const match of source.matchAll(regex)) {
      const key = match[2]!.replace(/\$\{[^}]*\}/g, '*');
      if (keyShape.test(key) && (!tab || key.startsWith('tab.'))) found.push(key);
    }
  }
  return found;
}

/** Every key the bot (bot/, cards/) or the tab (tab/src) uses, with where. */
function usedKeys(part: 'bot' | 'tab'): UsedKey[] {
  const dirs = part === 'bot' ? [projectPath('bot'), projectPath('cards')] : [projectPath('tab', 'src')];
  return dirs
    .flatMap(sourceFiles)
    .filter((file) => !file.includes(join('i18n', 'catalogs')))
    .flatMap((file) => keysIn(readFileSync(file, 'utf8'), part === 'tab').map((key) => ({ key, file: relative(projectPath(), file) })));
}

function expand(used: readonly UsedKey[]): { readonly keys: ReadonlySet<string>; readonly undeclared: readonly string[] } {
  const keys = new Set<string>();
  const undeclared: string[] = [];
  for (const { key, file } of used) {
    if (!key.includes('*')) keys.add(key);
    else if (dynamicKeys[key]) for (const value of dynamicKeys[key]) keys.add(key.replace('*', value));
    else undeclared.push(`${key} (${file})`);
  }
  return { keys, undeclared };
}

const tabCatalog = (language: string): Record<string, string> => JSON.parse(readFileSync(projectPath('bot', 'i18n', 'tab', `${language}.json`), 'utf8')) as Record<string, string>;

describe('catalog completeness', function () {
  for (const part of ['bot', 'tab'] as const) {
    it(`finds every key the ${part} uses in nb, nn and en, dynamic keys expanded to every value`, function () {
      const used = usedKeys(part);
      assert.ok(used.length > (part === 'bot' ? 150 : 100), `only ${used.length} keys found: is the scan still right?`);
      const { keys, undeclared } = expand(used);
      assert.deepEqual(undeclared, [], 'dynamic keys whose values are not declared in dynamicKeys');
      for (const language of languages) {
        const catalog: Readonly<Record<string, string>> = part === 'bot' ? catalogs[language]! : tabCatalog(language);
        assert.deepEqual([...keys].filter((key) => !Object.hasOwn(catalog, key)).sort(), [], `missing in ${language}`);
      }
    });
  }

  it('declares no dynamic key that the source no longer uses', function () {
    const used = new Set([...usedKeys('bot'), ...usedKeys('tab')].map((used) => used.key));
    assert.deepEqual(Object.keys(dynamicKeys).filter((key) => !used.has(key)), []);
  });
});
