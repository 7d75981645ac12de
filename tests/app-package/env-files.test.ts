import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseEnv } from 'dotenv';
import { repoRoot } from '../../scripts/app-package/app-files.js';
import { checkDeployEnv } from '../../scripts/infra/deploy-env-rules.js';

const root = repoRoot();
const GOOD = {
  committed: {
    AZURE_SUBSCRIPTION_ID: '11111111-2222-3333-4444-555555555555',
    AZURE_RESOURCE_GROUP_NAME: 'rg-laerekraft-prod',
    AZURE_LOCATION: 'norwayeast',
    RESOURCE_SUFFIX: 'oslo',
    PUBLISHER_NAME: 'Oslo kommune',
    ALLOWED_TENANT_IDS: '',
    APP_SERVICE_SKU: 'B1',
    INSTANCE_COUNT: '2',
    POSTGRES_BACKUP_RETENTION_DAYS: '14',
    POSTGRES_GEO_REDUNDANT_BACKUP: 'Disabled',
    POSTGRES_SERVER_NAME: '',
    CUSTOM_DOMAIN: '',
    ALERT_EMAIL: '',
    BOT_AUTH_TYPE: 'UserAssignedMsi',
    BOT_APP_ID: '',
  },
  user: {
    SECRET_POSTGRES_ADMIN_PASSWORD: 'Zq8vN3kT1pLw7xYb5mRc2dHs',
    SECRET_DATA_KEY: Buffer.alloc(32, 7).toString('base64'),
  },
};

describe('env files', () => {
  it('hold no secrets in the committed files', async () => {
    for (const file of ['env/.env.dev', 'env/.env.local']) {
      const env = parseEnv(await readFile(join(root, file), 'utf8'));
      for (const [key, value] of Object.entries(env)) {
        if (/SECRET|PASSWORD|DATA_KEY|CONNECTION/.test(key)) assert.equal(value, '', `${file}: ${key} has a value`);
      }
    }
  });

  it('are kept out of git when they hold secrets, like the built packages', async () => {
    const ignored = (await readFile(join(root, '.gitignore'), 'utf8')).split('\n').map((line) => line.trim());
    assert.ok(ignored.includes('env/.env.*.user'));
    assert.ok(ignored.includes('appPackage/build/'));
  });

  it('check:deploy-env accepts a complete environment', () => {
    assert.deepEqual(checkDeployEnv(GOOD, 'prod'), []);
    assert.deepEqual(checkDeployEnv({ ...GOOD, user: { ...GOOD.user, SECRET_DATA_KEY: '' } }, 'prod'), []);
  });

  it('check:deploy-env names each missing or malformed value and the file to fix', () => {
    const problems = checkDeployEnv(
      {
        committed: { ...GOOD.committed, RESOURCE_SUFFIX: 'Oslo_Kommune', AZURE_SUBSCRIPTION_ID: '', SECRET_DATA_KEY: 'leaked' },
        user: { SECRET_POSTGRES_ADMIN_PASSWORD: 'short', SECRET_DATA_KEY: Buffer.alloc(16).toString('base64') },
      },
      'prod',
    );
    assert.deepEqual(problems, [
      'SECRET_DATA_KEY is a secret: move it from env/.env.prod to env/.env.prod.user',
      'AZURE_SUBSCRIPTION_ID in env/.env.prod has no value',
      'RESOURCE_SUFFIX in env/.env.prod must be 3 to 12 lowercase letters or digits',
      'SECRET_POSTGRES_ADMIN_PASSWORD in env/.env.prod.user must be 16 to 128 characters',
      'SECRET_DATA_KEY in env/.env.prod.user must be 32 random bytes in base64 (openssl rand -base64 32)',
    ]);
  });

  it('check:deploy-env applies the rules that span variables', () => {
    const problems = checkDeployEnv({ committed: { ...GOOD.committed, INSTANCE_COUNT: '4', BOT_AUTH_TYPE: 'SingleTenant' }, user: GOOD.user }, 'prod');
    assert.deepEqual(problems, [
      'INSTANCE_COUNT in env/.env.prod can be at most 3 with APP_SERVICE_SKU B1; choose S1 or P0v3 for more',
      'BOT_APP_ID in env/.env.prod is required when BOT_AUTH_TYPE is SingleTenant',
      'SECRET_BOT_PASSWORD in env/.env.prod.user is required when BOT_AUTH_TYPE is SingleTenant',
    ]);
  });

  it('check:deploy-env passes the committed env/.env.dev once the hand-set values are filled in', async () => {
    const committed = parseEnv(await readFile(join(root, 'env/.env.dev'), 'utf8'));
    const filled = { ...committed, AZURE_SUBSCRIPTION_ID: GOOD.committed.AZURE_SUBSCRIPTION_ID, AZURE_RESOURCE_GROUP_NAME: 'rg-lk-dev', RESOURCE_SUFFIX: 'dev01' };
    assert.deepEqual(checkDeployEnv({ committed: filled, user: GOOD.user }, 'dev'), []);
  });

  it('check:deploy-env refuses development leftovers in a production environment, and allows them in dev', async () => {
    const committed = parseEnv(await readFile(join(root, 'env/.env.dev'), 'utf8'));
    const copied = { ...committed, AZURE_SUBSCRIPTION_ID: GOOD.committed.AZURE_SUBSCRIPTION_ID, AZURE_RESOURCE_GROUP_NAME: 'rg-lk-dev', RESOURCE_SUFFIX: 'dev01', BOT_DOMAIN: 'abc123-3978.euw.devtunnels.ms', BOT_ENDPOINT: 'http://localhost:3978' };
    assert.deepEqual(checkDeployEnv({ committed: copied, user: GOOD.user }, 'prod'), [
      'TEAMSFX_ENV in env/.env.prod is "dev": set it to prod',
      'APP_NAME_SUFFIX in env/.env.prod is "-dev", left from a development file: leave it empty in a production environment',
      'RESOURCE_SUFFIX in env/.env.prod is "dev01", a development name: choose one for production, e.g. your municipality\'s name',
      'AZURE_RESOURCE_GROUP_NAME in env/.env.prod is "rg-lk-dev", a development name: choose one for production',
      'PUBLISHER_NAME in env/.env.prod is "Lærekraft (utvikling)", a development name: choose one for production',
      'BOT_DOMAIN in env/.env.prod points at a developer machine or tunnel ("abc123-3978.euw.devtunnels.ms"): a production environment must use its own App Service or domain',
      'BOT_ENDPOINT in env/.env.prod points at a developer machine or tunnel ("http://localhost:3978"): a production environment must use its own App Service or domain',
    ]);
    assert.deepEqual(checkDeployEnv({ committed: { ...GOOD.committed, TEAMSFX_ENV: 'prod', APP_NAME_SUFFIX: '' }, user: GOOD.user }, 'prod'), []);
    assert.deepEqual(checkDeployEnv({ committed: { ...copied, BOT_DOMAIN: '', BOT_ENDPOINT: '' }, user: GOOD.user }, 'dev'), []);
  });

  it('check:deploy-env takes one e-mail address, or none, for the failed-delivery alert', () => {
    assert.deepEqual(checkDeployEnv({ committed: { ...GOOD.committed, ALERT_EMAIL: 'drift@kommune.no' }, user: GOOD.user }, 'prod'), []);
    const { ALERT_EMAIL: _left, ...withoutAlert } = GOOD.committed;
    assert.deepEqual(checkDeployEnv({ committed: withoutAlert, user: GOOD.user }, 'prod'), []);
    assert.deepEqual(checkDeployEnv({ committed: { ...GOOD.committed, ALERT_EMAIL: 'drift@kommune.no, it@kommune.no' }, user: GOOD.user }, 'prod'), [
      'ALERT_EMAIL in env/.env.prod must be empty or one e-mail address (for example drift@kommune.no)',
    ]);
  });

  it('check:deploy-env rejects an unfilled placeholder as a password and a missing data key line', () => {
    const problems = checkDeployEnv({ committed: GOOD.committed, user: { SECRET_POSTGRES_ADMIN_PASSWORD: '${{SECRET_POSTGRES_ADMIN_PASSWORD}}' } }, 'prod');
    assert.match(problems[0] ?? '', /is an unfilled placeholder/);
    assert.match(problems[1] ?? '', /SECRET_DATA_KEY is missing from env\/\.env\.prod\.user/);
  });
});
