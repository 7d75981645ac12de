import { repoRoot } from './app-package/app-files.js';
import { prepareAppPackage } from './app-package/build-app-package.js';
import { readEnvArgument } from './app-package/cli-args.js';

/* npm run validate:manifest -- --env <name>: the checks of package:app, without writing the zip. */
try {
  const envName = readEnvArgument(process.argv.slice(2), 'npm run validate:manifest -- --env <name>');
  const prepared = await prepareAppPackage(repoRoot(), envName);
  console.log(`Manifest for "${envName}" is valid (${[...prepared.files.keys()].join(', ')}).`);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
