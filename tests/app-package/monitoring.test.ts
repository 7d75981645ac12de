import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { repoRoot } from '../../scripts/app-package/app-files.js';
import { createLogger } from '../../bot/logger.js';
import { channelAction, ids, team, teamInstall, teamPeople } from '../helpers/activities.js';
import { startApp } from '../helpers/app-harness.js';
import { FakeConnector } from '../helpers/fake-connector.js';
import { seededSetup } from '../helpers/seed-team.js';

const root = repoRoot();
const read = (path: string) => readFile(join(root, path), 'utf8');

/**
 * The JSON lines the production logger writes when the outbox worker gives up on a delivery: the whole app on real
 * SQLite, a team set up over /api/messages, and its first lesson answered 404 by the (fake) Bot Connector.
 */
async function linesLoggedForAFailedDelivery(): Promise<Record<string, unknown>[]> {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  let now = new Date('2026-03-02T08:00:00.000Z');
  const connector = await new FakeConnector().start();
  connector.teams.set(team.id, { id: team.id, name: team.name, aadGroupId: team.aadGroupId, channels: [{ id: team.id }], members: teamPeople.map((p) => ({ ...p })) });
  const running = await startApp({ clock: { now: () => new Date(now) }, logger: createLogger('info', sink) });
  try {
    const base = { serviceUrl: connector.url };
    await running.post(teamInstall(base));
    await running.post(channelAction('setup.save', seededSetup, { ...base, user: ids.ingrid }));
    await running.app.services.outboxWorker.drain();
    connector.failNext(1_000, { status: 404 });
    now = new Date('2026-03-09T08:00:10.000Z');
    await running.app.services.scheduler.tick();
    await running.app.services.outboxWorker.drain();
  } finally {
    await running.close();
    await connector.stop();
  }
  return lines;
}

/** The KQL of the failed-delivery alert, from monitoring.bicep. */
async function alertQuery(): Promise<string> {
  const bicep = await read('infra/modules/monitoring.bicep');
  const query = /var deliveryFailedQuery = '''([\s\S]*?)'''/.exec(bicep)?.[1];
  assert.ok(query, 'deliveryFailedQuery in monitoring.bicep');
  return query;
}

describe('the alert on failed deliveries (infra/modules/monitoring.bicep)', () => {
  it('matches the message the server logs when it gives up on a delivery, read from a real failure', async () => {
    const failures = (await linesLoggedForAFailedDelivery()).filter((line) => line['level'] === 40 && 'outboxId' in line);
    assert.equal(failures.length, 1, 'one warning for one permanently failed delivery');
    const line = failures[0] ?? {};
    const message = line['msg'];
    assert.equal(typeof message, 'string');
    const query = await alertQuery();
    // The query reads pino's message key, compares it with the exact message, and pre-filters on the same words.
    assert.ok(query.includes(`tostring(entry.msg) == ${JSON.stringify(message)}`), `the query must compare entry.msg with ${JSON.stringify(message)}:\n${query}`);
    assert.ok(query.includes(`ResultDescription has ${JSON.stringify(message)}`), 'pre-filter on the same message');
    // The fields the alert shows exist in the line.
    for (const field of ['outboxId', 'teamId', 'reason', 'attempts']) {
      assert.ok(field in line, `${field} is logged`);
      assert.ok(query.includes(`entry.${field}`), `${field} is shown`);
    }
  });

  it('reads the table App Service fills from stdout, and the app sends its console logs to the same workspace', async () => {
    assert.match(await alertQuery(), /^\s*AppServiceConsoleLogs\s*\n/);
    const monitoring = await read('infra/modules/monitoring.bicep');
    assert.match(monitoring, /Microsoft\.Insights\/scheduledQueryRules@/);
    assert.match(monitoring, /scopes: \[\s*workspace\.id\s*\]/);
    assert.match(monitoring, /query: deliveryFailedQuery/);
    assert.match(monitoring, /operator: 'GreaterThan'\s*threshold: 0/);
    const appService = await read('infra/modules/app-service.bicep');
    assert.match(appService, /category: 'AppServiceConsoleLogs'\s*enabled: true/);
    assert.match(appService, /workspaceId: logAnalyticsWorkspaceId/);
    assert.match(await read('infra/azure.bicep'), /logAnalyticsWorkspaceId: monitoring\.outputs\.workspaceId/);
  });

  it('e-mails ALERT_EMAIL through an action group, and nobody when it is empty', async () => {
    const monitoring = await read('infra/modules/monitoring.bicep');
    assert.match(monitoring, /resource alertActionGroup 'Microsoft\.Insights\/actionGroups@[^']+' = if \(!empty\(alertEmail\)\)/);
    assert.match(monitoring, /emailAddress: alertEmail/);
    assert.match(monitoring, /actionGroups: empty\(alertEmail\) \? \[\] :/);
    assert.match(await read('infra/azure.bicep'), /alertEmail: contains\(alertEmail, '\$'\) \? '' : alertEmail/);
    const parameters = JSON.parse(await read('infra/azure.parameters.json')) as { parameters: Record<string, { value: string }> };
    assert.equal(parameters.parameters['alertEmail']?.value, '${{ALERT_EMAIL}}');
    assert.match(await read('docs/deploy.md'), /ALERT_EMAIL/);
  });
});
