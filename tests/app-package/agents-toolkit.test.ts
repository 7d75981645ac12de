import assert from 'node:assert/strict';
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseEnv } from 'dotenv';
import { parse as parseYaml } from 'yaml';
import { repoRoot } from '../../scripts/app-package/app-files.js';
import { listPlaceholders } from '../../scripts/app-package/placeholders.js';
import { readBicepOutputs } from '../../scripts/infra/bicep-scan.js';

type Action = { uses: string; with?: Record<string, unknown>; writeToEnvironmentFile?: Record<string, string> };
type Project = { version: string; environmentFolderPath: string; provision: Action[]; deploy: Action[]; publish?: Action[] };

const root = repoRoot();
const read = (path: string) => readFile(join(root, path), 'utf8');

async function project(file: string): Promise<Project> {
  return parseYaml(await read(file)) as Project;
}

/** Files an action reads whose placeholders the Toolkit fills. */
function filesOf(action: Action): string[] {
  const w = action.with ?? {};
  const files: string[] = [];
  if (typeof w['manifestPath'] === 'string') files.push(w['manifestPath']);
  if (w['manifestPath'] === './appPackage/manifest.json') files.push('./appPackage/nn-NO.json', './appPackage/en.json');
  for (const template of (w['templates'] as { parameters?: string }[] | undefined) ?? []) if (template.parameters) files.push(template.parameters);
  return files;
}

/** Variables an action writes to the environment file. */
async function writesOf(action: Action): Promise<string[]> {
  const written = Object.values(action.writeToEnvironmentFile ?? {});
  if (action.uses === 'arm/deploy') {
    for (const template of (action.with?.['templates'] as { path: string }[]) ?? []) written.push(...readBicepOutputs(await read(template.path)));
  }
  if (action.uses === 'aadApp/update') written.push('AAD_APP_ACCESS_AS_USER_PERMISSION_ID');
  return written;
}

/**
 * Walks the actions in order: every placeholder an action (or a file it reads) uses must be set by hand in the
 * env file, be a secret from the .user file, or have been written by an earlier action.
 */
async function unavailablePlaceholders(file: string, envFile: string): Promise<string[]> {
  const { provision, deploy } = await project(file);
  const actions = [...provision, ...deploy];
  const env = parseEnv(await read(envFile));
  const writtenByAny = new Set((await Promise.all(actions.map(writesOf))).flat());
  const available = new Set(Object.keys(env).filter((key) => !writtenByAny.has(key)));
  const problems: string[] = [];
  for (const action of actions) {
    // aadApp/update generates the scope id itself when it is empty.
    if (action.uses === 'aadApp/update') available.add('AAD_APP_ACCESS_AS_USER_PERMISSION_ID');
    const texts = [JSON.stringify(action.with ?? {}), ...(await Promise.all(filesOf(action).map(read)))];
    for (const name of texts.flatMap(listPlaceholders)) {
      if (!available.has(name) && !name.startsWith('SECRET_')) problems.push(`${action.uses} uses ${name} before anything sets it`);
    }
    for (const name of await writesOf(action)) available.add(name);
  }
  return [...new Set(problems)];
}

describe('m365agents.yml and m365agents.local.yml', () => {
  it('follow the Agents Toolkit project format', async () => {
    for (const file of ['m365agents.yml', 'm365agents.local.yml']) {
      const { version, environmentFolderPath, provision, deploy } = await project(file);
      assert.equal(version, 'v1.11', file);
      assert.equal(environmentFolderPath, './env', file);
      assert.ok(provision.length > 0 && deploy.length > 0, file);
    }
  });

  it('provision in order: Teams app, SSO app, Bicep, SSO app update, validate, zip, validate package, update', async () => {
    const { provision } = await project('m365agents.yml');
    assert.deepEqual(
      provision.map((action) => action.uses),
      ['teamsApp/create', 'aadApp/create', 'arm/deploy', 'aadApp/update', 'teamsApp/validateManifest', 'teamsApp/zipAppPackage', 'teamsApp/validateAppPackage', 'teamsApp/update'],
    );
  });

  it('deploy builds the deploy package, then zip-deploys it to the App Service that the Bicep outputs', async () => {
    const { deploy } = await project('m365agents.yml');
    assert.deepEqual(deploy.map((action) => action.uses), ['cli/runNpmCommand', 'cli/runNpmCommand', 'azureAppService/zipDeploy']);
    assert.equal(deploy[1]?.with?.['args'], 'run package:deploy');
    assert.equal(deploy[2]?.with?.['artifactFolder'], './build/app-service');
    assert.equal(deploy[2]?.with?.['resourceId'], '${{BOT_AZURE_APP_SERVICE_RESOURCE_ID}}');
    assert.ok(readBicepOutputs(await read('infra/azure.bicep')).includes('BOT_AZURE_APP_SERVICE_RESOURCE_ID'));
  });

  it('reference files that exist', async () => {
    for (const file of ['m365agents.yml', 'm365agents.local.yml']) {
      const { provision, deploy, publish = [] } = await project(file);
      for (const action of [...provision, ...deploy, ...publish]) {
        const w = action.with ?? {};
        const paths = [w['manifestPath'], w['ignoreFile'], ...((w['templates'] as { path: string; parameters: string }[] | undefined) ?? []).flatMap((t) => [t.path, t.parameters])];
        for (const path of paths.filter((p): p is string => typeof p === 'string')) await access(join(root, path));
      }
    }
  });

  it('use every variable only after it is set (dev: by hand, by an earlier action, or a .user secret)', async () => {
    assert.deepEqual(await unavailablePlaceholders('m365agents.yml', 'env/.env.dev'), []);
  });

  it('use every variable only after it is set (local)', async () => {
    assert.deepEqual(await unavailablePlaceholders('m365agents.local.yml', 'env/.env.local'), []);
  });

  it('list in env/.env.dev every variable provisioning writes there', async () => {
    const { provision } = await project('m365agents.yml');
    const env = parseEnv(await read('env/.env.dev'));
    for (const action of provision) for (const name of await writesOf(action)) assert.ok(name.startsWith('SECRET_') || name in env, `${name} (${action.uses})`);
  });
});
