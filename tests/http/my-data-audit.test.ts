import assert from 'node:assert/strict';
import type { OrgAuditResponse } from '../../bot/http/contracts.js';
import { cardAction, ids, personalMessage, type TestUser } from '../helpers/activities.js';
import { startApp, type RunningApp } from '../helpers/app-harness.js';
import { bearer, FakeJwks, ssoEnv } from '../helpers/entra-tokens.js';
import { describeEachEngine } from '../helpers/engines.js';
import { FakeConnector } from '../helpers/fake-connector.js';
import { seedTeam } from '../helpers/seed-team.js';

const clock = { current: new Date('2026-03-02T08:00:00.000Z'), now: () => clock.current };
const admin = { id: '29:admin-a', aadObjectId: 'a0000000-0000-4000-8000-0000000000a1', name: 'Astrid Berg' } satisfies TestUser;
const union = { id: '29:union-a', aadObjectId: 'a0000000-0000-4000-8000-0000000000e3', name: 'Tone Moe' } satisfies TestUser;
const decision = { reference: 'Sak 2026/123, vedtak i AMU', discussedOn: '2026-02-26' };

/**
 * "My data" and the settings audit log, over the real interfaces: the tab API with Entra-like tokens for the change,
 * personal chat over /api/messages for the export and "delete my data", the audit log read back over the tab API.
 */
describeEachEngine('"my data" and the settings audit log', (engine) => {
  let jwks: FakeJwks;
  let connector: FakeConnector;
  let running: RunningApp;

  beforeEach(async function () {
    clock.current = new Date('2026-03-02T08:00:00.000Z');
    jwks = await new FakeJwks().start();
    connector = await new FakeConnector().start();
    running = await startApp({ clock, engine, env: ssoEnv(jwks) });
    await seedTeam(running, connector);
  });

  afterEach(async function () {
    await running.close();
    await connector.stop();
    await jwks.stop();
  });

  async function call<T = any>(path: string, user: TestUser, roles: readonly string[], init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: T }> {
    const response = await fetch(`${running.url}${path}`, {
      method: init.method ?? 'GET',
      headers: { 'content-type': 'application/json', 'accept-language': 'nb-NO', ...bearer(await jwks.token(user, { roles, tid: ids.tenant })) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  /** The export behind a fresh "mine data" link, opened with the browser language given. */
  async function exportOf(user: TestUser, language: string): Promise<any> {
    const before = connector.sent.length;
    await running.post(personalMessage('mine data', { serviceUrl: connector.url, user }));
    await connector.waitForSent(before + 1);
    const card = connector.sentCards.at(-1) as { actions: { type: string; url: string }[] };
    const url = new URL(card.actions.find((action) => action.type === 'Action.OpenUrl')!.url);
    const response = await fetch(`${running.url}${url.pathname}${url.search}`, { headers: { 'accept-language': language } });
    assert.equal(response.status, 200);
    return response.json();
  }

  it('exports the changes an administrator made, and keeps them (and says so) when they delete their data', async function () {
    const changed = await call('/api/v1/org/settings', admin, ['Administrator'], { method: 'PATCH', body: { changes: { namedProgress: true, minGroupSize: 6 }, decision } });
    assert.equal(changed.status, 200);

    const data = await exportOf(admin, 'nb-NO');
    assert.deepEqual(
      data.settingsChanges.map((entry: any) => [entry.setting, entry.newValue, entry.nameRecorded]).sort(),
      [['minGroupSize', 6, admin.name], ['namedProgress', true, admin.name]],
    );
    const named = data.settingsChanges.find((entry: any) => entry.setting === 'namedProgress');
    assert.deepEqual([named.oldValue, named.decisionReference, named.discussedOn], [false, decision.reference, decision.discussedOn]);
    assert.match(data.keptAfterDeletion.settingsChanges, /slettes ikke når du sletter dataene dine.*1825 dager/);
    assert.match((await exportOf(admin, 'nn-NO')).keptAfterDeletion.settingsChanges, /blir ikkje sletta når du slettar dataa dine/);
    assert.match((await exportOf(admin, 'en-GB')).keptAfterDeletion.settingsChanges, /not deleted when you delete your data/);
    // Someone who changed nothing has no entries, and is told the same rule.
    const ola = await exportOf(ids.ola, 'nb-NO');
    assert.deepEqual(ola.settingsChanges, []);
    assert.equal(typeof ola.keptAfterDeletion.settingsChanges, 'string');

    // "Delete my data": the audit entries stay, with the name recorded, for union representatives and administrators.
    await running.post(personalMessage('slett mine data', { serviceUrl: connector.url, user: admin }));
    await running.post(cardAction('mydata.delete', { confirm: 'yes' }, { serviceUrl: connector.url, user: admin }));
    const audit = await call<OrgAuditResponse>('/api/v1/org/audit', union, ['UnionRepresentative']);
    assert.equal(audit.status, 200);
    assert.equal(audit.body.total, 2);
    assert.ok(audit.body.entries.every((entry) => JSON.stringify(entry).includes(admin.name)), 'the log still names who made the change');
    // …and the person still gets them in a new export, everything else gone.
    const after = await exportOf(admin, 'nb-NO');
    assert.equal(after.settingsChanges.length, 2);
    assert.deepEqual([after.lessonsRead, after.teams, after.language], [[], [], undefined]);
  });
});
