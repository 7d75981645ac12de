import assert from 'node:assert/strict';
import { courseText } from '../../bot/core/course.js';
import { channelAction, ids, personalMessage, team, teamInstall, teamPeople, type ChannelOptions } from '../helpers/activities.js';
import { startApp, type RunningApp } from '../helpers/app-harness.js';
import { describeEachEngine } from '../helpers/engines.js';
import { cardOf, cardText, FakeConnector } from '../helpers/fake-connector.js';
import { seededSetup } from '../helpers/seed-team.js';

/** A clock the test moves by hand. */
class TestClock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
}

const setupInput = seededSetup;

describeEachEngine('scheduled delivery', (engine) => {
  let connector: FakeConnector;
  let running: RunningApp;
  let clock: TestClock;
  let base: ChannelOptions;
  const ref = { tenantId: ids.tenant, teamId: team.id };
  const courseRef = () => ({ ...ref, courseId: running.app.courses.defaultCourse().id });

  beforeEach(async function () {
    connector = await new FakeConnector().start();
    connector.teams.set(team.id, { id: team.id, name: team.name, aadGroupId: team.aadGroupId, channels: [{ id: team.id }], members: teamPeople.map((p) => ({ ...p })) });
    clock = new TestClock(new Date('2026-03-02T08:00:00.000Z'));
    running = await startApp({ clock, engine });
    base = { serviceUrl: connector.url };
    await running.post(teamInstall(base));
    const saved = await running.post(channelAction('setup.save', setupInput, { ...base, user: ids.ingrid }));
    assert.match(cardText(saved.body.value), /Kurset er satt opp/);
    connector.clear();
  });

  afterEach(async function () {
    await running.close();
    await connector.stop();
  });

  const services = () => running.app.services;
  async function runAt(iso: string): Promise<void> {
    clock.set(iso);
    await services().scheduler.tick();
    await services().outboxWorker.drain();
  }
  const threadsPosted = () => connector.calls.filter((call) => call.method === 'POST' && call.path === '/v3/conversations' && (call.body.channelData as { channel?: unknown } | undefined)?.channel);
  const oneToOnes = () => connector.calls.filter((call) => call.method === 'POST' && call.path === '/v3/conversations' && !(call.body.channelData as { channel?: unknown } | undefined)?.channel);

  it('plans lessons, reflection rounds and the reminder from the setup', async function () {
    const schedules = await services().scheduler.states(ref);
    const next = Object.fromEntries(schedules.map((s) => [s.kind, s.nextAt?.toISOString()]));
    assert.deepEqual(next, { lesson: '2026-03-09T08:00:00.000Z', reflection: '2026-03-11T13:00:00.000Z', reminder: '2026-05-05T08:00:00.000Z' });
  });

  it('posts the lesson at its time, once, however often the tick runs', async function () {
    await runAt('2026-03-09T07:59:00.000Z');
    assert.equal(threadsPosted().length, 0);
    await runAt('2026-03-09T08:00:10.000Z');
    await runAt('2026-03-09T08:00:40.000Z');
    await runAt('2026-03-09T09:00:00.000Z');
    assert.equal(threadsPosted().length, 1);
    const lessons = courseText(running.app.courses.defaultCourse(), 'nb').lessons;
    assert.match(cardText(cardOf(threadsPosted()[0]!.body.activity as Record<string, unknown>)), new RegExp(lessons[0]!.title.replace('?', '\\?')));
    const delivery = (await services().scheduler.recentDeliveries(ref)).find((d) => d.kind === 'lesson');
    assert.equal(delivery?.status, 'sent');
    assert.equal((await services().scheduler.states(ref)).find((s) => s.kind === 'lesson')?.nextAt?.toISOString(), '2026-03-16T08:00:00.000Z');
  });

  it('starts the reflection round in the lesson’s thread two days later', async function () {
    await runAt('2026-03-09T08:00:10.000Z');
    await runAt('2026-03-11T13:00:05.000Z');
    const thread = await services().channelCourse.latestThread(ref, running.app.courses.defaultCourse().id);
    const round = connector.sentTo(thread!.threadId);
    assert.equal(round.length, 1);
    assert.match(cardText(cardOf(round[0]!)), /Hvem skal se svaret\?/);
  });

  it('sends an occurrence missed while down when it is still inside the catch-up window', async function () {
    await runAt('2026-03-09T15:30:00.000Z');
    assert.equal(threadsPosted().length, 1);
    assert.equal((await services().scheduler.recentDeliveries(ref)).find((d) => d.kind === 'lesson')?.status, 'sent');
  });

  it('marks an occurrence missed, visibly, when it is older than the catch-up window, and keeps the rhythm', async function () {
    await runAt('2026-03-10T09:00:00.000Z');
    assert.equal(threadsPosted().length, 0);
    const missed = (await services().scheduler.recentDeliveries(ref)).find((d) => d.kind === 'lesson');
    assert.equal(missed?.status, 'missed');
    assert.equal(missed?.reason, 'serverDown');
    await runAt('2026-03-16T08:00:05.000Z');
    assert.equal(threadsPosted().length, 1);
  });

  it('does nothing while paused, and resumes from the next occurrence without a burst', async function () {
    await services().scheduler.setPaused(courseRef(), 'lesson', true);
    await runAt('2026-03-09T08:00:10.000Z');
    await runAt('2026-03-16T08:00:10.000Z');
    assert.equal(threadsPosted().length, 0);
    await services().scheduler.setPaused(courseRef(), 'lesson', false);
    assert.equal((await services().scheduler.states(ref)).find((s) => s.kind === 'lesson')?.nextAt?.toISOString(), '2026-03-23T08:00:00.000Z');
    await runAt('2026-03-16T08:01:00.000Z');
    assert.equal(threadsPosted().length, 0);
  });

  it('sends one 1:1 reminder to each member who is not done, and none to those who are, once per due date', async function () {
    const course = running.app.courses.defaultCourse();
    for (const lesson of courseText(course, 'nb').lessons) {
      await services().learning.markRead({ tenantId: ids.tenant, userId: ids.ola.aadObjectId }, course.id, lesson.id, 'nb');
    }
    await runAt('2026-05-05T08:00:30.000Z');
    await runAt('2026-05-05T09:00:30.000Z');
    const reminders = oneToOnes();
    assert.equal(reminders.length, 4);
    const recipients = reminders.map((call) => (call.body.members as { id: string }[])[0]!.id).sort();
    assert.deepEqual(recipients, teamPeople.filter((p) => p.id !== ids.ola.id).map((p) => p.id).sort());
    const personal = connector.calls.filter((call) => call.method === 'POST' && call.conversationId.startsWith('created-'));
    assert.equal(personal.length, 4);
    assert.match(cardText(cardOf(personal[0]!.body)), /fristen for .* er 8\. mai 2026/);
    assert.equal(connector.calls.filter((call) => call.conversationId === team.id && call.method === 'POST').length, 0, 'no public call-out in the channel');
  });

  it('writes each reminder of one claim in its reader’s own language, with that reader’s own progress', async function () {
    const course = running.app.courses.defaultCourse();
    const lessons = courseText(course, 'nb').lessons;
    const kari = teamPeople[2]!;
    // Ola chose Nynorsk and read one lesson; Kari chose English and read two; the rest keep the team's Bokmål and read none.
    await running.post(personalMessage('språk nynorsk', { user: ids.ola, serviceUrl: connector.url }));
    await running.post(personalMessage('språk english', { user: kari, serviceUrl: connector.url }));
    await services().learning.markRead({ tenantId: ids.tenant, userId: ids.ola.aadObjectId }, course.id, lessons[0]!.id, 'nb');
    for (const lesson of lessons.slice(0, 2)) await services().learning.markRead({ tenantId: ids.tenant, userId: kari.aadObjectId }, course.id, lesson.id, 'nb');
    connector.clear();
    await runAt('2026-05-05T08:00:30.000Z');
    const created = connector.answered.filter((call) => call.method === 'POST' && call.path === '/v3/conversations' && !(call.body.channelData as { channel?: unknown } | undefined)?.channel);
    // Each person's 1:1 chat is the conversation the fake created for them; their reminder is the post in it.
    const textFor = (personId: string): string => {
      const chat = created.find((call) => (call.body.members as { id: string }[])[0]!.id === personId);
      assert.ok(chat, `a 1:1 chat was created for ${personId}`);
      const posts = connector.sentTo((chat.response as { id: string }).id);
      assert.equal(posts.length, 1);
      return cardText(cardOf(posts[0]!));
    };
    assert.equal(created.length, teamPeople.length);
    assert.match(textFor(ids.ola.id), new RegExp(`Du har lese 1 av ${lessons.length} leksjonar`));
    assert.match(textFor(kari.id), new RegExp(`You have read 2 of ${lessons.length} lessons`));
    assert.match(textFor(ids.ingrid.id), new RegExp(`Du har lest 0 av ${lessons.length} leksjoner`));
  });

  it('sends "now" through the outbox, outside the schedule', async function () {
    await services().scheduler.sendNow(courseRef(), 'lesson', { kind: 'channelLesson' });
    await services().outboxWorker.drain();
    assert.equal(threadsPosted().length, 1);
    assert.equal((await services().scheduler.states(ref)).find((s) => s.kind === 'lesson')?.nextAt?.toISOString(), '2026-03-09T08:00:00.000Z');
  });

  it('shows leaders the schedule in the channel, with pause and resume, and refuses others', async function () {
    const open = await running.post(channelAction('plan.open', { teamId: team.id }, { ...base, user: ids.ingrid }));
    const text = cardText(open.body.value);
    assert.match(text, /hver mandag kl\. 09\.00; neste: mandag 9\. mars kl\. 09\.00/);
    assert.match(text, /3 dager før fristen/);
    const paused = await running.post(channelAction('schedule.pause', { teamId: team.id, kind: 'lesson' }, { ...base, user: ids.ingrid }));
    assert.match(cardText(paused.body.value), /hver mandag kl\. 09\.00; på pause/);
    assert.match(cardText(paused.body.value), /Fortsett leksjonene/);
    const resumed = await running.post(channelAction('schedule.resume', { teamId: team.id, kind: 'lesson' }, { ...base, user: ids.ingrid }));
    assert.match(cardText(resumed.body.value), /neste: mandag 9\. mars kl\. 09\.00/);
    const refused = await running.post(channelAction('schedule.pause', { teamId: team.id, kind: 'lesson' }, { ...base, user: ids.ola }));
    assert.match(cardText(refused.body.value), /Bare de kursansvarlige i teamet kan gjøre dette/);
    const bad = await running.post(channelAction('schedule.pause', { teamId: team.id, kind: 'everything' }, { ...base, user: ids.ingrid }));
    assert.match(cardText(bad.body.value), /Kortet manglet opplysninger/);
  });
});
