import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'dotenv';
import { ENV_DIR } from './app-files.js';

/** Variable values read from one environment's files. */
export type EnvValues = Readonly<Record<string, string>>;

/** An environment name or file that cannot be used; the message says which and why. */
export class EnvFileError extends Error {
  override readonly name = 'EnvFileError';
}

const ENV_NAME = /^[a-z0-9][a-z0-9_-]{0,31}$/i;

/** The committed file of an environment, relative to the repository root: `env/.env.<name>`. */
export function envFileName(envName: string): string {
  return join(ENV_DIR, `.env.${envName}`);
}

/** The two files of one environment, parsed separately. */
export type EnvFilePair = {
  /** `env/.env.<name>`: committed, no secrets. */
  readonly committed: EnvValues;
  /** `env/.env.<name>.user`: secrets, git-ignored; empty when the file does not exist. */
  readonly user: EnvValues;
};

/**
 * Reads `env/.env.<name>` and, when it exists, `env/.env.<name>.user`.
 * @remarks Throws {@link EnvFileError} for a bad name or a missing `env/.env.<name>`.
 */
export async function readEnvFilePair(root: string, envName: string): Promise<EnvFilePair> {
  if (!ENV_NAME.test(envName)) {
    throw new EnvFileError(`"${envName}" is not an environment name: use letters, digits, - or _ (for example dev or prod).`);
  }
  const committed = await readOptional(join(root, envFileName(envName)));
  if (committed === undefined) {
    throw new EnvFileError(`${envFileName(envName)} does not exist. Create it (copy env/.env.dev) and fill in its values.`);
  }
  const user = (await readOptional(join(root, `${envFileName(envName)}.user`))) ?? '';
  return { committed: Object.freeze(parse(committed)), user: Object.freeze(parse(user)) };
}

/** Reads `env/.env.<name>`, then `env/.env.<name>.user` (secrets, git-ignored) over it, as the Agents Toolkit does. */
export async function readEnvFiles(root: string, envName: string): Promise<EnvValues> {
  const { committed, user } = await readEnvFilePair(root, envName);
  return Object.freeze({ ...committed, ...user });
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
