import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MANIFEST_PATH, repoRoot } from '../../scripts/app-package/app-files.js';
import { prepareAppPackage } from '../../scripts/app-package/build-app-package.js';
import { newestBundledManifestVersion, teamsSchemaUrl } from '../../scripts/app-package/bundled-schemas.js';
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
    assert.deepEqual(titles('personal'), ['hjelp', 'start', 'neste', 'framdrift', 'språk']);
    assert.deepEqual(titles('groupChat'), ['hjelp', 'start', 'neste', 'framdrift', 'språk']);
    assert.deepEqual(titles('team'), ['hjelp', 'start', 'neste', 'framdrift', 'språk', 'oppsett', 'planlegg', 'neste steg', 'mine data', 'slett mine data']);
  });

  it('has the configurable tab for teams and group chats and the static personal tab', () => {
    const domain = FIXTURE_ENV['BOT_DOMAIN'];
    assert.deepEqual(manifest.configurableTabs, [
      { configurationUrl: `https://${domain}/tab/index.html#/config`, canUpdateConfiguration: true, scopes: ['team', 'groupChat'], context: ['channelTab', 'privateChatTab'] },
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

  it('asks for the resource-specific permission TeamMember.Read.Group', () => {
    assert.deepEqual(manifest.authorization.permissions.resourceSpecific, [{ name: 'TeamMember.Read.Group', type: 'Application' }]);
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
