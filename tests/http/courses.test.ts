import assert from 'node:assert/strict';
import type { MyCourse, SetupForm, TeamDashboard } from '../../bot/http/contracts.js';
import { courseText } from '../../bot/core/course.js';
import { channelAction, channelMessage, ids, personalMessage, team, teamInstall, teamPeople, type TestUser } from '../helpers/activities.js';
import { startApp, type RunningApp } from '../helpers/app-harness.js';
import { bearer, FakeJwks, ssoEnv } from '../helpers/entra-tokens.js';
import { cardOf, cardText, FakeConnector } from '../helpers/fake-connector.js';
import { seededSetup } from '../helpers/seed-team.js';

const clock = { now: () => new Date('2026-03-02T08:00:00.000Z') };
const INTRO = 'intro-baerekraft';
/** The second built-in course, offered beside the others. */
const PROCUREMENT = 'sustainable-procurement';
const SECOND = 'andre-kurs';
const admin = { id: '29:astrid', aadObjectId: '6a1c0e5e-0000-4000-8000-0000000000e5', name: 'Astrid Berg' };

/**
 * Several courses per team, over the real interfaces: the deployment serves the built-in course and a second pack
 * (COURSE_PACKS=tests/fixtures/packs/courses); a team runs both side by side.
 */
describe('several courses per team', function () {
  // Starting the app with a pack folder and installing the team takes a few seconds on a busy machine.
  this.timeout(60_000);
  let jwks: FakeJwks;
  let connector: FakeConnector;
  let running: RunningApp;

  beforeEach(async function () {
    jwks = await new FakeJwks().start();
    connector = await new FakeConnector().start();
    connector.teams.set(team.id, { id: team.id, name: team.name, aadGroupId: team.aadGroupId, channels: [{ id: team.id }], members: teamPeople.slice(0, 5).map((p) => ({ ...p })) });
    running = await startApp({ clock, env: { ...ssoEnv(jwks), COURSE_PACKS: 'tests/fixtures/packs/courses' } });
    assert.equal((await running.post(teamInstall({ serviceUrl: connector.url }))).status, 200);
  });

  afterEach(async function () {
    await running.close();
    await connector.stop();
    await jwks.stop();
  });

  const as = (user: TestUser) => ({ serviceUrl: connector.url, user });
  const ref = { tenantId: ids.tenant, teamId: team.id };
  const title = (courseId: string, language = 'nb') => courseText(running.app.courses.get(courseId)!, language).title;
  const lessons = (courseId: string, language = 'nb') => courseText(running.app.courses.get(courseId)!, language).lessons;

  async function api<T = any>(user: TestUser, path: string, init: { method?: string; body?: unknown; roles?: readonly string[] } = {}): Promise<{ status: number; body: T }> {
    const response = await fetch(`${running.url}${path}`, {
      method: init.method ?? 'GET',
      headers: { 'content-type': 'application/json', ...bearer(await jwks.token(user, { roles: init.roles ?? [] })) },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  async function setUp(courseId: string | undefined, user: TestUser = ids.ingrid): Promise<string> {
    const response = await running.post(channelAction('setup.save', { ...seededSetup, ...(courseId ? { courseId } : {}) }, as(user)));
    assert.equal(response.status, 200);
    return cardText(response.body.value);
  }

  /** Queues a lesson of the course now and lets the outbox post it; returns the posted card's text. */
  async function postLesson(courseId: string): Promise<string> {
    const before = connector.calls.length;
    await running.post(channelAction('lesson.post', { teamId: team.id, courseId }, as(ids.ingrid)));
    await running.app.services.outboxWorker.drain();
    const created = connector.calls.slice(before).find((call) => call.method === 'POST' && call.path === '/v3/conversations');
    assert.ok(created, `no lesson of ${courseId} was posted`);
    return cardText(cardOf(created.body.activity as Record<string, unknown>)!);
  }

  it('runs a second course beside the first: setups, schedules, lessons, progress and the dashboard stay apart', async function () {
    assert.match(await setUp(INTRO), /Kurset er satt opp/);
    const second = await setUp(SECOND);
    assert.match(second, /Kurset er satt opp/, 'a second course is a new setup, not a change of the first');
    assert.match(second, new RegExp(title(SECOND)));
    assert.deepEqual((await running.app.services.enrollments.list(ref)).map((enrollment) => enrollment.courseId).sort(), [SECOND, INTRO]);
    const schedules = await running.app.repositories.schedules.list(ref);
    assert.deepEqual(schedules.map((state) => `${state.team.courseId}:${state.kind}`).sort(), [SECOND, INTRO].flatMap((id) => [`${id}:lesson`, `${id}:reflection`, `${id}:reminder`]));

    // A typed command that acts on "the course" asks which one, with a button per course.
    connector.clear();
    await running.post(channelMessage('send leksjon', as(ids.ingrid)));
    await connector.waitForSent(1);
    const ask = connector.sentCards[0]!;
    assert.match(cardText(ask), /Teamet har flere kurs/);
    const buttons = (ask.actions as { verb: string; data: { courseId: string } }[]).map((action) => `${action.verb}:${action.data.courseId}`);
    assert.deepEqual(buttons.sort(), [`lesson.post:${SECOND}`, `lesson.post:${INTRO}`]);
    assert.equal((await running.app.repositories.schedules.deliveries(ref, 10)).length, 0, 'nothing was queued before the choice');

    // Each course posts its own first lesson.
    assert.match(await postLesson(SECOND), new RegExp(lessons(SECOND)[0]!.title));
    assert.match(await postLesson(INTRO), new RegExp(lessons(INTRO)[0]!.title));
    assert.match(await postLesson(SECOND), new RegExp(lessons(SECOND)[1]!.title));
    assert.equal((await running.app.repositories.lessonThreads.list(ref, SECOND)).length, 2);
    assert.equal((await running.app.repositories.lessonThreads.list(ref, INTRO)).length, 1);
    const deliveries = await running.app.repositories.schedules.deliveries({ ...ref, courseId: SECOND }, 10);
    assert.deepEqual([...new Set(deliveries.map((delivery) => delivery.courseId))], [SECOND]);
    assert.equal(deliveries.length, 2);

    // Progress is per course: Ola reads the second course's first lesson only.
    const olaRead = await running.post(channelAction('lesson.read', { teamId: team.id, courseId: SECOND, lessonId: lessons(SECOND)[0]!.id }, as(ids.ola)));
    assert.equal(olaRead.status, 200);
    const ola = { tenantId: ids.tenant, userId: ids.ola.aadObjectId };
    assert.deepEqual([...(await running.app.repositories.progress.readLessonIds(ola, SECOND))], [lessons(SECOND)[0]!.id]);
    assert.equal((await running.app.repositories.progress.readLessonIds(ola, INTRO)).size, 0);

    // A reflection round of one course goes to that course's latest lesson.
    await running.post(channelAction('round.start', { teamId: team.id, courseId: INTRO }, as(ids.ingrid)));
    await running.app.services.outboxWorker.drain();
    assert.ok((await running.app.repositories.lessonThreads.find(ref, INTRO, lessons(INTRO)[0]!.id))?.reflectionActivityId);
    assert.ok((await running.app.repositories.lessonThreads.list(ref, SECOND)).every((thread) => thread.reflectionActivityId === undefined), 'no round in the other course');

    // Reflections are per course: Ola answers in the second course's round; the first course's round has none.
    await running.post(channelAction('round.start', { teamId: team.id, courseId: SECOND }, as(ids.ingrid)));
    await running.app.services.outboxWorker.drain();
    // (The test clock stands still, so which of the two lessons counts as the latest is the database's choice.)
    const withRound = (await running.app.repositories.lessonThreads.list(ref, SECOND)).filter((thread) => thread.reflectionActivityId !== undefined);
    assert.equal(withRound.length, 1);
    const roundLesson = withRound[0]!.lessonId;
    const answered = await running.post(
      channelAction('reflection.submit', { teamId: team.id, courseId: SECOND, lessonId: roundLesson, visibility: 'private', answer1: 'Vi tar det opp på neste møte' }, as(ids.ola)),
    );
    assert.equal(answered.status, 200);
    assert.equal(await running.app.repositories.reflections.count(ola, SECOND), 1);
    assert.equal(await running.app.repositories.reflections.count(ola, INTRO), 0);

    // The dashboard shows one course at a time, with a picker of the team's courses.
    const path = `/api/v1/teams/${encodeURIComponent(team.id)}/dashboard`;
    const secondBoard = await api<TeamDashboard>(ids.ingrid, `${path}?course=${SECOND}`);
    assert.equal(secondBoard.status, 200);
    assert.equal(secondBoard.body.courseId, SECOND);
    assert.deepEqual(secondBoard.body.courses.map((course) => course.id).sort(), [SECOND, INTRO]);
    // One reader of the second course (Ola) is a small count: a band, as the headline gives it; none of the intro course.
    assert.deepEqual(secondBoard.body.lessons.map((lesson) => [lesson.lessonId, lesson.posted, lesson.read, lesson.readBand?.from ?? null]), [
      [lessons(SECOND)[0]!.id, true, null, 1],
      [lessons(SECOND)[1]!.id, true, 0, null],
    ]);
    assert.equal(secondBoard.body.schedules?.length, 3, 'the schedules of that course only');
    const introBoard = await api<TeamDashboard>(ids.ingrid, `${path}?course=${INTRO}`);
    assert.equal(introBoard.body.courseId, INTRO);
    assert.equal(introBoard.body.lessons.filter((lesson) => lesson.posted).length, 1);
    assert.equal(introBoard.body.lessons.reduce((n, lesson) => n + (lesson.read ?? 0), 0), 0);
    assert.equal(introBoard.body.rounds.length, 1);
    assert.equal(introBoard.body.rounds[0]!.reflections, 0);
    assert.equal(secondBoard.body.lessons.find((lesson) => lesson.lessonId === roundLesson)?.reflectionsBand?.from, 1, 'one reflection: a band, as the headline gives small counts');
    assert.equal((await api(ids.ingrid, `${path}?course=eksempel-kurs`)).status, 409, 'a course the team does not run');

    // Pausing one course's lessons leaves the other's running.
    const paused = await api(ids.ingrid, `/api/v1/teams/${encodeURIComponent(team.id)}/schedules/lesson/pause?course=${SECOND}`, { method: 'POST' });
    assert.equal(paused.status, 200);
    const states = await running.app.repositories.schedules.list(ref);
    assert.equal(states.find((state) => state.team.courseId === SECOND && state.kind === 'lesson')?.paused, true);
    assert.equal(states.find((state) => state.team.courseId === INTRO && state.kind === 'lesson')?.paused, false);
  });

  it('fires both courses’ schedules due at the same moment: one delivery and one lesson thread each', async function () {
    await setUp(INTRO);
    await setUp(SECOND);
    const dueAt = new Date(clock.now().getTime() - 60_000);
    for (const courseId of [INTRO, SECOND]) await running.app.repositories.schedules.plan({ ...ref, courseId }, 'lesson', dueAt, clock.now());
    await running.app.services.scheduler.tick();
    await running.app.services.scheduler.tick();
    await running.app.services.outboxWorker.drain();
    assert.deepEqual((await running.app.repositories.lessonThreads.list(ref, INTRO)).map((thread) => thread.lessonId), [lessons(INTRO)[0]!.id]);
    assert.deepEqual((await running.app.repositories.lessonThreads.list(ref, SECOND)).map((thread) => thread.lessonId), [lessons(SECOND)[0]!.id]);
    const deliveries = await running.app.repositories.schedules.deliveries(ref, 10);
    assert.deepEqual(deliveries.map((delivery) => `${delivery.courseId}:${delivery.kind}:${delivery.status}`).sort(), [`${SECOND}:lesson:sent`, `${INTRO}:lesson:sent`]);
  });

  it('runs a second course after the first, and keeps each course’s plan card to its own course', async function () {
    await setUp(INTRO);
    for (let i = 0; i < lessons(INTRO).length; i++) await postLesson(INTRO);
    await setUp(SECOND);
    const plan = await running.post(channelAction('plan.open', { teamId: team.id, courseId: SECOND }, as(ids.ingrid)));
    const card = JSON.stringify(plan.body.value);
    assert.match(card, new RegExp(`"courseId":"${SECOND}"`));
    assert.doesNotMatch(card, new RegExp(`"courseId":"${INTRO}"`));
    assert.match(await postLesson(SECOND), new RegExp(lessons(SECOND)[0]!.title));
    // The finished course says so; the new one carries on.
    const done = await running.post(channelAction('lesson.post', { teamId: team.id, courseId: INTRO }, as(ids.ingrid)));
    assert.match(cardText(done.body.value), /Alle leksjonene er allerede sendt/);
  });

  it('offers the organisation’s courses only, and refuses a course it does not offer with a clear message', async function () {
    const changed = await api(admin, '/api/v1/org/settings', { method: 'PATCH', roles: ['Administrator'], body: { changes: { courseIds: [SECOND] } } });
    assert.equal(changed.status, 200);

    connector.clear();
    await running.post(channelMessage('oppsett', as(ids.ingrid)));
    await connector.waitForSent(1);
    const card = JSON.stringify(connector.sentCards[0]);
    assert.doesNotMatch(card, new RegExp(INTRO), 'the setup card offers no course the organisation does not offer');
    assert.match(card, new RegExp(SECOND));

    const refused = await running.post(channelAction('setup.save', { ...seededSetup, courseId: INTRO }, as(ids.ingrid)));
    assert.match(cardText(refused.body.value), /Dette kurset tilbys ikke i virksomheten din/);
    assert.deepEqual(await running.app.services.enrollments.list(ref), []);

    // The tab's setup form offers the same courses, and refuses the same way.
    const form = await api<SetupForm>(ids.ingrid, `/api/v1/teams/${encodeURIComponent(team.id)}/setup`);
    assert.equal(form.status, 200);
    assert.deepEqual(form.body.courses.map((course) => course.id), [SECOND]);
    const bad = await api(ids.ingrid, `/api/v1/teams/${encodeURIComponent(team.id)}/setup`, { method: 'PUT', body: { ...form.body.values, courseId: INTRO } });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.code, 'courseNotOffered');
    assert.match(bad.body.message, /tilbys ikke i virksomheten din/);

    const saved = await api(ids.ingrid, `/api/v1/teams/${encodeURIComponent(team.id)}/setup`, { method: 'PUT', body: { ...form.body.values, courseId: SECOND } });
    assert.equal(saved.status, 200);
    assert.deepEqual(saved.body, { courseId: SECOND, created: true });
    assert.deepEqual((await running.app.services.enrollments.list(ref)).map((enrollment) => enrollment.courseId), [SECOND]);
    assert.equal((await running.app.repositories.schedules.list({ ...ref, courseId: SECOND })).length, 3, 'the tab setup plans the course');

    // Another organisation on the same deployment still sees every course.
    assert.deepEqual((await running.app.services.enrollments.offeredCourses(ids.otherTenant)).map((course) => course.id).sort(), [SECOND, INTRO, PROCUREMENT]);
  });

  it('adds a second course from the tab’s setup form while the first runs, and refuses people who do not lead the team', async function () {
    await setUp(INTRO);
    const path = `/api/v1/teams/${encodeURIComponent(team.id)}/setup`;
    assert.equal((await api(ids.ola, path)).status, 403);
    const current = await api<SetupForm>(ids.ingrid, path);
    assert.equal(current.body.values.courseId, INTRO, 'the form shows the running course’s setup');
    assert.deepEqual(current.body.running, [INTRO]);
    const blank = await api<SetupForm>(ids.ingrid, `${path}?course=${SECOND}`);
    assert.equal(blank.body.values.courseId, SECOND, 'a course the team does not run yet starts from the defaults');
    const saved = await api(ids.ingrid, path, { method: 'PUT', body: { ...blank.body.values, channelId: team.id, language: 'nn', startDate: '2026-03-09' } });
    assert.equal(saved.status, 200);
    assert.deepEqual(saved.body, { courseId: SECOND, created: true });
    const enrollments = await running.app.services.enrollments.list(ref);
    assert.deepEqual(enrollments.map((enrollment) => [enrollment.courseId, enrollment.language]).sort(), [
      [SECOND, 'nn'],
      [INTRO, 'nb'],
    ].sort());
    assert.equal((await api(ids.ola, path, { method: 'PUT', body: { ...blank.body.values } })).status, 403);
  });

  it('lets a person choose in personal chat which course to continue; progress stays per course', async function () {
    const personal = { serviceUrl: connector.url, user: ids.ola };
    const say = async (text: string): Promise<Record<string, unknown>> => {
      connector.clear();
      await running.post(personalMessage(text, personal));
      await connector.waitForSent(1);
      return connector.sentCards.at(-1)!;
    };

    const choose = await say('kurs');
    assert.match(cardText(choose), /Velg kurs/);
    assert.match(cardText(choose), new RegExp(`Nå fortsetter du med «${title(INTRO)}»`));
    const commands = (choose.actions as { data?: { command?: string } }[]).map((action) => action.data?.command);
    assert.deepEqual(commands.sort(), [`kurs ${SECOND}`, `kurs ${INTRO}`, `kurs ${PROCUREMENT}`]);

    assert.match(cardText(await say(`kurs ${SECOND}`)), new RegExp(`Nå fortsetter du med «${title(SECOND)}»`));
    assert.match(cardText(await say('neste')), new RegExp(lessons(SECOND)[0]!.title));
    const ola = { tenantId: ids.tenant, userId: ids.ola.aadObjectId };
    await running.app.services.learning.markRead(ola, SECOND, lessons(SECOND)[0]!.id, 'nb');
    assert.match(cardText(await say('start')), new RegExp(lessons(SECOND)[1]!.title), '`start` continues the chosen course');
    assert.match(cardText(await say('framdrift')), /1 av 2/);

    assert.match(cardText(await say(`kurs ${INTRO}`)), new RegExp(title(INTRO)));
    assert.match(cardText(await say('neste')), new RegExp(lessons(INTRO)[0]!.title));
    assert.equal(await running.app.repositories.people.chosenCourse(ola), INTRO);
    assert.match(cardText(await say('kurs finnes-ikke')), /Fant ikke kurset «finnes-ikke»/);

    // The personal tab shows the chosen course, offers the others, and another on request.
    const mine = await api<MyCourse>(ids.ola, '/api/v1/me/course');
    assert.equal(mine.body.courseId, INTRO);
    assert.deepEqual(mine.body.courses.map((course) => course.id).sort(), [SECOND, INTRO, PROCUREMENT]);
    const other = await api<MyCourse>(ids.ola, `/api/v1/me/course?course=${SECOND}`);
    assert.equal(other.body.courseId, SECOND);
    assert.equal(other.body.lessonsRead, 1);
    // Choosing in the tab is the same choice as in personal chat.
    const chosen = await api<MyCourse>(ids.ola, '/api/v1/me/course', { method: 'PUT', body: { courseId: SECOND } });
    assert.equal(chosen.status, 200);
    assert.equal(chosen.body.courseId, SECOND);
    assert.equal(await running.app.repositories.people.chosenCourse(ola), SECOND);
    assert.match(cardText(await say('neste')), new RegExp(lessons(SECOND)[1]!.title));
    assert.equal((await api(ids.ola, '/api/v1/me/course', { method: 'PUT', body: { courseId: 'finnes-ikke' } })).status, 404);
  });
});
