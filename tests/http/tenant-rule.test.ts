import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { loadConfig } from '../../bot/config.js';
import { createLogger } from '../../bot/logger.js';
import { cardAction, ids, personalInstall, personalMessage, teamInstall } from '../helpers/activities.js';
import { startApp, type RunningApp } from '../helpers/app-harness.js';
import { FakeConnector } from '../helpers/fake-connector.js';

/** The activity as if it came from another tenant. */
function fromTenant(activity: Record<string, unknown>, tenantId: string): Record<string, unknown> {
  const conversation = { ...(activity.conversation as Record<string, unknown>), tenantId };
  const channelData = { ...(activity.channelData as Record<string, unknown>), tenant: { id: tenantId } };
  return { ...activity, conversation, channelData };
}

/** Rows in every table of ours (not the migration bookkeeping, not the app's own key). */
async function rowCounts(running: RunningApp): Promise<Record<string, number>> {
  const db = running.app.database.db;
  const tables = (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'kysely_%' and name not like 'sqlite_%' and name not in ('app_secrets', 'app_state')`.execute(db)).rows.map((row) => row.name);
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0]!.n);
  return counts;
}

describe('one tenant rule for the bot (ALLOWED_TENANT_IDS)', function () {
  let connector: FakeConnector;
  let running: RunningApp;
  const log: string[] = [];

  beforeEach(async function () {
    log.length = 0;
    connector = await new FakeConnector().start();
    const sink = new Writable({ write: (chunk, _encoding, done) => (log.push(String(chunk)), done()) });
    // Local mode (no BOT_ID): the rule applies here too.
    running = await startApp({ env: { ALLOWED_TENANT_IDS: ids.tenant }, logger: createLogger('info', sink) });
  });

  afterEach(async function () {
    await running.close();
    await connector.stop();
  });

  it('gives an activity from another tenant no answer and leaves no row, and logs the tenant once', async function () {
    const before = await rowCounts(running);
    const options = { serviceUrl: connector.url, tenant: ids.otherTenant };
    for (const activity of [personalInstall(options), personalMessage('hjelp', options), personalMessage('mine data', options), cardAction('mydata.delete', { confirm: 'yes' }, options), fromTenant(teamInstall({ serviceUrl: connector.url }), ids.otherTenant)]) {
      const { status } = await running.post(activity);
      assert.equal(status, 403);
    }
    assert.equal(connector.calls.length, 0);
    assert.deepEqual(await rowCounts(running), before);
    const refusals = log.filter((line) => line.includes('outside ALLOWED_TENANT_IDS'));
    assert.equal(refusals.length, 1);
    assert.match(refusals[0]!, new RegExp(ids.otherTenant));
    assert.doesNotMatch(log.join(''), /Ingrid|hjelp|mine data/);
  });

  it('refuses an activity whose two tenant fields disagree (the bot stores under channelData.tenant.id)', async function () {
    const before = await rowCounts(running);
    const options = { serviceUrl: connector.url };
    const mixed = (activity: Record<string, unknown>) => ({ ...activity, channelData: { ...(activity.channelData as Record<string, unknown>), tenant: { id: ids.otherTenant } } });
    for (const activity of [mixed(personalInstall(options)), mixed(personalMessage('hjelp', options)), mixed(teamInstall(options))]) {
      assert.equal((await running.post(activity)).status, 403);
    }
    assert.equal(connector.calls.length, 0);
    assert.deepEqual(await rowCounts(running), before);
  });

  it('answers an allowed tenant as before', async function () {
    // A language choice is stored (a plain message stores nothing since conversation references are gone).
    const { status } = await running.post(personalMessage('språk nn', { serviceUrl: connector.url }));
    assert.equal(status, 200);
    await connector.waitForSent(1);
    assert.ok(Object.values(await rowCounts(running)).some((count) => count > 0));
  });

  it('refuses a developer identity from another tenant in the tab API', async function () {
    const me = await fetch(`${running.url}/api/v1/me`, { headers: { 'x-dev-user': `${ids.otherTenant}/${ids.ola.aadObjectId}` } });
    assert.equal(me.status, 401);
    const allowed = await fetch(`${running.url}/api/v1/me`, { headers: { 'x-dev-user': `${ids.tenant}/${ids.ola.aadObjectId}` } });
    assert.equal(allowed.status, 200);
  });

  it('compares tenant ids without regard to case', async function () {
    const { status } = await running.post(personalMessage('hjelp', { serviceUrl: connector.url, tenant: ids.tenant.toUpperCase() }));
    assert.equal(status, 200);
  });
});

describe('what an empty ALLOWED_TENANT_IDS means', function () {
  const bot = { BOT_ID: 'app-id', BOT_PASSWORD: 'secret', DATA_KEY: Buffer.alloc(32, 1).toString('base64') };

  it('means any tenant in local mode', function () {
    assert.equal(loadConfig({}).allowedTenants, 'any');
  });

  it('is refused at start-up for a multi-tenant bot; * allows any tenant explicitly', function () {
    assert.throws(() => loadConfig(bot), /ALLOWED_TENANT_IDS: is required when BOT_ID is set/);
    assert.equal(loadConfig({ ...bot, ALLOWED_TENANT_IDS: '*' }).allowedTenants, 'any');
    assert.deepEqual(loadConfig({ ...bot, ALLOWED_TENANT_IDS: `${ids.tenant}, ${ids.otherTenant.toUpperCase()}` }).allowedTenants, [ids.tenant, ids.otherTenant]);
  });

  it('means BOT_TENANT_ID for a single-tenant bot', function () {
    assert.deepEqual(loadConfig({ ...bot, BOT_TYPE: 'SingleTenant', BOT_TENANT_ID: ids.tenant }).allowedTenants, [ids.tenant]);
  });

  it('refuses a list that is not tenant ids', function () {
    assert.throws(() => loadConfig({ ALLOWED_TENANT_IDS: 'contoso.onmicrosoft.com' }), /ALLOWED_TENANT_IDS: must be \* or comma-separated tenant ids/);
  });

  it('is the same rule for the tab API', function () {
    const config = loadConfig({ ALLOWED_TENANT_IDS: ids.tenant, AAD_APP_CLIENT_ID: '11111111-2222-4333-8444-555555555555' });
    assert.deepEqual(config.sso?.allowedTenants, [ids.tenant]);
  });
});
