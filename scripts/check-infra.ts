import { repoRoot } from './app-package/app-files.js';
import { checkInfraConsistency, loadInfraFacts } from './infra/infra-consistency.js';

/* npm run validate:infra: every variable bot/config.ts reads is set by infra/ or documented as set by hand. */
const facts = await loadInfraFacts(repoRoot());
const problems = checkInfraConsistency(facts);
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exitCode = 1;
} else {
  console.log(`Infrastructure covers all ${facts.configVariables.length} variables of bot/config.ts.`);
}
