import assert from 'node:assert/strict';
import type { OrgPrivacyView } from '../../bot/http/contracts.js';
import { legalSource } from '../../bot/http/legal-pages.js';
import { ids, type TestUser } from '../helpers/activities.js';
import { startApp, type RunningApp } from '../helpers/app-harness.js';
import { bearer, FakeJwks, ssoEnv } from '../helpers/entra-tokens.js';
import { describeEachEngine } from '../helpers/engines.js';
import { FakeConnector } from '../helpers/fake-connector.js';
import { seedTeam } from '../helpers/seed-team.js';

const clock = { current: new Date('2026-03-02T08:00:00.000Z'), now: () => clock.current };
const admin = { id: '29:admin-a', aadObjectId: 'a0000000-0000-4000-8000-0000000000a1', name: 'Astrid Berg' } satisfies TestUser;
const employeeB = { id: '29:emp-b', aadObjectId: 'b0000000-0000-4000-8000-0000000000b9', name: 'Berit Dahl' } satisfies TestUser;
const decision = { reference: 'Sak 2026/123, vedtak i AMU', discussedOn: '2026-02-26' };

/** "Personvern i din organisasjon" over the tab API with Entra-like tokens: every signed-in person sees their own tenant's values. */
describeEachEngine('the organisation’s privacy values for employees', (engine) => {
  let jwks: FakeJwks;
  let connector: FakeConnector;
  let running: RunningApp;

  beforeEach(async function () {
    clock.current = new Date('2026-03-02T08:00:00.000Z');
    jwks = await new FakeJwks().start();
    connector = await new FakeConnector().start();
    running = await startApp({ clock, engine, env: { ...ssoEnv(jwks), PRIVACY_CONTACT: 'personvernombudet@kommune.no' } });
    await seedTeam(running, connector);
  });

  afterEach(async function () {
    await running.close();
    await connector.stop();
    await jwks.stop();
  });

  async function call<T>(path: string, user: TestUser | undefined, options: { roles?: readonly string[]; tid?: string; method?: string; body?: unknown } = {}): Promise<{ status: number; body: T }> {
    const auth = user ? bearer(await jwks.token(user, { roles: options.roles ?? [], tid: options.tid ?? ids.tenant })) : {};
    const response = await fetch(`${running.url}${path}`, {
      method: options.method ?? 'GET',
      headers: { 'content-type': 'application/json', 'accept-language': 'nb-NO', ...auth },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }
  const privacy = (user: TestUser | undefined, tid?: string) => call<OrgPrivacyView>('/api/v1/org/privacy', user, { tid });

  it('shows an employee without any role the defaults, then their organisation’s values with the decision, and never another tenant’s', async function () {
    const before = await privacy(ids.ola);
    assert.equal(before.status, 200);
    assert.deepEqual(before.body, { namedProgress: false, decision: null, minGroupSize: 5, retentionDays: 365, contact: 'personvernombudet@kommune.no' });

    clock.current = new Date('2026-03-03T09:30:00.000Z');
    const changed = await call('/api/v1/org/settings', admin, { roles: ['Administrator'], method: 'PATCH', body: { changes: { namedProgress: true, minGroupSize: 7, retentionDays: 400 }, decision } });
    assert.equal(changed.status, 200);
    const after = await privacy(ids.ola);
    assert.deepEqual(after.body, {
      namedProgress: true,
      decision: { reference: decision.reference, discussedOn: decision.discussedOn, switchedOnAt: '2026-03-03T09:30:00.000Z' },
      minGroupSize: 7,
      retentionDays: 400,
      contact: 'personvernombudet@kommune.no',
    });

    // Switched off again: no decision is shown.
    assert.equal((await call('/api/v1/org/settings', admin, { roles: ['Administrator'], method: 'PATCH', body: { changes: { namedProgress: false } } })).status, 200);
    assert.deepEqual([(await privacy(ids.ingrid)).body.namedProgress, (await privacy(ids.ingrid)).body.decision], [false, null]);

    // Another tenant's employee sees that tenant's values (the defaults), not these.
    const other = await privacy(employeeB, ids.otherTenant);
    assert.equal(other.status, 200);
    assert.deepEqual([other.body.minGroupSize, other.body.retentionDays, other.body.namedProgress], [5, 365, false]);
    assert.equal((await privacy(undefined)).status, 401);
  });

  it('the public privacy statement says where the organisation’s own values are, in every language', function () {
    assert.match(legalSource('privacy', 'nb'), /Mitt kurs\*\* og velg \*\*Personvern i din organisasjon/);
    assert.match(legalSource('privacy', 'nn'), /Mitt kurs\*\* og vel \*\*Personvern i organisasjonen din/);
    assert.match(legalSource('privacy', 'en'), /My course\*\* tab and choose \*\*Privacy in your organisation/);
  });
});
