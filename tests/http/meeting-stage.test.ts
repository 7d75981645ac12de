import assert from 'node:assert/strict';
import type { StageContent, StageItemsResponse } from '../../bot/http/contracts.js';
import { channelAction, ids, team, teamPeople, type TestUser } from '../helpers/activities.js';
import { startApp, type RunningApp } from '../helpers/app-harness.js';
import { bearer, FakeJwks, ssoEnv } from '../helpers/entra-tokens.js';
import { FakeConnector } from '../helpers/fake-connector.js';
import { seedTeam } from '../helpers/seed-team.js';

const clock = { now: () => new Date('2026-03-02T08:00:00.000Z') };
const smallTeamId = '19:liten-stab@thread.tacv2';

async function get(running: RunningApp, path: string, headers: Record<string, string>, language = 'nb-NO'): Promise<{ status: number; body: any; text: string }> {
  const response = await fetch(`${running.url}${path}`, { headers: { 'accept-language': language, ...headers } });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, text };
}

const dev = (user: TestUser, tenant = ids.tenant) => ({ 'x-dev-user': `${tenant}/${user.aadObjectId}` });
const teamPath = (teamId: string) => `/api/v1/teams/${encodeURIComponent(teamId)}`;

describe('the meeting stage API', function () {
  this.timeout(60_000);
  let running: RunningApp;
  let connector: FakeConnector;
  let lessons: { id: string; title: string }[];
  let courseId: string;
  const [ingrid, ola, kari, per, anne] = teamPeople;

  before(async function () {
    connector = await new FakeConnector().start();
    running = await startApp({ clock, env: { SCHEDULER_TICK_SECONDS: '0' } });
    await seedTeam(running, connector, { members: 5 });
    const course = running.app.courses.defaultCourse();
    courseId = course.id;
    lessons = course.content.nb!.lessons.map((lesson) => ({ id: lesson.id, title: lesson.title }));
  });

  after(async function () {
    await running?.close();
    await connector?.stop();
  });

  const stage = (user: TestUser, lessonId: string, teamId = team.id, language = 'nb-NO') => get(running, `${teamPath(teamId)}/stage/reflection/${encodeURIComponent(lessonId)}`, dev(user), language);

  it('lists the team’s reflection rounds for its course coordinator, newest first, with how many answers were shared', async function () {
    const response = await get(running, `${teamPath(team.id)}/stage-items`, dev(ingrid));
    assert.equal(response.status, 200, response.text);
    const body = response.body as StageItemsResponse;
    assert.deepEqual(body.team, { teamId: team.id, name: team.name });
    assert.deepEqual(
      body.items.map((item) => [item.kind, item.id, item.title, item.shared]),
      [
        ['reflection', lessons[1]!.id, lessons[1]!.title, 2],
        ['reflection', lessons[0]!.id, lessons[0]!.title, 0],
      ],
    );
  });

  it('lets only course coordinators list what to share (a member gets 403)', async function () {
    const response = await get(running, `${teamPath(team.id)}/stage-items`, dev(ola));
    assert.equal(response.status, 403);
    assert.equal(response.body.code, 'forbidden');
  });

  it('shows every member the questions, the shared answers (the anonymous one without a name) and how many answered — never a private answer', async function () {
    for (const viewer of [ingrid, ola, anne]) {
      const response = await stage(viewer, lessons[1]!.id);
      assert.equal(response.status, 200, response.text);
      const body = response.body as StageContent;
      assert.equal(body.kind, 'reflection');
      assert.equal(body.title, lessons[1]!.title);
      assert.deepEqual(body.questions, ['Hva leste du?', 'Hva likte du?', 'Hvordan skal du ta med deg dette inn i egen arbeidshverdag?']);
      assert.equal(body.answered, 3);
      assert.equal(body.members, 5);
      assert.equal(body.distribution, null);
      assert.deepEqual(
        [...body.shared].sort((a, b) => String(a.authorName).localeCompare(String(b.authorName))),
        [
          { authorName: 'Ingrid Nilsen', answers: ['Delt med navn', '', ''] },
          { authorName: null, answers: ['Delt anonymt', '', ''] },
        ],
      );
      // Nothing private and nothing that points to the anonymous author (Ola) or to who chose private (Kari).
      assert.doesNotMatch(response.text, /Bare for meg/);
      for (const other of [ola, kari]) {
        assert.ok(!response.text.includes(other.name), other.name);
        assert.ok(!response.text.includes(other.aadObjectId), other.aadObjectId);
        assert.ok(!response.text.includes(other.id), other.id);
      }
      assert.doesNotMatch(response.text, /private|visibility|userId|aadObjectId|replyId|activityId/);
    }
  });

  it('shows a new answer as soon as it is shared in the channel (anonymously: still no name)', async function () {
    await running.post(
      channelAction('reflection.submit', { courseId, lessonId: lessons[1]!.id, teamId: team.id, visibility: 'anonymous', answer1: 'Nytt anonymt svar', answer2: '', answer3: 'Ta det med til teammøtet' }, { serviceUrl: connector.url, user: per, teamId: team.id }),
    );
    const body = (await stage(ingrid, lessons[1]!.id)).body as StageContent;
    assert.equal(body.answered, 4);
    assert.ok(body.shared.some((shared) => shared.authorName === null && shared.answers[0] === 'Nytt anonymt svar'));
    assert.ok(!JSON.stringify(body).includes(per.name));
  });

  it('refuses a caller from another tenant (the team is looked up in the caller’s own tenant)', async function () {
    const response = await get(running, `${teamPath(team.id)}/stage/reflection/${encodeURIComponent(lessons[1]!.id)}`, dev(ingrid, ids.otherTenant));
    assert.equal(response.status, 404);
    assert.doesNotMatch(response.text, /Delt/);
    assert.equal((await get(running, `${teamPath(team.id)}/stage-items`, dev(ingrid, ids.otherTenant))).status, 404);
  });

  it('takes an answer off the stage as soon as its author makes it private', async function () {
    await running.post(
      channelAction('reflection.submit', { courseId, lessonId: lessons[1]!.id, teamId: team.id, visibility: 'private', answer1: 'Delt med navn', answer2: '', answer3: '' }, { serviceUrl: connector.url, user: ingrid, teamId: team.id }),
    );
    const response = await stage(ola, lessons[1]!.id);
    assert.ok(!response.text.includes('Ingrid Nilsen'), response.text);
    assert.ok((response.body as StageContent).shared.every((shared) => shared.authorName === null));
  });

  it('answers 404 for a lesson not posted yet or not in the course, 400 for an unknown kind, and 404 for a dilemma round the team does not have', async function () {
    assert.equal((await stage(ingrid, lessons[2]!.id)).status, 404);
    assert.equal((await stage(ingrid, 'no-such-lesson')).status, 404);
    assert.equal((await get(running, `${teamPath(team.id)}/stage/poll/x`, dev(ingrid))).status, 400);
    const dilemma = await get(running, `${teamPath(team.id)}/stage/dilemma/some-dilemma`, dev(ingrid));
    assert.equal(dilemma.status, 404);
    assert.equal(dilemma.body.code, 'notFound');
  });

  it('speaks the meeting’s language (the questions in English for an English Teams)', async function () {
    const body = (await stage(ola, lessons[1]!.id, team.id, 'en-GB')).body as StageContent;
    assert.deepEqual(body.questions, ['What did you read?', 'What did you like?', 'How will you bring this into your own working day?']);
  });
});

describe('the meeting stage API for a team below the minimum group size', function () {
  this.timeout(60_000);
  let running: RunningApp;
  let connector: FakeConnector;
  let lessons: { id: string; title: string }[];
  const [ingrid, , , , anne] = teamPeople;

  before(async function () {
    connector = await new FakeConnector().start();
    running = await startApp({ clock, env: { SCHEDULER_TICK_SECONDS: '0' } });
    // Four people (the minimum group size is 5): Anne is not in the team.
    await seedTeam(running, connector, { members: 4, teamId: smallTeamId, name: 'Liten stab' });
    lessons = running.app.courses.defaultCourse().content.nb!.lessons.map((lesson) => ({ id: lesson.id, title: lesson.title }));
  });

  after(async function () {
    await running?.close();
    await connector?.stop();
  });

  const stage = (user: TestUser, lessonId: string, teamId = smallTeamId) => get(running, `${teamPath(teamId)}/stage/reflection/${encodeURIComponent(lessonId)}`, dev(user));

  it('hides how many answered in a team smaller than the minimum group size, but shows what was shared', async function () {
    const response = await stage(ingrid, lessons[1]!.id, smallTeamId);
    assert.equal(response.status, 200, response.text);
    const body = response.body as StageContent;
    assert.equal(body.answered, null);
    assert.equal(body.members, null);
    assert.equal(body.minGroupSize, 5);
    assert.equal(body.shared.length, 2);
    assert.doesNotMatch(response.text, /Bare for meg/);
  });

  it('refuses someone who is not a member of the team whose round is shown', async function () {
    const response = await stage(anne, lessons[1]!.id, smallTeamId);
    assert.equal(response.status, 403);
    assert.doesNotMatch(response.text, /Delt/);
    assert.equal((await get(running, `${teamPath(smallTeamId)}/stage-items`, dev(anne))).status, 403);
    assert.equal((await get(running, `${teamPath(smallTeamId)}/stage/dilemma/anything`, dev(anne))).status, 403);
  });

});

describe('the meeting stage API with single sign-on', function () {
  this.timeout(60_000);
  let jwks: FakeJwks;
  let running: RunningApp;
  let connector: FakeConnector;
  let lessonId: string;

  before(async function () {
    jwks = await new FakeJwks().start();
    connector = await new FakeConnector().start();
    running = await startApp({ clock, env: { SCHEDULER_TICK_SECONDS: '0', ...ssoEnv(jwks) } });
    await seedTeam(running, connector, { members: 5 });
    lessonId = running.app.courses.defaultCourse().content.nb!.lessons[1]!.id;
  });

  after(async function () {
    await running?.close();
    await connector?.stop();
    await jwks?.stop();
  });

  it('shows the stage to a member with a valid Entra token, and refuses the same person’s id in another tenant and a missing token', async function () {
    const path = `${teamPath(team.id)}/stage/reflection/${encodeURIComponent(lessonId)}`;
    assert.equal((await get(running, path, bearer(await jwks.token(ids.ola)))).status, 200);
    const other = await get(running, path, bearer(await jwks.token(ids.ola, { tid: ids.otherTenant })));
    assert.equal(other.status, 404);
    assert.doesNotMatch(other.text, /Delt/);
    assert.equal((await get(running, path, {})).status, 401);
    assert.equal((await get(running, path, dev(ids.ola))).status, 401);
  });
});
