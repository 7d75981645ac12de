import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from '../../scripts/app-package/app-files.js';
import { readAppSettingNames, readBicepOutputs } from '../../scripts/infra/bicep-scan.js';
import { readConfigVariables } from '../../scripts/infra/config-variables.js';
import { checkInfraConsistency, loadInfraFacts } from '../../scripts/infra/infra-consistency.js';
import type { InfraFacts } from '../../scripts/infra/infra-consistency.js';
import { loadConfig } from '../../bot/config.js';

/** The variables loadConfig actually reads, recorded through a Proxy environment. */
function variablesReadAtRunTime(): string[] {
  const seen = new Set<string>();
  const env = new Proxy({} as NodeJS.ProcessEnv, {
    get: (_target, key) => {
      if (typeof key === 'string') seen.add(key);
      return undefined;
    },
  });
  try {
    loadConfig(env);
  } catch {
    // An empty environment may be invalid; the names read so far are what counts.
  }
  return [...seen].filter((name) => /^[A-Z][A-Z0-9_]*$/.test(name));
}

describe('infrastructure and bot/config.ts', () => {
  let facts: InfraFacts;
  before(async () => {
    facts = await loadInfraFacts(repoRoot());
  });

  it('covers every variable bot/config.ts reads: set by infra or documented as set by hand', () => {
    assert.deepEqual(checkInfraConsistency(facts), []);
  });

  it('reads the same variable names from the config.ts source as loadConfig reads at run time', () => {
    assert.deepEqual([...facts.configVariables].sort(), variablesReadAtRunTime().sort());
  });

  it('fails, naming the variable, when config.ts reads one that infra neither sets nor lists', () => {
    const source = 'const schema = z.object({ BOT_ID: optionalText, NEW_SETTING: z.string().regex(/^a{1}(b)$/, "x"), nested: z.object({ OTHER_ONE: z.string() }) });';
    const configVariables = readConfigVariables(source);
    assert.deepEqual(configVariables, ['BOT_ID', 'NEW_SETTING', 'OTHER_ONE']);
    const problems = checkInfraConsistency({ ...facts, configVariables });
    assert.equal(problems.length, 2);
    assert.match(problems[0] ?? '', /^NEW_SETTING is read by bot\/config\.ts but neither set by infra/);
  });

  it('fails when a hand-set variable is not in docs/deploy.md, or is also set by infra', () => {
    const problems = checkInfraConsistency({
      ...facts,
      manual: [...facts.manual, { name: 'UNDOCUMENTED_THING', how: 'manual', note: 'nobody wrote about it' }, { name: 'BOT_ID', how: 'manual', note: 'infra sets this one' }],
    });
    assert.deepEqual(problems, [
      'UNDOCUMENTED_THING is listed in infra/manual-settings.json but docs/deploy.md does not mention `UNDOCUMENTED_THING`',
      'BOT_ID is listed in infra/manual-settings.json but infra sets it; remove it from the list',
    ]);
  });

  it('sets the planned single sign-on variables on the App Service and secrets only as Key Vault references', async () => {
    for (const name of ['AAD_APP_CLIENT_ID', 'AAD_APP_TENANT_ID', 'AAD_APP_ID_URI', 'ALLOWED_TENANT_IDS', 'DATABASE_URL', 'DATA_KEY', 'BOT_PASSWORD']) {
      assert.ok(facts.appSettings.includes(name), name);
    }
    const source = await readFile(join(repoRoot(), 'infra/modules/app-settings.bicep'), 'utf8');
    for (const secret of ['DATABASE_URL', 'DATA_KEY', 'BOT_PASSWORD']) {
      assert.match(source, new RegExp(`${secret}: '@Microsoft\\.KeyVault\\(SecretUri=\\$\\{`), secret);
    }
  });

  it('reads outputs and app setting names from Bicep, ignoring comments and camelCase properties', () => {
    assert.deepEqual(readBicepOutputs("// output NOT_ME string = 'x'\noutput BOT_ID string = id\noutput other string = ''\n"), ['BOT_ID', 'other']);
    assert.deepEqual(readAppSettingNames("var s = {\n  NODE_ENV: 'production'\n  'QUOTED_ONE': x\n  parent: site\n}\n// COMMENT_ONE: no\n"), ['NODE_ENV', 'QUOTED_ONE']);
  });
});
