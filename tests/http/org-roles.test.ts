import assert from 'node:assert/strict';
import type { DevIdentity, MeResponse } from '../../bot/http/contracts.js';
import { ApiHttpError, requireOrgRole, type Caller } from '../../bot/http/api/api-context.js';
import { translator } from '../../bot/i18n/translator.js';
import { ids } from '../helpers/activities.js';
import { startApp, type RunningApp } from '../helpers/app-harness.js';
import { bearer, FakeJwks, ssoEnv } from '../helpers/entra-tokens.js';
import { FakeConnector } from '../helpers/fake-connector.js';
import { seedTeam } from '../helpers/seed-team.js';

const clock = { now: () => new Date('2026-03-02T08:00:00.000Z') };

async function me(running: RunningApp, headers: Record<string, string>): Promise<{ status: number; body: MeResponse }> {
  const response = await fetch(`${running.url}/api/v1/me`, { headers: { 'accept-language': 'nb', ...headers } });
  return { status: response.status, body: (await response.json()) as MeResponse };
}

describe('organisation roles from the token', function () {
  let jwks: FakeJwks;
  let running: RunningApp;

  before(async function () {
    jwks = await new FakeJwks().start();
    running = await startApp({ clock, env: ssoEnv(jwks) });
  });

  after(async function () {
    await running.close();
    await jwks.stop();
  });

  it('reads the roles claim into the caller’s organisation roles', async function () {
    const response = await me(running, bearer(await jwks.token(ids.ingrid, { roles: ['Administrator', 'UnionRepresentative'] })));
    assert.equal(response.status, 200);
    assert.deepEqual(response.body.roles, ['administrator', 'unionRepresentative']);
  });

  it('ignores unknown role values and gives no roles without the claim', async function () {
    assert.deepEqual((await me(running, bearer(await jwks.token(ids.ingrid, { roles: ['Task.Write', 'administrator'] })))).body.roles, []);
    assert.deepEqual((await me(running, bearer(await jwks.token(ids.ola)))).body.roles, []);
  });

  it('does not take roles from the developer header when single sign-on is on', async function () {
    const response = await fetch(`${running.url}/api/v1/me`, { headers: { 'x-dev-user': `${ids.tenant}/${ids.ola.aadObjectId}`, 'x-dev-roles': 'Administrator' } });
    assert.equal(response.status, 401);
  });
});

describe('organisation roles in local mode', function () {
  let running: RunningApp;
  let connector: FakeConnector;

  before(async function () {
    connector = await new FakeConnector().start();
    running = await startApp({ clock });
    await seedTeam(running, connector, { members: 2 });
  });

  after(async function () {
    await running.close();
    await connector.stop();
  });

  it('offers one developer identity for each role, in the tenant of the teams seen, besides the roster', async function () {
    const identities = (await (await fetch(`${running.url}/api/v1/dev/identities`)).json()) as DevIdentity[];
    const withRoles = identities.filter((identity) => identity.roles.length > 0);
    assert.deepEqual(withRoles.map((identity) => identity.roles), [['administrator'], ['competenceUnit'], ['unionRepresentative'], ['courseOwner']]);
    assert.deepEqual(withRoles.map((identity) => identity.appRoles), [['Administrator'], ['CompetenceUnit'], ['UnionRepresentative'], ['CourseOwner']]);
    assert.ok(withRoles.every((identity) => identity.tenantId === ids.tenant && identity.teams.length === 0));
    assert.ok(identities.some((identity) => identity.roles.length === 0), 'the roster people are still offered');
  });

  it('carries the developer identity’s roles from x-dev-roles, as a token would', async function () {
    const identities = (await (await fetch(`${running.url}/api/v1/dev/identities`)).json()) as DevIdentity[];
    const union = identities.find((identity) => identity.roles.includes('unionRepresentative'))!;
    const response = await me(running, { 'x-dev-user': `${union.tenantId}/${union.userId}`, 'x-dev-roles': union.appRoles.join(',') });
    assert.deepEqual(response.body.roles, ['unionRepresentative']);
    assert.equal(response.body.user.name, union.name);
  });
});

describe('requireOrgRole', () => {
  const caller = (roles: Caller['roles']): Caller => ({ person: { tenantId: ids.tenant, userId: 'u' }, name: '', roles, t: translator('nn') });

  it('lets a caller with one of the allowed roles through', () => {
    assert.doesNotThrow(() => requireOrgRole(caller(['unionRepresentative']), 'administrator', 'unionRepresentative'));
  });

  it('refuses with 403 and a catalog message naming the roles, in the caller’s language', () => {
    assert.throws(
      () => requireOrgRole(caller(['competenceUnit']), 'administrator', 'unionRepresentative'),
      (error: unknown) => error instanceof ApiHttpError && error.status === 403 && error.body.code === 'forbidden' && /administrator eller tillitsvald/.test(error.body.message),
    );
  });
});
