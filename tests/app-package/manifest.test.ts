import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MANIFEST_PATH, repoRoot } from '../../scripts/app-package/app-files.js';
import { prepareAppPackage } from '../../scripts/app-package/build-app-package.js';
import { newestBundledManifestVersion, teamsSchemaUrl } from '../../scripts/app-package/bundled-schemas.js';
import { catalogLanguage, COMMAND_SCOPES, commandListLimitProblems, commandLists, commandListStrings } from '../../scripts/app-package/command-lists.js';
import { commandWord } from '../../bot/i18n/translator.js';
import { commands, matchCommand, worksIn } from '../../bot/teams/commands/index.js';
import { listPlaceholders } from '../../scripts/app-package/placeholders.js';
import { validateManifestSchema } from '../../scripts/app-package/schema-validation.js';
import { checkValidDomains } from '../../scripts/app-package/valid-domains.js';
import { FIXTURE_ENV, makeTempRepo } from './temp-repo.js';

type Command = { readonly title: string };
type Manifest = {
  readonly $schema: string;
  readonly manifestVersion: string;
  readonly localizationInfo: { defaultLanguageTag: string; additionalLanguages: { languageTag: string; file: string }[] };
  readonly bots: { scopes: string[]; commandLists: { scopes: string[]; commands: Command[] }[] }[];
  readonly configurableTabs: { configurationUrl: string; scopes: string[] }[];
  readonly staticTabs: { entityId: string; name?: string; contentUrl?: string; scopes: string[] }[];
  readonly webApplicationInfo: { id: string; resource: string };
  readonly authorization: { permissions: { resourceSpecific: { name: string; type: string }[] } };
  readonly validDomains: string[];
};

async function filledManifest(): Promise<Manifest & Record<string, unknown>> {
  const repo = await makeTempRepo();
  try {
    return (await prepareAppPackage(repo.root, 'test')).manifest as Manifest & Record<string, unknown>;
  } finally {
    await repo.remove();
  }
}

describe('appPackage/manifest.json', () => {
  let manifest: Manifest & Record<string, unknown>;
  before(async () => {
    manifest = await filledManifest();
  });

  it('is at the newest manifest version that @microsoft/app-manifest bundles', () => {
    const newest = newestBundledManifestVersion();
    assert.equal(manifest.manifestVersion, newest);
    assert.equal(manifest.$schema, teamsSchemaUrl(newest, 'manifest'));
  });

  it('uses only ${{UPPER_SNAKE}} placeholders in every package file', async () => {
    const dir = join(repoRoot(), 'appPackage');
    for (const name of (await readdir(dir)).filter((file) => file.endsWith('.json'))) {
      const text = await readFile(join(dir, name), 'utf8');
      for (const placeholder of listPlaceholders(text)) assert.match(placeholder, /^[A-Z][A-Z0-9_]*$/, `${name}: \${{${placeholder}}}`);
      assert.doesNotMatch(text.replace(/\$\{\{[A-Z0-9_]+\}\}/g, ''), /\{\{|\$\{/, `${name} has another kind of template`);
    }
  });

  it('passes the official schema once filled', async () => {
    assert.deepEqual(await validateManifestSchema(manifest, 'manifest.json'), []);
  });

  it('fails the official schema when a required part is missing', async () => {
    const { icons: _icons, ...withoutIcons } = manifest;
    const problems = await validateManifestSchema(withoutIcons, 'manifest.json');
    assert.ok(problems.some((problem) => problem.includes("must have required property 'icons'")), problems.join('\n'));
  });

  it('declares the bot in personal, team and group chat scopes with a command list for each', () => {
    const bot = manifest.bots[0];
    assert.ok(bot);
    assert.deepEqual(bot.scopes, ['personal', 'team', 'groupChat']);
    const titles = (scope: string) => bot.commandLists.find((list) => list.scopes.includes(scope))?.commands.map((command) => command.title);
    assert.deepEqual(titles('personal'), ['hjelp', 'start', 'neste', 'framdrift', 'kurs', 'språk', 'mine data', 'slett mine data']);
    assert.deepEqual(titles('team'), ['hjelp', 'oppsett', 'send leksjon', 'start refleksjon', 'kursansvarlig legg til', 'kursansvarlig fjern', 'planlegg', 'neste steg', 'dilemma']);
    // A group chat is not a team: only what works everywhere (the course commands need a team, the rest personal chat).
    assert.deepEqual(titles('groupChat'), ['hjelp']);
  });

  it('lists in each scope exactly the commands the bot accepts there, generated from its command registry, in every language', async () => {
    const repo = await makeTempRepo();
    try {
      const template = JSON.parse(await readFile(join(repo.root, MANIFEST_PATH), 'utf8')) as Manifest;
      assert.deepEqual(template.bots[0]!.commandLists, commandLists('nb'), 'appPackage/manifest.json: run npm run app:commands');
      for (const { languageTag, file } of template.localizationInfo.additionalLanguages) {
        const content = JSON.parse(await readFile(join(repo.root, 'appPackage', file), 'utf8')) as Record<string, string>;
        const listed = Object.fromEntries(Object.entries(content).filter(([key]) => key.startsWith('bots[0].commandLists[')));
        assert.deepEqual(listed, commandListStrings(catalogLanguage(languageTag)), `${file}: run npm run app:commands`);
      }
      for (const language of ['nb', 'nn', 'en']) {
        const lists = commandLists(language);
        for (const [index, scope] of COMMAND_SCOPES.entries()) {
          const expected = commands.filter((command) => worksIn(command, scope)).map((command) => commandWord(language, command.aliasKey));
          assert.deepEqual(lists[index]!.scopes, [scope]);
          assert.deepEqual(lists[index]!.commands.map((command) => command.title), expected, `${language} ${scope}: every command that works there, and only those`);
          for (const command of lists[index]!.commands) assert.equal(matchCommand(command.title)?.command.aliasKey !== undefined, true, command.title);
        }
        assert.deepEqual(commandListLimitProblems(lists, language), [], 'Teams allows 10 commands a list, titles of 32 and descriptions of 128 characters');
      }
      // The package is refused when the lists drift from the registry.
      template.bots[0]!.commandLists[1]!.commands.push({ title: 'mine data' });
      await writeFile(join(repo.root, MANIFEST_PATH), JSON.stringify(template));
      await assert.rejects(prepareAppPackage(repo.root, 'test'), /bots\[0\]\.commandLists are not the commands the bot accepts in each scope/);
    } finally {
      await repo.remove();
    }
  });

  it('checks Teams’ limits on command lists', () => {
    const long = { scopes: ['team' as const], commands: Array.from({ length: 11 }, (_, i) => ({ title: `${'x'.repeat(33)}${i}`, description: 'y'.repeat(129) })) };
    const problems = commandListLimitProblems([long], 'test');
    assert.ok(problems.some((problem) => problem.includes('lists 11 commands (at most 10)')), problems.join('\n'));
    assert.ok(problems.some((problem) => problem.includes('is over 32 characters')), problems.join('\n'));
    assert.ok(problems.some((problem) => problem.includes('is over 128 characters')), problems.join('\n'));
  });

  it('has the configurable tab for teams, group chats and meetings (side panel and stage) and the static personal tab', () => {
    const domain = FIXTURE_ENV['BOT_DOMAIN'];
    assert.deepEqual(manifest.configurableTabs, [
      {
        configurationUrl: `https://${domain}/tab/index.html#/config`,
        canUpdateConfiguration: true,
        scopes: ['team', 'groupChat'],
        context: ['channelTab', 'privateChatTab', 'meetingChatTab', 'meetingDetailsTab', 'meetingSidePanel', 'meetingStage'],
        meetingSurfaces: ['sidePanel', 'stage'],
      },
    ]);
    const personal = manifest.staticTabs.find((tab) => tab.entityId === 'mitt-kurs');
    assert.equal(personal?.name, 'Mitt kurs');
    assert.equal(personal?.contentUrl, `https://${domain}/tab/index.html#/personal`);
    assert.deepEqual(personal?.scopes, ['personal']);
  });

  it('names the single sign-on app and its App ID URI on the bot domain', () => {
    assert.deepEqual(manifest.webApplicationInfo, {
      id: FIXTURE_ENV['AAD_APP_CLIENT_ID'],
      resource: `api://${FIXTURE_ENV['BOT_DOMAIN']}/${FIXTURE_ENV['AAD_APP_CLIENT_ID']}`,
    });
  });

  it('asks for the resource-specific permissions TeamMember.Read.Group and (to share to the meeting stage) MeetingStage.Write.Chat', () => {
    assert.deepEqual(manifest.authorization.permissions.resourceSpecific, [
      { name: 'TeamMember.Read.Group', type: 'Application' },
      { name: 'MeetingStage.Write.Chat', type: 'Delegated' },
    ]);
  });

  it('is in Bokmål with Nynorsk and English files', () => {
    assert.equal(manifest.localizationInfo.defaultLanguageTag, 'nb-NO');
    assert.deepEqual(manifest.localizationInfo.additionalLanguages, [
      { languageTag: 'nn-NO', file: 'nn-NO.json' },
      { languageTag: 'en', file: 'en.json' },
    ]);
  });

  it('derives every URL from BOT_DOMAIN, the only valid domain', async () => {
    const template = await readFile(join(repoRoot(), MANIFEST_PATH), 'utf8');
    const urls = [...template.matchAll(/"((?:https?|api):\/\/[^"]*)"/g)].map((match) => match[1] ?? '').filter((url) => !url.startsWith('https://developer.microsoft.com/'));
    assert.ok(urls.length >= 5);
    for (const url of urls) assert.match(url, /^(https|api):\/\/\$\{\{BOT_DOMAIN\}\}\//, url);
    assert.deepEqual(manifest.validDomains, [FIXTURE_ENV['BOT_DOMAIN']]);
    assert.deepEqual(checkValidDomains(manifest, 'manifest.json'), []);
  });

  it('reports a URL whose host validDomains does not list, and a validDomains entry with a scheme', () => {
    const problems = checkValidDomains({ ...manifest, developer: { websiteUrl: 'https://example.org/' }, validDomains: ['https://app.example'] }, 'manifest.json');
    assert.ok(problems.some((problem) => problem.includes('developer.websiteUrl points to example.org')), problems.join('\n'));
    assert.ok(problems.some((problem) => problem.includes('must be a host name without scheme')), problems.join('\n'));
    assert.deepEqual(checkValidDomains({ validDomains: ['*.example.org'], a: 'https://x.example.org/p' }, 'm'), []);
  });
});
