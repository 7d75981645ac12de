import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Folder of the app package sources, relative to the repository root. */
export const APP_PACKAGE_DIR = 'appPackage';

/** The manifest template, relative to the repository root. */
export const MANIFEST_PATH = join(APP_PACKAGE_DIR, 'manifest.json');

/** Folder the built packages go to (git-ignored), relative to the repository root. */
export const BUILD_DIR = join(APP_PACKAGE_DIR, 'build');

/** Folder of the environment files, relative to the repository root. */
export const ENV_DIR = 'env';

/** The repository root: two folders above this file. */
export function repoRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
}

/** Where `npm run package:app -- --env <name>` writes the zip. */
export function packageZipPath(root: string, envName: string): string {
  return join(root, BUILD_DIR, `appPackage.${envName}.zip`);
}

/** Where the filled manifest is written next to the zip, for inspection. */
export function filledManifestPath(root: string, envName: string): string {
  return join(root, BUILD_DIR, `manifest.${envName}.json`);
}
