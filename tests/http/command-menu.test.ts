/**
 * The app manifest's command menu, tried the way people use it: every command listed for a scope, in every language
 * of the package, sent over /api/messages as a message in that scope, is taken by the bot there — never "we do this
 * in personal chat" / "in a team channel", never "I did not understand".
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { translator } from '../../bot/i18n/translator.js';
import { repoRoot } from '../../scripts/app-package/app-files.js';
import { channelMessage, groupChatMessage, ids, personalMessage, team, teamInstall, teamPeople } from '../helpers/activities.js';
import { startApp, type RunningApp } from '../helpers/app-harness.js';
import { cardText, FakeConnector } from '../helpers/fake-connector.js';

type Scope = 'personal' | 'team' | 'groupChat';
type Manifest = {
  readonly localizationInfo: { readonly defaultLanguageTag: string; readonly additionalLanguages: readonly { readonly languageTag: string; readonly file: string }[] };
  readonly bots: readonly { readonly commandLists: readonly { readonly scopes: readonly Scope[]; readonly commands: readonly { readonly title: string }[] }[] }[];
};

const appPackage = join(repoRoot(), 'appPackage');
const manifest = JSON.parse(readFileSync(join(appPackage, 'manifest.json'), 'utf8')) as Manifest;

/** The titles each scope lists, per language tag, as the package ships them (manifest.json and its localization files). */
function menus(): { readonly languageTag: string; readonly lists: readonly { readonly scope: Scope; readonly titles: readonly string[] }[] }[] {
  const lists = manifest.bots[0]!.commandLists;
  const inDefault = { languageTag: manifest.localizationInfo.defaultLanguageTag, lists: lists.map((list) => ({ scope: list.scopes[0]!, titles: list.commands.map((command) => command.title) })) };
  const localized = manifest.localizationInfo.additionalLanguages.map(({ languageTag, file }) => {
    const content = JSON.parse(readFileSync(join(appPackage, file), 'utf8')) as Record<string, string>;
    return {
      languageTag,
      lists: lists.map((list, i) => ({ scope: list.scopes[0]!, titles: list.commands.map((_, j) => content[`bots[0].commandLists[${i}].commands[${j}].title`]!) })),
    };
  });
  return [inDefault, ...localized];
}

describe('the manifest’s command menu over /api/messages', function () {
  let connector: FakeConnector;
  let running: RunningApp;

  before(async function () {
    connector = await new FakeConnector().start();
    connector.teams.set(team.id, { id: team.id, name: team.name, aadGroupId: team.aadGroupId, channels: [{ id: team.id }], members: teamPeople.map((person) => ({ ...person })) });
    running = await startApp({ clock: { now: () => new Date('2026-03-02T08:00:00.000Z') } });
    assert.equal((await running.post(teamInstall({ serviceUrl: connector.url }))).status, 200);
  });

  after(async function () {
    await running?.close();
    await connector?.stop();
  });

  /** What the bot answers when it refuses a command where it was sent, or does not know it, in any language. */
  const refusals = (title: string): string[] =>
    ['nb', 'nn', 'en'].flatMap((language) => {
      const t = translator(language);
      return [t('error.personalOnly'), t('error.teamOnly'), t('help.unknown', { text: title })];
    });

  it('lists personal, team and group chat, in Bokmål, Nynorsk and English', function () {
    const all = menus();
    assert.deepEqual(all.map((menu) => menu.languageTag), ['nb-NO', 'nn-NO', 'en']);
    for (const menu of all) assert.deepEqual(menu.lists.map((list) => list.scope), ['personal', 'team', 'groupChat']);
  });

  for (const { languageTag, lists } of menus()) {
    for (const { scope, titles } of lists) {
      it(`takes every ${scope} command of the ${languageTag} menu in ${scope === 'team' ? 'a team channel' : scope === 'groupChat' ? 'a group chat' : 'personal chat'}: ${titles.join(', ')}`, async function () {
        const locale = languageTag === 'en' ? 'en-GB' : languageTag;
        for (const title of titles) {
          const options = { serviceUrl: connector.url, user: ids.ingrid, locale };
          const activity = scope === 'personal' ? personalMessage(title, options) : scope === 'team' ? channelMessage(title, options) : groupChatMessage(title, options);
          const before = connector.sent.length;
          const response = await running.post(activity);
          assert.ok(response.status < 300, `${title}: HTTP ${response.status}`);
          await connector.waitForSent(before + 1);
          const answer = connector.sent.slice(before).map((activity) => `${String(activity.text ?? '')}\n${cardText(activity)}`).join('\n');
          for (const refusal of refusals(title)) assert.ok(!answer.includes(refusal), `«${title}» in ${scope} (${languageTag}) was refused: ${answer}`);
        }
      });
    }
  }
});
