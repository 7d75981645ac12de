import assert from 'node:assert/strict';
import { channelAction, ids, team, teamEvent, teamPeople, type TestUser } from '../helpers/activities.js';
import { startApp, type RunningApp } from '../helpers/app-harness.js';
import { describeEachEngine } from '../helpers/engines.js';
import { cardOf, cardText, FakeConnector, type ConnectorCall } from '../helpers/fake-connector.js';
import { seedTeam } from '../helpers/seed-team.js';

const WITHDRAWN = /Forfatteren har trukket tilbake dette svaret/;

/**
 * Issue 12: an answer shared in a thread is posted, edited and withdrawn by the outbox worker, never from the click.
 * Each test changes an answer the way an author would (over /api/messages) and checks what reached the thread.
 */
describeEachEngine('shared replies through the outbox', (engine) => {
  const clock = { current: new Date('2026-03-02T08:00:00.000Z'), now() { return new Date(this.current); } };
  let connector: FakeConnector;
  let running: RunningApp;
  const ref = { tenantId: ids.tenant, teamId: team.id };
  // The seeded round is on lesson 2; teamPeople[3] and [4] have not answered it.
  const author = teamPeople[3];

  beforeEach(async function () {
    connector = await new FakeConnector().start();
    clock.current = new Date('2026-03-02T08:00:00.000Z');
    running = await startApp({ engine, clock });
    await seedTeam(running, connector);
    connector.clear();
  });

  afterEach(async function () {
    await running.close();
    await connector.stop();
  });

  const course = () => running.app.courses.defaultCourse();
  const lessonId = () => course().content.nb!.lessons[1]!.id;
  const threadId = async () => (await running.app.services.channelCourse.thread(ref, course().id, lessonId()))!.threadId;
  const reflect = (user: TestUser, visibility: string, answer1: string) =>
    running.post(channelAction('reflection.submit', { courseId: course().id, lessonId: lessonId(), teamId: team.id, visibility, answer1, answer2: '', answer3: '' }, { serviceUrl: connector.url, user }));
  const drain = () => running.app.services.outboxWorker.drain();
  const toThread = (thread: string) => (call: Pick<ConnectorCall, 'method' | 'path'>) => call.method === 'POST' && call.path.startsWith(`/v3/conversations/${thread}/activities`);
  const storedReplies = () => running.app.database.db.selectFrom('shared_replies').selectAll().where('team_id', '=', team.id).where('lesson_id', '=', lessonId()).execute();

  it('answers the click without a call to Teams; the outbox posts the reply once', async function () {
    const thread = await threadId();
    const response = await reflect(author, 'named', 'Jeg tar med meg sirkulære innkjøp');
    assert.equal(response.status, 200);
    assert.match(cardText(response.body.value), /delt i tråden med navnet ditt/);
    assert.equal(connector.calls.length, 0, 'the invoke writes and queues; it does not wait on Teams');
    await drain();
    const posted = connector.sentTo(thread);
    assert.equal(posted.length, 1);
    assert.match(cardText(cardOf(posted[0]!)), /delte refleksjonen sin[\s\S]*Jeg tar med meg sirkulære innkjøp/);
    // A second drain finds nothing to do for it.
    await drain();
    assert.equal(connector.sentTo(thread).length, 1);
  });

  it('posts once, with the latest words, when the author changed the answer twice before the outbox ran', async function () {
    const thread = await threadId();
    await reflect(author, 'named', 'Første utkast');
    await reflect(author, 'named', 'Andre utkast');
    await reflect(author, 'named', 'Endelig svar');
    await drain();
    const posted = connector.sentTo(thread);
    assert.equal(posted.length, 1, 'three changes, one reply');
    assert.match(cardText(cardOf(posted[0]!)), /Endelig svar/);
    assert.doesNotMatch(cardText(cardOf(posted[0]!)), /utkast/);
    assert.equal(connector.updated.length, 0, 'nothing to edit: the one post already says the latest');
  });

  it('never posts an answer made private before the outbox ran, and keeps no copy of it', async function () {
    const thread = await threadId();
    await reflect(author, 'anonymous', 'Angrer på at jeg delte dette');
    await reflect(author, 'private', 'Angrer på at jeg delte dette');
    await drain();
    assert.equal(connector.sentTo(thread).length, 0);
    assert.equal(connector.updated.length, 0);
    assert.deepEqual((await storedReplies()).filter((row) => row.answers.includes('Angrer')), []);
    assert.deepEqual((await storedReplies()).filter((row) => Number(row.withdrawn) === 1), [], 'the withdrawn reply is forgotten');
  });

  it('edits the reply with a change made while its post was still on its way to Teams', async function () {
    const thread = await threadId();
    await reflect(author, 'named', 'Svar mens Teams er treg');
    const stall = connector.stallNext(toThread(thread));
    const draining = drain();
    await stall.arrived;
    // The post is in flight: the author changes the answer; this click, too, only queues.
    const before = connector.calls.length;
    await reflect(author, 'named', 'Rettet svar');
    assert.equal(connector.calls.length, before);
    stall.release();
    await draining;
    await drain();
    const posted = connector.sentTo(thread);
    assert.equal(posted.length, 1, 'the second row does not post a second reply');
    assert.match(cardText(cardOf(posted[0]!)), /Svar mens Teams er treg/);
    assert.match(cardText(cardOf(connector.updated.at(-1)!.body)), /Rettet svar/);
  });

  it('takes a reply out of the thread when it is withdrawn while its post is on its way', async function () {
    const thread = await threadId();
    await reflect(author, 'anonymous', 'Trekker dette straks');
    const stall = connector.stallNext(toThread(thread));
    const draining = drain();
    await stall.arrived;
    await reflect(author, 'private', 'Trekker dette straks');
    // The text is gone from the database before the post has even been answered.
    assert.deepEqual((await storedReplies()).filter((row) => row.answers.includes('Trekker')), []);
    stall.release();
    await draining;
    await drain();
    assert.equal(connector.sentTo(thread).length, 1);
    const post = connector.answered.find((call) => toThread(thread)(call));
    const last = connector.updated.at(-1)!;
    assert.equal(last.activityId, (post?.response as { id?: string } | undefined)?.id, 'the reply just posted is the one taken out');
    assert.match(cardText(cardOf(last.body)), WITHDRAWN);
    assert.equal((await running.app.database.db.selectFrom('shared_replies').select('reply_id').where('withdrawn', '=', 1).execute()).length, 0, 'the withdrawn reply is forgotten once out of the thread');
  });

  it('keeps shared replies out of the leader’s deliveries and deletes their outbox rows once sent', async function () {
    await reflect(author, 'named', 'Ingen leder trenger å se denne utsendingen');
    await drain();
    const plan = await running.post(channelAction('plan.open', { teamId: team.id }, { serviceUrl: connector.url, user: ids.ingrid }));
    assert.doesNotMatch(cardText(plan.body.value), /threadReply|undefined/);
    const db = running.app.database.db;
    assert.deepEqual(await db.selectFrom('deliveries').select('id').where('kind', '=', 'threadReply').execute(), []);
    const rows = await db.selectFrom('outbox').select('payload').execute();
    assert.deepEqual(rows.filter((row) => row.payload.includes('threadReply')), []);
    assert.deepEqual(await db.selectFrom('team_posts').select('post_key').where('post_key', 'like', 'reply:%').execute(), []);
  });

  it('never lets an old edit land after the withdrawal: one row writes to a reply at a time', async function () {
    const thread = await threadId();
    await reflect(author, 'named', 'Første');
    await drain();
    connector.clear();
    // Two edits queue two rows; the outbox takes them in one batch, on two lanes.
    await reflect(author, 'named', 'Hemmelig andre');
    await reflect(author, 'named', 'Hemmelig tredje');
    const isPut = (call: Pick<ConnectorCall, 'method' | 'path'>) => call.method === 'PUT' && call.path.startsWith(`/v3/conversations/${thread}/activities/`);
    const stall = connector.stallNext(isPut);
    const draining = drain();
    await stall.arrived;
    // While the edit hangs, the author makes the answer private.
    await reflect(author, 'private', 'Hemmelig tredje');
    stall.release();
    await draining;
    // The row that found the reply busy is tried again after its back-off; then nothing is left to do.
    clock.current = new Date(clock.current.getTime() + 10 * 60_000);
    await drain();
    const texts = connector.updated.map((call) => cardText(cardOf(call.body)));
    assert.match(texts.at(-1)!, WITHDRAWN, 'the last word in the thread is the withdrawal');
    assert.equal(texts.filter((text) => WITHDRAWN.test(text)).length, 1);
    assert.ok(texts.length <= 2, `one edit, then the withdrawal: ${texts.length} writes`);
    assert.deepEqual(await storedReplies().then((rows) => rows.filter((row) => Number(row.withdrawn) === 1)), []);
  });

  it('takes a reply withdrawn while the team was archived out of the thread when the team is back', async function () {
    await reflect(author, 'named', 'Navngitt svar');
    await drain();
    connector.clear();
    await reflect(author, 'private', 'Navngitt svar');
    const base = { serviceUrl: connector.url, user: ids.ingrid };
    await running.post(teamEvent('teamArchived', base));
    await drain();
    assert.equal(connector.updated.length, 0, 'an archived team\'s thread is not written to');
    const kept = await storedReplies().then((rows) => rows.filter((row) => Number(row.withdrawn) === 1));
    assert.equal(kept.length, 1, 'the withdrawal waits for the team');
    assert.equal(kept[0]!.answers, '[]');
    assert.equal(kept[0]!.author_name, null);
    await running.post(teamEvent('teamUnarchived', base));
    await drain();
    assert.match(cardText(cardOf(connector.updated.at(-1)!.body)), WITHDRAWN);
    assert.deepEqual(await storedReplies().then((rows) => rows.filter((row) => Number(row.withdrawn) === 1)), []);
  });
});
