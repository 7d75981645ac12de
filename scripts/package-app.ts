import { relative } from 'node:path';
import { repoRoot } from './app-package/app-files.js';
import { buildAppPackage } from './app-package/build-app-package.js';
import { readEnvArgument } from './app-package/cli-args.js';

/* npm run package:app -- --env <name>: fills appPackage/ from env/.env.<name>, checks it offline, writes the zip. */
const root = repoRoot();
try {
  const envName = readEnvArgument(process.argv.slice(2), 'npm run package:app -- --env <name>');
  const zipPath = await buildAppPackage(root, envName);
  console.log(`App package for "${envName}" is valid: ${relative(root, zipPath)}`);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
