import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { packageZipPath, repoRoot } from '../../scripts/app-package/app-files.js';
import { buildAppPackage, prepareAppPackage } from '../../scripts/app-package/build-app-package.js';
import { readEnvArgument, UsageError } from '../../scripts/app-package/cli-args.js';
import { EnvFileError } from '../../scripts/app-package/env-file.js';
import { MissingValueError } from '../../scripts/app-package/placeholders.js';
import { FIXTURE_ENV, makeTempRepo, writeEnvFile } from './temp-repo.js';
import type { TempRepo } from './temp-repo.js';

describe('package:app', () => {
  let repo: TempRepo;
  beforeEach(async () => {
    repo = await makeTempRepo();
  });
  afterEach(async () => {
    await repo.remove();
  });

  it('writes appPackage/build/appPackage.<env>.zip with the filled manifest, icons and localization files', async () => {
    const zipPath = await buildAppPackage(repo.root, 'test');
    assert.equal(zipPath, join(repo.root, 'appPackage', 'build', 'appPackage.test.zip'));
    const zip = await JSZip.loadAsync(await readFile(zipPath));
    assert.deepEqual(Object.keys(zip.files).sort(), ['color.png', 'en.json', 'manifest.json', 'nn-NO.json', 'outline.png']);
    const manifestText = (await zip.file('manifest.json')?.async('string')) ?? '';
    assert.doesNotMatch(manifestText, /\$\{\{/);
    const manifest = JSON.parse(manifestText) as { id: string; bots: { botId: string }[]; validDomains: string[] };
    assert.equal(manifest.id, FIXTURE_ENV['TEAMS_APP_ID']);
    assert.equal(manifest.bots[0]?.botId, FIXTURE_ENV['BOT_ID']);
    assert.deepEqual(manifest.validDomains, [FIXTURE_ENV['BOT_DOMAIN']]);
  });

  it('builds the same bytes from the same input', async () => {
    const first = await readFile(await buildAppPackage(repo.root, 'test'));
    const second = await readFile(await buildAppPackage(repo.root, 'test'));
    assert.ok(first.equals(second));
  });

  it('refuses, naming the variable, when a placeholder has no value, and writes no zip', async () => {
    const { BOT_ID: _dropped, ...withoutBotId } = FIXTURE_ENV;
    await writeEnvFile(repo.root, 'test', { ...withoutBotId, AAD_APP_CLIENT_ID: '' });
    await assert.rejects(buildAppPackage(repo.root, 'test'), (error: unknown) => {
      assert.ok(error instanceof MissingValueError);
      assert.deepEqual(error.variables, ['BOT_ID', 'AAD_APP_CLIENT_ID']);
      assert.match(error.message, /env\/\.env\.test has no value for BOT_ID, AAD_APP_CLIENT_ID/);
      return true;
    });
    await assert.rejects(stat(packageZipPath(repo.root, 'test')), { code: 'ENOENT' });
  });

  it('takes values from env/.env.<name>.user over env/.env.<name>', async () => {
    await writeEnvFile(repo.root, 'test', { PUBLISHER_NAME: 'Fra brukerfila' }, true);
    const prepared = await prepareAppPackage(repo.root, 'test');
    assert.equal((prepared.manifest['developer'] as { name: string }).name, 'Fra brukerfila');
  });

  it('refuses an environment that has no env file, and a name that is not one', async () => {
    await assert.rejects(prepareAppPackage(repo.root, 'prod'), (error: unknown) => error instanceof EnvFileError && /env\/\.env\.prod does not exist/.test(error.message));
    await assert.rejects(prepareAppPackage(repo.root, '../secrets'), EnvFileError);
  });

  it('reads --env <name> and --env=<name>, and asks for it when missing', () => {
    assert.equal(readEnvArgument(['--env', 'prod'], 'usage'), 'prod');
    assert.equal(readEnvArgument(['--env=dev'], 'usage'), 'dev');
    assert.throws(() => readEnvArgument([], 'npm run package:app -- --env <name>'), UsageError);
  });

  it('exits 1 from the command line with the reason', async () => {
    const run = promisify(execFile);
    await assert.rejects(run('npx', ['tsx', 'scripts/package-app.ts', '--env', 'no-such-env'], { cwd: repoRoot() }), (error: unknown) => {
      const failure = error as { code: number; stderr: string };
      assert.equal(failure.code, 1);
      assert.match(failure.stderr, /env\/\.env\.no-such-env does not exist/);
      return true;
    });
  });
});
