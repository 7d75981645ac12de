import { repoRoot } from './app-package/app-files.js';
import { readEnvArgument } from './app-package/cli-args.js';
import { readEnvFilePair } from './app-package/env-file.js';
import { checkDeployEnv } from './infra/deploy-env-rules.js';

/* npm run check:deploy-env -- --env <name>: the values atk provision needs, checked before it runs. */
try {
  const envName = readEnvArgument(process.argv.slice(2), 'npm run check:deploy-env -- --env <name>');
  const problems = checkDeployEnv(await readEnvFilePair(repoRoot(), envName), envName);
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    process.exitCode = 1;
  } else {
    console.log(`env/.env.${envName} and env/.env.${envName}.user are ready for atk provision --env ${envName}.`);
  }
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
