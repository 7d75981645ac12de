import { relative } from 'node:path';
import { repoRoot } from './app-package/app-files.js';
import { assembleDeployPackage, checkDeployPackage, readServerSources, runtimeImportProblems } from './infra/deploy-package.js';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/*
 * npm run package:deploy: after `npm run build`, writes build/app-service/, the folder `atk deploy` uploads to
 * App Service (package.json with a start script only, package-lock.json, .npmrc omit=dev, dist/, runtime files),
 * and checks it. App Service installs the production dependencies on Linux and starts node dist/bot/index.js.
 */
try {
  const root = repoRoot();
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as Parameters<typeof runtimeImportProblems>[1];
  const sourceProblems = runtimeImportProblems(await readServerSources(root), pkg);
  if (sourceProblems.length > 0) throw new Error(sourceProblems.join('\n'));
  const outDir = await assembleDeployPackage({ root });
  const problems = await checkDeployPackage(outDir);
  if (problems.length > 0) throw new Error(problems.join('\n'));
  console.log(`Deploy package ready: ${relative(root, outDir)} (App Service installs production dependencies and runs node dist/bot/index.js).`);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
