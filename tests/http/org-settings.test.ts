import assert from 'node:assert/strict';
import pino from 'pino';
import type { OrgAuditResponse, OrgSettingsResponse, TeamDashboard } from '../../bot/http/contracts.js';
import { RetentionService } from '../../bot/core/retention-service.js';
import { channelAction, ids, personalMessage, team, teamInstall, teamPeople, type TestUser } from '../helpers/activities.js';
import { startApp, type RunningApp } from '../helpers/app-harness.js';
import { bearer, FakeJwks, ssoEnv } from '../helpers/entra-tokens.js';
import { describeEachEngine } from '../helpers/engines.js';
import { cardText, FakeConnector } from '../helpers/fake-connector.js';
import { seededSetup, seedTeam } from '../helpers/seed-team.js';

const clock = { current: new Date('2026-03-02T08:00:00.000Z'), now: () => clock.current };

/** People with organisation roles, in tenant A (`ids.tenant`) and B (`ids.otherTenant`). */
const people = {
  adminA: { id: '29:admin-a', aadObjectId: 'a0000000-0000-4000-8000-0000000000a1', name: 'Astrid Berg' },
  adminB: { id: '29:admin-b', aadObjectId: 'b0000000-0000-4000-8000-0000000000b1', name: 'Bjørn Dahl' },
  unionA: { id: '29:union-a', aadObjectId: 'a0000000-0000-4000-8000-0000000000e3', name: 'Tone Moe' },
  hrA: { id: '29:hr-a', aadObjectId: 'a0000000-0000-4000-8000-0000000000c2', name: 'Henrik Lund' },
} satisfies Record<string, TestUser>;

const decision = { reference: 'Sak 2026/123, vedtak i AMU', discussedOn: '2026-02-26' };

describeEachEngine('organisation settings over HTTP', (engine) => {
  let jwks: FakeJwks;
  let connector: FakeConnector;
  let running: RunningApp;

  const as = async (user: TestUser, roles: readonly string[] = [], tid: string = ids.tenant) => bearer(await jwks.token(user, { roles, tid }));
  const adminA = () => as(people.adminA, ['Administrator']);
  const adminB = () => as(people.adminB, ['Administrator'], ids.otherTenant);

  async function call<T = any>(path: string, headers: Record<string, string>, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: T }> {
    const response = await fetch(`${running.url}${path}`, {
      method: init.method ?? 'GET',
      headers: { 'content-type': 'application/json', 'accept-language': 'nb-NO', ...headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }
  const patch = (headers: Record<string, string>, body: unknown) => call('/api/v1/org/settings', headers, { method: 'PATCH', body });
  const dashboardA = async (): Promise<TeamDashboard> => (await call<TeamDashboard>(`/api/v1/teams/${encodeURIComponent(team.id)}/dashboard`, await as(ids.ingrid))).body;

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

  it('refuses an employee and a team leader without an organisation role, on settings and audit, with a catalog message', async function () {
    for (const user of [ids.ola, ids.ingrid]) {
      const headers = await as(user);
      for (const response of [await call('/api/v1/org/settings', headers), await patch(headers, { changes: { minGroupSize: 6 } }), await call('/api/v1/org/audit', headers)]) {
        assert.equal(response.status, 403);
        assert.equal(response.body.code, 'forbidden');
        assert.match(response.body.message, /krever rollen .*administrator/);
      }
    }
    assert.equal((await dashboardA()).minGroupSize, 5, 'nothing was changed');
  });

  it('lets a union representative read the settings and the audit log but not change anything', async function () {
    assert.equal((await patch(await adminA(), { changes: { retentionDays: 400 } })).status, 200);
    const union = await as(people.unionA, ['UnionRepresentative']);
    const settings = await call<OrgSettingsResponse>('/api/v1/org/settings', union);
    assert.equal(settings.status, 200);
    assert.equal(settings.body.canEdit, false);
    assert.equal(settings.body.canReadAudit, true);
    assert.equal(settings.body.settings.retentionDays, 400);
    const refused = await patch(union, { changes: { retentionDays: 30 } });
    assert.equal(refused.status, 403);
    assert.match(refused.body.message, /administrator/);
    const audit = await call<OrgAuditResponse>('/api/v1/org/audit', union);
    assert.equal(audit.status, 200);
    assert.deepEqual(
      audit.body.entries.map((entry) => [entry.setting, entry.oldValue, entry.newValue, entry.actor.name, entry.actor.userId]),
      [['retentionDays', 365, 400, people.adminA.name, people.adminA.aadObjectId]],
    );
  });

  it('lets HR read the settings but neither change them nor read the audit log', async function () {
    const hr = await as(people.hrA, ['CompetenceUnit']);
    assert.equal((await call('/api/v1/org/settings', hr)).status, 200);
    assert.equal((await patch(hr, { changes: { minGroupSize: 7 } })).status, 403);
    assert.equal((await call('/api/v1/org/audit', hr)).status, 403);
  });

  it('records every change: who, when, old and new value, and the decision behind named progress', async function () {
    const changed = await patch(await adminA(), { changes: { namedProgress: true, minGroupSize: 6, weekdays: [5, 1, 3] }, decision });
    assert.equal(changed.status, 200);
    assert.deepEqual(changed.body.weekdays, [1, 3, 5]);
    const audit = (await call<OrgAuditResponse>('/api/v1/org/audit', await adminA())).body;
    assert.equal(audit.total, 3);
    const named = audit.entries.find((entry) => entry.setting === 'namedProgress')!;
    assert.deepEqual([named.oldValue, named.newValue, named.decisionReference, named.discussedOn, named.at], [false, true, decision.reference, decision.discussedOn, clock.current.toISOString()]);
    assert.deepEqual(named.actor, { userId: people.adminA.aadObjectId, name: people.adminA.name });
    const size = audit.entries.find((entry) => entry.setting === 'minGroupSize')!;
    assert.deepEqual([size.oldValue, size.newValue, size.decisionReference], [5, 6, null]);
    assert.equal(audit.retentionDays, 1825);
  });

  it('refuses named progress without the decision reference or the discussion date, and stores nothing', async function () {
    for (const [body, fields] of [
      [{ changes: { namedProgress: true } }, ['decisionReference', 'discussedOn']],
      [{ changes: { namedProgress: true }, decision: { reference: '  ', discussedOn: decision.discussedOn } }, ['decisionReference']],
      [{ changes: { namedProgress: true, minGroupSize: 8 }, decision: { reference: decision.reference, discussedOn: '2026-03-03' } }, ['discussedOn']],
      // A day that does not exist (Date.parse would roll it over to 2 March) is not a date of a discussion.
      [{ changes: { namedProgress: true }, decision: { reference: decision.reference, discussedOn: '2026-02-30' } }, ['discussedOn']],
      [{ changes: { namedProgress: true }, decision: { reference: decision.reference, discussedOn: '2025-02-29' } }, ['discussedOn']],
    ] as const) {
      const refused = await patch(await adminA(), body);
      assert.equal(refused.status, 400);
      assert.equal(refused.body.code, 'validation');
      assert.deepEqual(refused.body.problems.map((problem: { field: string }) => problem.field), fields);
    }
    const missing = await patch(await adminA(), { changes: { namedProgress: true } });
    assert.match(missing.body.problems[0].message, /arbeidsgivers beslutning/);
    assert.match(missing.body.problems[1].message, /drøftingen med de tillitsvalgte/);
    const impossible = await patch(await adminA(), { changes: { namedProgress: true }, decision: { reference: decision.reference, discussedOn: '2026-02-30' } });
    assert.deepEqual(impossible.body.problems, [{ field: 'discussedOn', message: 'Oppgi en gyldig dato (ÅÅÅÅ-MM-DD).' }]);
    assert.equal((await dashboardA()).namedProgressEnabled, false);
    assert.equal((await call<OrgAuditResponse>('/api/v1/org/audit', await adminA())).body.total, 0);
  });

  it('records exactly the changes that were stored when administrators change settings at the same moment', async function () {
    const token = await adminA();
    const answers = await Promise.all([6, 7, 8, 9, 10, 11].map((minGroupSize) => patch(token, { changes: { minGroupSize } })));
    assert.ok(answers.every((answer) => answer.status === 200 || answer.status === 409), String(answers.map((answer) => answer.status)));
    const stored = answers.filter((answer) => answer.status === 200).length;
    assert.ok(stored >= 1);
    const audit = (await call<OrgAuditResponse>('/api/v1/org/audit', token)).body;
    assert.equal(audit.total, stored, 'one audit entry per stored change, none for a refused one');
    const settings = (await call<OrgSettingsResponse>('/api/v1/org/settings', token)).body.settings;
    // The entries chain without a gap from the default to what is in force: every change starts from the value the one
    // before it left (entries of one instant are followed by their values, as the test clock stands still).
    let value: unknown = 5;
    const left = [...audit.entries];
    while (left.length > 0) {
      const next = left.findIndex((entry) => entry.oldValue === value);
      assert.ok(next >= 0, `no entry continues from ${String(value)}`);
      value = left.splice(next, 1)[0]!.newValue;
    }
    assert.equal(value, settings.minGroupSize, 'the last change is what is in force');
  });

  it('never lets a tenant go below the deployment’s minimum group size', async function () {
    const refused = await patch(await adminA(), { changes: { minGroupSize: 3 } });
    assert.equal(refused.status, 400);
    assert.deepEqual(refused.body.problems, [{ field: 'minGroupSize', message: 'Minste gruppestørrelse kan ikke være lavere enn 5, som er satt for hele installasjonen.' }]);
  });

  it('has the dashboard follow the tenant’s minimum group size and named progress', async function () {
    const before = await dashboardA();
    assert.equal(before.members, 5);
    assert.equal((await patch(await adminA(), { changes: { minGroupSize: 6 } })).status, 200);
    const raised = await dashboardA();
    assert.equal(raised.tooFewToShow, true);
    assert.equal(raised.members, null);
    assert.equal(raised.minGroupSize, 6);
    assert.ok(raised.lessons.every((lesson) => lesson.read === null));
    assert.equal((await patch(await adminA(), { changes: { minGroupSize: 5, namedProgress: true }, decision })).status, 200);
    const named = await dashboardA();
    assert.equal(named.namedProgressEnabled, true);
    assert.equal(named.namedProgress!.length, 5);
  });

  it('keeps two tenants’ settings and audit logs apart: B’s switch does not reach A’s dashboard, and A cannot reach B', async function () {
    const switched = await patch(await adminB(), { changes: { namedProgress: true, minGroupSize: 9 }, decision });
    assert.equal(switched.status, 200);
    const dashboard = await dashboardA();
    assert.equal(dashboard.namedProgressEnabled, false);
    assert.equal(dashboard.namedProgress, null);
    assert.equal(dashboard.minGroupSize, 5);
    // A's administrator sees A's settings and log, whatever the request names.
    const aSettings = await call<OrgSettingsResponse>(`/api/v1/org/settings?tenantId=${ids.otherTenant}`, await adminA());
    assert.equal(aSettings.body.settings.namedProgress, false);
    assert.equal(aSettings.body.settings.minGroupSize, 5);
    assert.equal((await call<OrgAuditResponse>(`/api/v1/org/audit?tenantId=${ids.otherTenant}`, await adminA())).body.total, 0);
    const smuggled = await patch(await adminA(), { changes: { tenantId: ids.otherTenant, minGroupSize: 6 } });
    assert.equal(smuggled.status, 400);
    // A's change stays in A.
    assert.equal((await patch(await adminA(), { changes: { minGroupSize: 7 } })).status, 200);
    const bSettings = (await call<OrgSettingsResponse>('/api/v1/org/settings', await adminB())).body.settings;
    assert.deepEqual([bSettings.namedProgress, bSettings.minGroupSize], [true, 9]);
    const bAudit = (await call<OrgAuditResponse>('/api/v1/org/audit', await adminB())).body;
    assert.deepEqual(bAudit.entries.map((entry) => entry.actor.userId), [people.adminB.aadObjectId, people.adminB.aadObjectId]);
    const aAudit = (await call<OrgAuditResponse>('/api/v1/org/audit', await adminA())).body;
    assert.deepEqual(aAudit.entries.map((entry) => [entry.setting, entry.newValue]), [['minGroupSize', 7]]);
  });

  it('keeps the audit log for AUDIT_RETENTION_DAYS and each tenant’s answer text for its own retention period', async function () {
    assert.equal((await patch(await adminA(), { changes: { retentionDays: 30 } })).status, 200);
    clock.current = new Date('2026-03-10T08:00:00.000Z');
    assert.equal((await patch(await adminB(), { changes: { remindersEnabled: false } })).status, 200);
    const repos = running.app.repositories;
    const job = new RetentionService({
      retention: repos.retention,
      clock,
      logger: pino({ level: 'silent' }),
      options: { retentionDays: 365, teamGraceDays: 30, auditRetentionDays: 400 },
      tenantSettings: repos.tenantSettings,
    });
    const course = running.app.courses.defaultCourse();
    const lesson = course.content.nb!.lessons[1]!.id;
    const olaRef = { tenantId: ids.tenant, userId: ids.ola.aadObjectId };
    // Within tenant A's 30 days the text stays.
    clock.current = new Date('2026-03-20T08:00:00.000Z');
    await job.run(clock.now());
    assert.equal((await repos.reflections.find(olaRef, course.id, lesson))?.answers[0], 'Delt anonymt');
    // 50 days on: tenant A's 30 days have passed for the answers written on 2 March (the deployment's 365 have not).
    clock.current = new Date('2026-04-21T08:00:00.000Z');
    await job.run(clock.now());
    assert.equal((await repos.reflections.find(olaRef, course.id, lesson))?.answers[0], '');
    assert.equal((await repos.tenantSettings.auditPage(ids.tenant, 0, 10)).total, 1);
    // 400 days after A's change, not yet after B's: A's entry goes, B's stays.
    clock.current = new Date('2027-04-10T08:00:00.000Z');
    await job.run(clock.now());
    assert.equal((await repos.tenantSettings.auditPage(ids.tenant, 0, 10)).total, 0);
    assert.equal((await repos.tenantSettings.auditPage(ids.otherTenant, 0, 10)).total, 1);
  });

  it('moves the teams’ planned deliveries when the tenant changes its weekdays, and drops due-date reminders when it turns them off', async function () {
    const ref = { tenantId: ids.tenant, teamId: team.id };
    const next = async (kind: string) => (await running.app.services.scheduler.states(ref)).find((state) => state.kind === kind)?.nextAt?.toISOString();
    assert.equal(await next('lesson'), '2026-03-09T08:00:00.000Z', 'Mondays 09:00 Oslo');
    assert.ok(await next('reminder'));
    assert.equal((await patch(await adminA(), { changes: { weekdays: [2, 3, 4, 5], remindersEnabled: false } })).status, 200);
    assert.equal(await next('lesson'), '2026-03-10T08:00:00.000Z', 'moved to Tuesday');
    assert.equal(await next('reminder'), undefined);
    // Tenant B's change leaves A's teams alone.
    assert.equal((await patch(await adminB(), { changes: { weekdays: [3] } })).status, 200);
    assert.equal(await next('lesson'), '2026-03-10T08:00:00.000Z');
  });

  it('answers in the tenant’s default language when Teams gives no locale', async function () {
    assert.equal((await patch(await adminA(), { changes: { defaultLanguage: 'nn' } })).status, 200);
    const say = async (locale: string): Promise<string> => {
      const before = connector.sent.length;
      await running.post(personalMessage('help', { serviceUrl: connector.url, user: ids.ola, locale }));
      await connector.waitForSent(before + 1);
      return cardText(connector.sentCards.at(-1));
    };
    assert.match(await say(''), /bokstavar spelar inga rolle/, 'Nynorsk, the organisation’s default');
    assert.match(await say('en-GB'), /What you can type to me/, 'a known locale still wins');
    assert.match(await say('nb-NO'), /bokstaver spiller ingen rolle/);
  });
});

describe('the courses an organisation offers', function () {
  let jwks: FakeJwks;
  let connector: FakeConnector;
  let running: RunningApp;

  before(async function () {
    jwks = await new FakeJwks().start();
    connector = await new FakeConnector().start();
    running = await startApp({ clock, env: { ...ssoEnv(jwks), COURSE_PACKS: 'tests/fixtures/packs/valid' } });
  });

  after(async function () {
    await running.close();
    await connector.stop();
    await jwks.stop();
  });

  it('gives a new team’s setup a course the organisation offers', async function () {
    assert.deepEqual(running.app.courses.all().map((course) => course.id).sort(), ['eksempel-kurs', 'intro-baerekraft', 'sustainable-procurement']);
    const response = await fetch(`${running.url}/api/v1/org/settings`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', ...bearer(await jwks.token(people.adminA, { roles: ['Administrator'] })) },
      body: JSON.stringify({ changes: { courseIds: ['eksempel-kurs'] } }),
    });
    assert.equal(response.status, 200);
    connector.teams.set(team.id, { id: team.id, name: team.name, aadGroupId: team.aadGroupId, channels: [{ id: team.id }], members: teamPeople.slice(0, 5).map((p) => ({ ...p })) });
    await running.post(teamInstall({ serviceUrl: connector.url }));
    await running.post(channelAction('setup.save', { ...seededSetup }, { serviceUrl: connector.url, user: ids.ingrid }));
    const enrollment = (await running.app.services.enrollments.list({ tenantId: ids.tenant, teamId: team.id })).at(0);
    assert.equal(enrollment?.courseId, 'eksempel-kurs');
    // Another tenant still gets the deployment's default course.
    assert.deepEqual((await running.app.services.enrollments.offeredCourses(ids.otherTenant)).map((course) => course.id).sort(), ['eksempel-kurs', 'intro-baerekraft', 'sustainable-procurement']);
  });
});

