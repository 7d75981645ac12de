import assert from 'node:assert/strict';
import { channelAction, channelMessage, ids, team, teamInstall, teamPeople, type ChannelOptions } from '../helpers/activities.js';
import { startApp, type RunningApp } from '../helpers/app-harness.js';
import { describeEachEngine } from '../helpers/engines.js';
import { cardOf, cardText, FakeConnector } from '../helpers/fake-connector.js';
import { seededSetup, seedTeam } from '../helpers/seed-team.js';
import { verbs } from '../../cards/verbs.js';

/** A clock the test moves by hand. */
class TestClock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
  add(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/**
 * A lesson post that gave up after transient failures keeps its claim (one of its tries may have reached Teams). The
 * course must not stall silently behind it: a later firing says why it did not post, and the coordinator can send it again.
 */
describeEachEngine('post claims after a lesson post gave up', (engine) => {
  let connector: FakeConnector;
  let running: RunningApp;
  let clock: TestClock;
  let base: ChannelOptions;
  const ref = { tenantId: ids.tenant, teamId: team.id };

  beforeEach(async function () {
    connector = await new FakeConnector().start();
    connector.teams.set(team.id, { id: team.id, name: team.name, aadGroupId: team.aadGroupId, channels: [{ id: team.id }], members: teamPeople.map((p) => ({ ...p })) });
    clock = new TestClock(new Date('2026-03-02T08:00:00.000Z'));
    running = await startApp({ clock, engine });
    base = { serviceUrl: connector.url };
    await running.post(teamInstall(base));
    await running.post(channelAction('setup.save', seededSetup, { ...base, user: ids.ingrid }));
    connector.clear();
  });

  afterEach(async function () {
    await running.close();
    await connector.stop();
  });

  const services = () => running.app.services;
  const threadsPosted = () =>
    connector.answered.filter((call) => (call.status >= 200 && call.status < 300 && call.method === 'POST' && call.path === '/v3/conversations' && (call.body.channelData as { channel?: unknown } | undefined)?.channel));
  const lessonDeliveries = async () => (await services().scheduler.recentDeliveries(ref)).filter((d) => d.kind === 'lesson');

  /** Fires the first lesson while Teams answers only 500, until its outbox row gives up. */
  async function firstLessonGivesUp(): Promise<void> {
    connector.failNext(10_000, { status: 503, retryAfter: '120' });
    clock.set('2026-03-09T08:00:10.000Z');
    await services().scheduler.tick();
    for (let round = 0; round < 12; round += 1) {
      await services().outboxWorker.drain();
      clock.add(60 * 60_000);
    }
    connector.clearFailures();
    const [delivery] = await lessonDeliveries();
    assert.equal(delivery?.status, 'failed');
    assert.match(delivery?.reason ?? '', /^gaveUp:/);
  }

  it('a send-now meeting the due schedule of the same lesson posts it once, sent in the same round', async function () {
    clock.set('2026-03-09T08:00:10.000Z');
    await services().scheduler.tick();
    await running.post(channelAction(verbs.lessonPost, { teamId: team.id }, { ...base, user: ids.ingrid }));
    await services().outboxWorker.drain();
    assert.equal(threadsPosted().length, 1);
    const deliveries = await lessonDeliveries();
    assert.equal(deliveries.length, 2);
    assert.ok(deliveries.every((d) => d.status === 'sent'));
  });

  it('a later firing of that lesson is not recorded as sent when nothing was posted, and says why', async function () {
    await firstLessonGivesUp();
    clock.set('2026-03-16T08:00:10.000Z');
    await services().scheduler.tick();
    await services().outboxWorker.drain();
    assert.equal(threadsPosted().length, 0, 'nothing posted: the claim is still held by the row that gave up');
    const latest = (await lessonDeliveries())[0]!;
    assert.equal(latest.dueAt.toISOString(), '2026-03-16T08:00:00.000Z');
    assert.equal(latest.status, 'failed', 'a firing that posted nothing must not read as sent');
    assert.equal(latest.reason, 'earlierTryGaveUp');
  });

  it('the coordinator can send the lesson again, and is told the earlier try may have reached the channel', async function () {
    await firstLessonGivesUp();
    // A double click: both rows may take over the claim of the row that gave up; only one of them gets it.
    const [answer] = await Promise.all([
      running.post(channelAction(verbs.lessonPost, { teamId: team.id }, { ...base, user: ids.ingrid })),
      running.post(channelAction(verbs.lessonPost, { teamId: team.id }, { ...base, user: ids.ingrid })),
    ]);
    assert.match(cardText(answer.body.value), /kan ha kommet fram likevel/);
    await services().outboxWorker.drain();
    assert.equal(threadsPosted().length, 1);
    assert.equal((await lessonDeliveries())[0]?.status, 'sent');
    assert.equal(threadsPosted().length, 1);
  });

  it('the tab’s “send now” tells the coordinator, too, that the earlier try may have reached the channel', async function () {
    await firstLessonGivesUp();
    const sendNow = async (language: string) => {
      const response = await fetch(`${running.url}/api/v1/teams/${encodeURIComponent(team.id)}/schedules/lesson/send-now`, {
        method: 'POST',
        headers: { 'x-dev-user': `${ids.tenant}/${ids.ingrid.aadObjectId}`, 'accept-language': language },
      });
      assert.equal(response.status, 200);
      return (await response.json()) as { earlierTryGaveUp?: boolean; channel: string | null };
    };
    const answer = await sendNow('nn-NO');
    assert.equal(answer.earlierTryGaveUp, true, 'the answer carries the warning; the tab shows tab.schedules.earlierTryGaveUp');
    await services().outboxWorker.drain();
    assert.equal(threadsPosted().length, 1, 'the lesson is posted once, taking the claim over');
    assert.equal((await lessonDeliveries())[0]?.status, 'sent');
    // The next lesson has no earlier try: no warning.
    assert.equal((await sendNow('nb-NO')).earlierTryGaveUp, undefined);
  });
});

describe('next-steps round: a double click posts one round', function () {
  let connector: FakeConnector;
  let running: RunningApp;
  let clock: TestClock;
  const ref = { tenantId: ids.tenant, teamId: team.id };

  beforeEach(async function () {
    connector = await new FakeConnector().start();
    clock = new TestClock(new Date('2026-03-02T08:00:00.000Z'));
    running = await startApp({ clock });
    await seedTeam(running, connector);
    connector.clear();
  });

  afterEach(async function () {
    await running.close();
    await connector.stop();
  });

  const roundThreads = () => connector.answered.filter((call) => call.status >= 200 && call.status < 300 && call.method === 'POST' && call.path === '/v3/conversations');

  it('two clicks a moment apart (two instances, or one) queue two rows but post one thread', async function () {
    const as = { serviceUrl: connector.url, user: ids.ingrid };
    await running.post(channelMessage('neste steg', as));
    clock.add(400);
    await running.post(channelMessage('neste steg', as));
    await running.app.services.outboxWorker.drain();
    assert.equal(roundThreads().length, 1);
    const deliveries = (await running.app.services.scheduler.recentDeliveries(ref)).filter((d) => d.kind === 'nextSteps');
    assert.equal(deliveries.length, 2);
    assert.ok(deliveries.every((d) => d.status === 'sent'));
    // A round started on purpose after that one was posted is a new round.
    clock.add(60_000);
    await running.post(channelMessage('neste steg', as));
    await running.app.services.outboxWorker.drain();
    assert.equal(roundThreads().length, 2);
  });
});

describe('lesson read count: a burst of reads updates the card a bounded number of times', function () {
  let connector: FakeConnector;
  let running: RunningApp;
  const ref = { tenantId: ids.tenant, teamId: team.id };

  beforeEach(async function () {
    connector = await new FakeConnector().start();
    running = await startApp({ clock: new TestClock(new Date('2026-03-02T08:00:00.000Z')) });
    await seedTeam(running, connector);
    await running.post(channelAction(verbs.lessonPost, { teamId: team.id }, { serviceUrl: connector.url, user: ids.ingrid }));
    await running.app.services.outboxWorker.drain();
    connector.clear();
  });

  afterEach(async function () {
    await running.close();
    await connector.stop();
  });

  it('reads arriving while the count update is in flight are shown by one more update, not one each, and do not wait for it', async function () {
    const courseId = running.app.courses.defaultCourse().id;
    const thread = (await running.app.services.channelCourse.latestThread(ref, courseId))!;
    const data = { courseId, lessonId: thread.lessonId, teamId: team.id };
    const read = (user: (typeof teamPeople)[number]) => running.post(channelAction('lesson.read', data, { serviceUrl: connector.url, user, conversationId: thread.threadId }));
    // The read click only queues the count; the outbox writes it.
    assert.equal((await read(teamPeople[1])).status, 200);
    assert.equal(connector.updated.length, 0);
    const stall = connector.stallNext((call) => call.method === 'PUT');
    const draining = running.app.services.outboxWorker.drain();
    await stall.arrived;
    // Four more people read while the first update hangs: they are answered without waiting for it, and queue one row between them.
    const others = await Promise.all([read(teamPeople[0]), read(teamPeople[2]), read(teamPeople[3]), read(teamPeople[4])]);
    for (const answer of others) assert.equal(answer.status, 200);
    const waiting = await running.app.database.db.selectFrom('outbox').select('id').where('target_key', 'like', 'count:%').where('status', '=', 'pending').execute();
    assert.equal(waiting.length, 1);
    stall.release();
    await draining;
    await running.app.services.outboxWorker.drain();
    const last = connector.updated.at(-1)!;
    assert.match(cardText(cardOf(last.body)), /5 av 5 har lest/);
    assert.equal(connector.updated.length, 2);
  });
});
