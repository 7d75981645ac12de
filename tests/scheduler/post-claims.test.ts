import assert from 'node:assert/strict';
import { channelAction, channelMessage, ids, team, teamInstall, teamPeople, type ChannelOptions } from '../helpers/activities.js';
import { startApp, type RunningApp } from '../helpers/app-harness.js';
import { describeEachEngine } from '../helpers/engines.js';
import { cardText, FakeConnector } from '../helpers/fake-connector.js';
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
