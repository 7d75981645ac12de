import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { repoRoot } from '../../scripts/app-package/app-files.js';
import { DeliveryFailedError, type OutboxItem } from '../../bot/core/delivery.js';
import { OutboxWorker } from '../../bot/core/outbox-worker.js';
import type { OutboxRepository } from '../../bot/core/ports.js';
import { createLogger } from '../../bot/logger.js';

const root = repoRoot();
const read = (path: string) => readFile(join(root, path), 'utf8');

/** The JSON lines the production logger writes when the outbox worker gives up on a delivery. */
async function linesLoggedForAFailedDelivery(): Promise<Record<string, unknown>[]> {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const item = { id: 'o1', deliveryId: 'd1', team: { teamId: 't1' }, targetKey: 'k', payload: {}, attempts: 1, leaseToken: 'lease' } as unknown as OutboxItem;
  let claimed = false;
  const outbox = {
    claim: async () => (claimed ? [] : ((claimed = true), [item])),
    renew: async () => true,
    remember: async () => true,
    markSent: async () => true,
    markRetry: async () => true,
    markFailed: async () => true,
    claimPost: async () => 'claimed' as const,
    postGaveUp: async () => false,
    pendingCount: async () => 0,
    renewClaim: async () => undefined,
    giveBack: async () => 0,
  } satisfies OutboxRepository;
  const worker = new OutboxWorker({
    outbox,
    handler: {
      deliver: async () => {
        throw new DeliveryFailedError('notFound', true);
      },
    },
    clock: { now: () => new Date('2026-12-07T08:00:00Z') },
    logger: createLogger('info', sink),
    options: { leaseMs: 60_000, batchSize: 10, concurrency: 1, maxAttempts: 5, retryBaseMs: 1000, renewEveryMs: 0 },
  } as ConstructorParameters<typeof OutboxWorker>[0]);
  await worker.drain();
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
    const failures = (await linesLoggedForAFailedDelivery()).filter((line) => line['level'] === 40);
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
