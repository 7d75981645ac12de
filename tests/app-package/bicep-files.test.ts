import assert from 'node:assert/strict';
import { access, readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { repoRoot } from '../../scripts/app-package/app-files.js';
import { readBicepOutputs } from '../../scripts/infra/bicep-scan.js';

// No Bicep compiler can run here (the CLI is a download, not an npm package), so these are static checks
// of the properties that matter for security and residency, plus bracket balance and module paths.
const infra = join(repoRoot(), 'infra');
const read = (path: string) => readFile(join(infra, path), 'utf8');

async function bicepFiles(): Promise<string[]> {
  const modules = (await readdir(join(infra, 'modules'))).filter((file) => file.endsWith('.bicep')).map((file) => `modules/${file}`);
  return ['azure.bicep', ...modules];
}

/** Source without comments and string literals (interpolations included), so only the structure is left. */
function structure(source: string): string {
  let out = '';
  let i = 0;
  const skipString = (): void => {
    i += 1; // opening quote
    while (i < source.length && source[i] !== "'") {
      if (source[i] === '\\') i += 2;
      else if (source.startsWith('${', i)) {
        i += 2;
        for (let depth = 1; i < source.length && depth > 0; ) {
          if (source[i] === "'") skipString();
          else {
            if (source[i] === '{') depth += 1;
            if (source[i] === '}') depth -= 1;
            i += 1;
          }
        }
      } else i += 1;
    }
    i += 1; // closing quote
  };
  while (i < source.length) {
    if (source.startsWith('//', i)) i = source.includes('\n', i) ? source.indexOf('\n', i) : source.length;
    else if (source.startsWith('/*', i)) i = source.indexOf('*/', i) + 2;
    else if (source[i] === "'") skipString();
    else out += source[i++];
  }
  return out;
}

describe('infra/*.bicep', () => {
  it('have balanced brackets and reference module files that exist', async () => {
    for (const file of await bicepFiles()) {
      const source = await read(file);
      const text = structure(source);
      for (const [open, close] of [['{', '}'], ['[', ']'], ['(', ')']] as const) {
        assert.equal(text.split(open).length, text.split(close).length, `${file}: ${open}${close} unbalanced`);
      }
      for (const match of source.matchAll(/^module\s+\w+\s+'([^']+)'/gm)) {
        await access(join(infra, dirname(file), match[1] ?? ''));
      }
    }
  });

  it('default to Norway East and allow only EU/EEA regions', async () => {
    const main = await read('azure.bicep');
    assert.match(main, /param location string = 'norwayeast'/);
    const allowed = /@allowed\(\[([^\]]*)\]\)\s*param location/.exec(main)?.[1] ?? '';
    assert.deepEqual(allowed.match(/'[a-z]+'/g), ["'norwayeast'", "'norwaywest'", "'swedencentral'", "'northeurope'", "'westeurope'", "'germanywestcentral'", "'francecentral'"]);
  });

  it('output only UPPER_SNAKE names and no secret values', async () => {
    const outputs = readBicepOutputs(await read('azure.bicep'));
    assert.ok(outputs.length > 0);
    for (const name of outputs) assert.match(name, /^[A-Z][A-Z0-9_]*$/);
    assert.deepEqual(outputs.filter((name) => /PASSWORD|SECRET|DATA_KEY|CONNECTION_STRING|DATABASE_URL/.test(name)), []);
    assert.doesNotMatch(await read('azure.bicep'), /^output .*(postgresAdminPassword|dataKey|botPassword)/m);
  });

  it('run the server on Linux with Node 22 LTS, HTTPS only, TLS 1.2, no FTP, health check and Always On', async () => {
    const app = await read('modules/app-service.bicep');
    for (const expected of [/linuxFxVersion: 'NODE\|22-lts'/, /httpsOnly: true/, /minTlsVersion: '1\.2'/, /scmMinTlsVersion: '1\.2'/, /ftpsState: 'Disabled'/, /healthCheckPath: '\/healthz'/, /alwaysOn: true/, /reserved: true/, /keyVaultReferenceIdentity: identityId/]) {
      assert.match(app, expected);
    }
  });

  it('keep PostgreSQL private with TLS 1.2 required, and the connection string verifying the certificate', async () => {
    const postgres = await read('modules/postgres.bicep');
    assert.match(postgres, /publicNetworkAccess: 'Disabled'/);
    assert.match(postgres, /name: 'require_secure_transport'[\s\S]*?value: 'on'/);
    assert.match(postgres, /name: 'ssl_min_protocol_version'[\s\S]*?value: 'TLSv1\.2'/);
    assert.match(await read('azure.bicep'), /\?sslmode=verify-full'/);
  });

  it('register a regional (Europe) bot on https://<BOT_DOMAIN>/api/messages with the Teams channel', async () => {
    const main = await read('azure.bicep');
    assert.match(main, /var botLocation = 'westeurope'/);
    assert.match(main, /messagingEndpoint: 'https:\/\/\$\{botDomain\}\/api\/messages'/);
    const bot = await read('modules/bot.bicep');
    assert.match(bot, /Microsoft\.BotService\/botServices@/);
    assert.match(bot, /channelName: 'MsTeamsChannel'/);
    assert.match(bot, /msaAppMSIResourceId: appType == 'UserAssignedMSI' \? identityId : null/);
  });

  it('give Key Vault RBAC only, purge protection, and the identity nothing more than Key Vault Secrets User', async () => {
    const vault = await read('modules/key-vault.bicep');
    assert.match(vault, /enableRbacAuthorization: true/);
    assert.match(vault, /enablePurgeProtection: true/);
    assert.match(vault, /4633458b-17de-408a-b874-0445c86b69e6/);
    assert.equal((vault.match(/Microsoft\.Authorization\/roleAssignments/g) ?? []).length, 1);
  });

  it('never let an unfilled ${{SECRET_DATA_KEY}} overwrite the data key', async () => {
    assert.match(await read('modules/key-vault-secrets.bicep'), /var writeDataKey = !empty\(dataKey\) && !contains\(dataKey, '\$'\)/);
  });

  it('pass only parameters the template declares', async () => {
    const main = await read('azure.bicep');
    const declared = new Set([...main.matchAll(/^param\s+(\w+)/gm)].map((match) => match[1]));
    const parameters = JSON.parse(await read('azure.parameters.json')) as { parameters: Record<string, unknown> };
    for (const name of Object.keys(parameters.parameters)) assert.ok(declared.has(name), name);
  });
});
