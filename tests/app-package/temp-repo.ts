import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../scripts/app-package/app-files.js';

/** Values a provisioned environment would have; none of them real. */
export const FIXTURE_ENV: Readonly<Record<string, string>> = {
  TEAMSFX_ENV: 'test',
  TEAMS_APP_ID: '0b5e3c3e-8a3c-4b56-9a0e-3f2b2b0c9d11',
  PUBLISHER_NAME: 'Testkommune',
  BOT_DOMAIN: 'app-lk-test.azurewebsites.net',
  BOT_ID: '5f0d3b2a-1c4e-4f7a-9b8c-2d3e4f5a6b7c',
  AAD_APP_CLIENT_ID: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
};

/** A throw-away copy of the repository's appPackage/ with an env/.env.test written from `env`. */
export type TempRepo = {
  readonly root: string;
  /** Removes the copy. */
  remove(): Promise<void>;
};

/** Copies appPackage/ (without build/) into a temp folder and writes env/.env.<envName>. */
export async function makeTempRepo(env: Readonly<Record<string, string>> = FIXTURE_ENV, envName = 'test'): Promise<TempRepo> {
  const root = await mkdtemp(join(tmpdir(), 'laerekraft-app-package-'));
  await cp(join(repoRoot(), 'appPackage'), join(root, 'appPackage'), {
    recursive: true,
    filter: (source) => !source.includes(`${join('appPackage', 'build')}`),
  });
  await mkdir(join(root, 'env'));
  await writeEnvFile(root, envName, env);
  return { root, remove: () => rm(root, { recursive: true, force: true }) };
}

/** Writes `env/.env.<envName>` (or `.user` when `user` is true) from key/value pairs. */
export async function writeEnvFile(root: string, envName: string, env: Readonly<Record<string, string>>, user = false): Promise<void> {
  const text = Object.entries(env).map(([key, value]) => `${key}=${value}`).join('\n');
  await writeFile(join(root, 'env', `.env.${envName}${user ? '.user' : ''}`), `${text}\n`);
}
