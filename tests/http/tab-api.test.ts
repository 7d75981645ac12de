import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import type { MeResponse, MyCourse, TeamDashboard } from '../../bot/http/contracts.js';
import { channelAction, ids, team, teamInstall, teamPeople, type TestUser } from '../helpers/activities.js';
import { startApp, type RunningApp } from '../helpers/app-harness.js';
import { FakeJwks, testSso } from '../helpers/entra-tokens.js';
import { cardOf, cardText, FakeConnector } from '../helpers/fake-connector.js';
import { seedTeam } from '../helpers/seed-team.js';

const clock = { now: () => new Date('2026-03-02T08:00:00.000Z') };
const CLIENT_ID = testSso.clientId;
const APP_ID_URI = testSso.appIdUri;


async function api(running: RunningApp, path: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}): Promise<{ status: number; body: any; headers: Headers; text: string }> {
  const response = await fetch(`${running.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { 'content-type': 'application/json', 'accept-language': 'nb-NO', ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: response.status, body, headers: response.headers, text };
}

const dev = (user: TestUser, tenant = ids.tenant) => ({ 'x-dev-user': `${tenant}/${user.aadObjectId}` });

describe('tab API single sign-on', function () {
  let jwks: FakeJwks;
  let running: RunningApp;
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  before(async function () {
    jwks = await new FakeJwks().start();
    running = await startApp({ clock, env: { AAD_APP_CLIENT_ID: CLIENT_ID, AAD_APP_ID_URI: APP_ID_URI, ENTRA_JWKS_URL: jwks.url, ALLOWED_TENANT_IDS: `${ids.tenant}, ${ids.otherTenant}` } });
  });

  after(async function () {
    await running.close();
    await jwks.stop();
  });

  it('accepts a valid token and knows the caller by oid and tid', async function () {
    const me = await api(running, '/api/v1/me', { headers: bearer(await jwks.token(ids.ingrid)) });
    assert.equal(me.status, 200);
    assert.deepEqual((me.body as MeResponse).user, { tenantId: ids.tenant, userId: ids.ingrid.aadObjectId, name: ids.ingrid.name });
  });

  it('accepts the App ID URI as audience and the v1 issuer', async function () {
    const token = await jwks.token(ids.ingrid, { aud: APP_ID_URI, iss: `https://sts.windows.net/${ids.tenant}/` });
    assert.equal((await api(running, '/api/v1/me', { headers: bearer(token) })).status, 200);
  });

  const faults: [string, () => Promise<string>][] = [
    ['an expired token', () => jwks.token(ids.ingrid, { exp: Math.floor(Date.now() / 1000) - 600 })],
    ['a token not yet valid beyond the allowed skew', () => jwks.token(ids.ingrid, { nbf: Math.floor(Date.now() / 1000) + 900 })],
    ['a wrong audience', () => jwks.token(ids.ingrid, { aud: 'api://someone-else' })],
    ['a wrong issuer', () => jwks.token(ids.ingrid, { iss: 'https://login.example.com/evil/v2.0' })],
    ['a tenant outside the allow-list', () => jwks.token(ids.ingrid, { tid: '00000000-0000-4000-8000-00000000dead' })],
    ['a bad signature', () => jwks.token(ids.ingrid, { key: jwks.otherKey })],
    ['a missing access_as_user scope', () => jwks.token(ids.ingrid, { scp: 'User.Read' })],
    ['an unsigned token', async () => `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ tid: ids.tenant, oid: 'x', aud: CLIENT_ID, scp: 'access_as_user' })).toString('base64url')}.`],
    ['garbage', async () => 'not-a-token'],
  ];
  for (const [fault, make] of faults) {
    it(`refuses ${fault} with 401 and a message in the caller’s language`, async function () {
      const response = await api(running, '/api/v1/me', { headers: bearer(await make()) });
      assert.equal(response.status, 401);
      assert.deepEqual(response.body, { code: 'unauthorized', message: 'Du må være logget inn. Last inn fanen på nytt.' });
    });
  }

  it('refuses a request without a token, and ignores a developer identity when SSO is configured', async function () {
    assert.equal((await api(running, '/api/v1/me')).status, 401);
    assert.equal((await api(running, '/api/v1/me', { headers: dev(ids.ingrid) })).status, 401);
    assert.equal((await api(running, '/api/v1/dev/identities')).status, 404);
  });
  it('fetches keys only for an accepted tenant: tokens with invented tenant ids cause no fetch', async function () {
    await api(running, '/api/v1/me', { headers: bearer(await jwks.token(ids.ingrid)) });
    const before = jwks.requested.length;
    for (let i = 0; i < 60; i += 1) {
      const tid = randomUUID();
      const response = await api(running, '/api/v1/me', { headers: bearer(await jwks.token(ids.ingrid, { tid, key: jwks.otherKey })) });
      assert.equal(response.status, 401);
    }
    assert.deepEqual(jwks.requested.slice(before), []);
    assert.ok(jwks.requested.every((path) => path.startsWith(`/${ids.tenant}/`) || path.startsWith(`/${ids.otherTenant}/`)), jwks.requested.join(', '));
  });
});

describe('tab API single sign-on for any tenant (ALLOWED_TENANT_IDS=*)', function () {
  it('uses the one common key set for every tenant, however many tenant ids callers invent', async function () {
    const jwks = await new FakeJwks().start();
    const running = await startApp({ clock, env: { AAD_APP_CLIENT_ID: CLIENT_ID, ENTRA_JWKS_URL: jwks.url, ALLOWED_TENANT_IDS: '*' } });
    try {
      for (let i = 0; i < 60; i += 1) {
        const response = await api(running, '/api/v1/me', { headers: { authorization: `Bearer ${await jwks.token(ids.ingrid, { tid: randomUUID(), key: jwks.otherKey })}` } });
        assert.equal(response.status, 401);
      }
      assert.ok(jwks.requested.length >= 1 && jwks.requested.length <= 3, `${jwks.requested.length} key-set fetches`);
      assert.ok(jwks.requested.every((path) => path.startsWith('/common/')), jwks.requested.join(', '));
      assert.equal((await api(running, '/api/v1/me', { headers: { authorization: `Bearer ${await jwks.token(ids.ingrid, { tid: randomUUID() })}` } })).status, 200);
    } finally {
      await running.close();
      await jwks.stop();
    }
  });
});

describe('tab API in local mode', function () {
  it('refuses developer identities when NODE_ENV is production', async function () {
    const running = await startApp({ clock, env: { NODE_ENV: 'production' } });
    try {
      assert.equal((await api(running, '/api/v1/me', { headers: dev(ids.ingrid) })).status, 401);
      assert.equal((await api(running, '/api/v1/dev/identities')).status, 404);
    } finally {
      await running.close();
    }
  });
});

describe('tab API privacy and actions', function () {
  let connector: FakeConnector;
  let running: RunningApp;

  async function start(env: NodeJS.ProcessEnv = {}, members = 5): Promise<void> {
    connector = await new FakeConnector().start();
    running = await startApp({ clock, env });
    await seedTeam(running, connector, { members });
  }

  afterEach(async function () {
    await running.close();
    await connector.stop();
  });

  const dashboard = async (user: TestUser, teamId = team.id) => api(running, `/api/v1/teams/${encodeURIComponent(teamId)}/dashboard`, { headers: dev(user) });

  it('shows a leader the team’s aggregates, schedules and deliveries, but no names by default', async function () {
    await start();
    const response = await dashboard(ids.ingrid);
    assert.equal(response.status, 200);
    const body = response.body as TeamDashboard;
    assert.equal(body.viewer.role, 'leader');
    assert.equal(body.members, 5);
    // A team of five: a count of 1 … 4 is a band, as in the leader's headline (headCount); 0 and 5 are exact.
    const band = { from: 1, to: 4 };
    assert.deepEqual(body.lessons.slice(0, 3).map((l) => [l.posted, l.read, l.readBand]), [[true, null, band], [true, null, band], [false, 0, null]]);
    assert.deepEqual([body.lessons[1]!.reflections, body.lessons[1]!.reflectionsBand], [null, band]);
    assert.deepEqual(body.schedules!.map((s) => s.kind).sort(), ['lesson', 'reflection', 'reminder']);
    assert.match(body.schedules!.find((s) => s.kind === 'lesson')!.description, /hver mandag kl\. 09\.00/);
    assert.ok(Array.isArray(body.deliveries));
    assert.equal(body.namedProgress, null);
    assert.equal(body.namedProgressEnabled, false);
    assert.ok(body.participation.every((week) => typeof week.lessonsRead === 'number'));
  });

  it('rounds the weekly participation down to a multiple of the minimum group size, so a week does not undo a band', async function () {
    await start();
    const week = async () => {
      const body = (await dashboard(ids.ingrid)).body as TeamDashboard;
      assert.equal(body.participation.length, 1, 'everything was read in one week');
      return { week: body.participation[0]!, lessons: body.lessons };
    };
    // Seeded: 3 read lesson 1 and 1 read lesson 2 this week: 4 reads, which would say that 4 of the 5 read, or that
    // the one who read lesson 2 is among the 3; the lessons show 1–4 each.
    const seeded = await week();
    assert.equal(seeded.week.lessonsRead, 0);
    assert.deepEqual(seeded.lessons.slice(0, 2).map((lesson) => lesson.readBand), [{ from: 1, to: 4 }, { from: 1, to: 4 }]);
    assert.equal((seeded.week.reflections ?? 0) % 5, 0);
    const course = running.app.courses.defaultCourse();
    const read = channelAction('lesson.read', { courseId: course.id, lessonId: course.content.nb!.lessons[0]!.id, teamId: team.id }, { serviceUrl: connector.url, user: teamPeople[3]!, teamId: team.id });
    assert.equal((await running.post(read)).status, 200);
    assert.equal((await week()).week.lessonsRead, 5, 'a fifth read: 5');
  });

  it('shows reflection text only where its author shared it, anonymous without a name', async function () {
    await start();
    const body = (await dashboard(ids.ingrid)).body as TeamDashboard;
    const round = body.rounds.find((r) => r.lessonId === body.lessons[1]!.lessonId)!;
    assert.deepEqual(round.shared.map((s) => [s.authorName, s.answers[0]]).sort(), [[ids.ingrid.name, 'Delt med navn'], [null, 'Delt anonymt']].sort());
    assert.doesNotMatch(JSON.stringify(body), /Bare for meg/);
  });

  it('shows a member their own progress and the team’s totals, but no schedules, deliveries or names', async function () {
    await start({ NAMED_PROGRESS: 'true' });
    const body = (await dashboard(ids.ola)).body as TeamDashboard;
    assert.equal(body.viewer.role, 'member');
    assert.equal(body.schedules, null);
    assert.equal(body.deliveries, null);
    assert.equal(body.namedProgress, null);
    assert.deepEqual(body.own, { lessonsRead: 1, lessonsTotal: 8, reflections: 1 });
    assert.deepEqual([body.lessons[0]!.read, body.lessons[0]!.readBand], [null, { from: 1, to: 4 }]);
  });

  it('shows leaders named counts only when the organisation has switched named progress on', async function () {
    await start({ NAMED_PROGRESS: 'true' });
    const body = (await dashboard(ids.ingrid)).body as TeamDashboard;
    assert.equal(body.namedProgressEnabled, true);
    assert.deepEqual(body.namedProgress!.find((row) => row.name === ids.ola.name), { name: ids.ola.name, lessonsRead: 1, reflections: 1 });
    assert.equal(body.namedProgress!.length, 5);
  });

  it('shows no figure for a team smaller than the minimum group size', async function () {
    await start({}, 4);
    const body = (await dashboard(ids.ingrid)).body as TeamDashboard;
    assert.equal(body.tooFewToShow, true);
    assert.equal(body.members, null);
    assert.ok(body.lessons.every((lesson) => lesson.read === null && lesson.reflections === null && lesson.readBand === null && lesson.reflectionsBand === null));
    assert.ok(body.participation.every((week) => week.lessonsRead === null && week.reflections === null));
    assert.ok(body.rounds.every((round) => round.reflections === null));
  });

  it('gives a leader of one team 403 for another team, and another tenant nothing', async function () {
    await start();
    const otherTeam = '19:helse-general@thread.tacv2';
    connector.teams.set(otherTeam, { id: otherTeam, name: 'Helse', aadGroupId: 'g2', channels: [{ id: otherTeam }], members: teamPeople.slice(1).map((p) => ({ ...p })) });
    await running.post(teamInstall({ serviceUrl: connector.url, teamId: otherTeam }));
    const refused = await dashboard(ids.ingrid, otherTeam);
    assert.equal(refused.status, 403);
    assert.equal(refused.body.message, 'Du har ikke tilgang til dette teamet.');
    const otherTenant = await api(running, `/api/v1/teams/${encodeURIComponent(team.id)}/dashboard`, { headers: dev(ids.ingrid, ids.otherTenant) });
    assert.notEqual(otherTenant.status, 200);
  });

  it('exports the aggregates as CSV for leaders, and refuses members', async function () {
    await start();
    const csv = await api(running, `/api/v1/teams/${encodeURIComponent(team.id)}/export.csv`, { headers: dev(ids.ingrid) });
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
    assert.match(csv.headers.get('content-disposition') ?? '', /attachment; filename="framdrift-oppvekst\.csv"/);
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    assert.equal(lines[0], 'Nr.;Leksjon;Sendt i kanalen;Har lest;Medlemmer;Refleksjoner;Delte svar');
    assert.equal(lines.length, 9);
    // The same bands as the tab (a team of five: 1 … 4 is "1–4").
    assert.match(lines[1]!, /^1;.*;Ja;1–4;5;0;0$/);
    assert.match(lines[2]!, /^2;.*;Ja;1–4;5;1–4;2$/);
    assert.equal((await api(running, `/api/v1/teams/${encodeURIComponent(team.id)}/export.csv`, { headers: dev(ids.ola) })).status, 403);
  });

  it('lets a leader pause, resume and send now, and change the time with clear validation', async function () {
    await start();
    const path = (kind: string, action: string) => `/api/v1/teams/${encodeURIComponent(team.id)}/schedules/${kind}/${action}`;
    const paused = await api(running, path('lesson', 'pause'), { method: 'POST', headers: dev(ids.ingrid) });
    assert.equal(paused.body.schedules.find((s: { kind: string }) => s.kind === 'lesson').paused, true);
    const resumed = await api(running, path('lesson', 'resume'), { method: 'POST', headers: dev(ids.ingrid) });
    assert.equal(resumed.body.schedules.find((s: { kind: string }) => s.kind === 'lesson').paused, false);
    const before = connector.calls.filter((call) => call.path === '/v3/conversations').length;
    const sent = await api(running, path('lesson', 'send-now'), { method: 'POST', headers: dev(ids.ingrid) });
    assert.equal(sent.body.channel, 'Generelt', 'the confirmation can name the channel (General has no name in Teams’ data)');
    assert.equal(sent.body.earlierTryGaveUp, undefined, 'no earlier try gave up: no warning');
    assert.equal(connector.calls.filter((call) => call.path === '/v3/conversations').length, before, 'the request only queues');
    await running.app.services.outboxWorker.drain();
    assert.equal(connector.calls.filter((call) => call.path === '/v3/conversations').length, before + 1);
    const history = await api(running, `/api/v1/teams/${encodeURIComponent(team.id)}/dashboard`, { headers: dev(ids.ingrid) });
    assert.ok(JSON.stringify(history.body).includes('"kind":"lesson"'), 'the sent-now lesson is in the delivery history');
    assert.equal((await api(running, path('lesson', 'pause'), { method: 'POST', headers: dev(ids.ola) })).status, 403);
    assert.equal((await api(running, path('everything', 'pause'), { method: 'POST', headers: dev(ids.ingrid) })).status, 400);

    const times = `/api/v1/teams/${encodeURIComponent(team.id)}/schedule-times`;
    const changed = await api(running, times, { method: 'PATCH', headers: dev(ids.ingrid), body: { lessonTime: '10:30' } });
    assert.equal(changed.status, 200);
    assert.match(changed.body.schedules.find((s: { kind: string }) => s.kind === 'lesson').description, /kl\. 10\.30/);
    const impossible = await api(running, times, { method: 'PATCH', headers: dev(ids.ingrid), body: { lessonTime: '25:00' } });
    assert.equal(impossible.status, 400);
    assert.equal(impossible.body.code, 'validation');
    assert.match(impossible.body.problems[0].message, /Klokkeslett for leksjonene: verdien er ikke gyldig/);
  });

  it('shows a leader each delivery’s state, and why one failed or is retried, in plain words', async function () {
    await start();
    const teamPath = `/api/v1/teams/${encodeURIComponent(team.id)}`;
    const deliveries = async (language = 'nb-NO') => ((await api(running, `${teamPath}/dashboard`, { headers: { ...dev(ids.ingrid), 'accept-language': language } })).body as TeamDashboard).deliveries!;
    const newThread = (call: { method: string; path: string }) => call.method === 'POST' && call.path === '/v3/conversations';

    await api(running, `${teamPath}/schedules/lesson/send-now`, { method: 'POST', headers: dev(ids.ingrid) });
    const queued = (await deliveries()).find((delivery) => delivery.status !== 'sent');
    assert.deepEqual({ kind: queued?.kind, status: queued?.status, reason: queued?.reason }, { kind: 'lesson', status: 'queued', reason: null });

    // Teams answers 403 to a channel post when the app is no longer in the team.
    connector.stallNext(newThread, { status: 403, code: 'BotNotInConversationRoster' }).release();
    await running.app.services.outboxWorker.drain();
    const failed = (await deliveries()).find((delivery) => delivery.id === queued!.id)!;
    assert.deepEqual({ status: failed.status, reason: failed.reason, sent: failed.sent, failed: failed.failed }, { status: 'failed', reason: 'appen er fjernet fra teamet', sent: 0, failed: 1 });
    assert.equal((await deliveries('en')).find((delivery) => delivery.id === queued!.id)!.reason, 'the app was removed from the team');

    // A 429 asking for a longer wait than the messenger holds a send: the outbox tries again later.
    await api(running, `${teamPath}/next-steps/round`, { method: 'POST', headers: dev(ids.ingrid) });
    connector.stallNext(newThread, { status: 429, retryAfter: '120', code: 'Throttled' }).release();
    await running.app.services.outboxWorker.drain();
    const retrying = (await deliveries()).find((delivery) => delivery.kind === 'nextSteps')!;
    assert.deepEqual({ status: retrying.status, reason: retrying.reason }, { status: 'retrying', reason: 'Teams var opptatt; prøvd 1 gang' });
    assert.equal((await deliveries('nn')).find((delivery) => delivery.kind === 'nextSteps')!.reason, 'Teams var overbelasta; prøvd 1 gong');
  });

  it('gives the personal tab one’s own lessons and reflections, with edit and delete that follow the thread', async function () {
    await start();
    const course = (await api(running, '/api/v1/me/course', { headers: dev(ids.ingrid) })).body as MyCourse;
    assert.equal(course.lessonsRead, 2);
    assert.equal(course.reflections.length, 1);
    assert.equal(course.reflections[0]!.visibility, 'named');
    const lessonId = course.reflections[0]!.lessonId;

    const tooLong = await api(running, `/api/v1/me/reflections/${lessonId}`, { method: 'PUT', headers: dev(ids.ingrid), body: { answers: ['x'.repeat(1001), '', ''] } });
    assert.equal(tooLong.status, 400);
    assert.match(tooLong.body.problems[0].message, /Svaret på «Hva leste du\?» er 1001 tegn langt/);

    const edited = await api(running, `/api/v1/me/reflections/${lessonId}`, { method: 'PUT', headers: dev(ids.ingrid), body: { answers: ['Endret i fanen', '', ''] } });
    assert.equal(edited.status, 200);
    assert.equal(edited.body.answers[0], 'Endret i fanen');
    await running.app.services.outboxWorker.drain();
    assert.match(cardText(cardOf(connector.updated.at(-1)!.body)), /Endret i fanen/);

    const deleted = await api(running, `/api/v1/me/reflections/${lessonId}`, { method: 'DELETE', headers: dev(ids.ingrid) });
    assert.equal(deleted.status, 204);
    await running.app.services.outboxWorker.drain();
    assert.match(cardText(cardOf(connector.updated.at(-1)!.body)), /Forfatteren har trukket tilbake dette svaret/);
    assert.equal((await api(running, `/api/v1/me/reflections/${lessonId}`, { method: 'DELETE', headers: dev(ids.ingrid) })).status, 404);
    const dashboardAfter = (await dashboard(ids.ingrid)).body as TeamDashboard;
    assert.ok(dashboardAfter.rounds.every((round) => round.shared.every((s) => s.authorName !== ids.ingrid.name)));

    const lesson = await api(running, `/api/v1/me/lessons/${course.lessons[2]!.lessonId}`, { headers: dev(ids.ingrid) });
    assert.equal(lesson.body.read, false);
    const read = await api(running, `/api/v1/me/lessons/${course.lessons[2]!.lessonId}/read`, { method: 'POST', headers: dev(ids.ingrid) });
    assert.equal(read.body.read, true);
    assert.equal((await api(running, '/api/v1/me/lessons/no-such-lesson', { headers: dev(ids.ingrid) })).status, 404);
  });

  it('serves the tab’s messages in every language, and lists developer identities in local mode', async function () {
    await start();
    const nn = await api(running, '/api/v1/i18n/nn');
    assert.equal(nn.status, 200);
    assert.ok(Object.keys(nn.body.messages).length > 0);
    assert.equal((await api(running, '/api/v1/i18n/xx')).status, 404);
    const identities = await api(running, '/api/v1/dev/identities');
    assert.ok(identities.body.some((person: { name: string }) => person.name === ids.ingrid.name));
  });
});
