/**
 * Lærekraft in the Agents Playground's mock team, end to end: install, setup, a lesson posted as a thread, two
 * people marking it read, a reflection round with a named and an anonymous answer shared in the thread.
 *
 * Languages, on purpose: the playground sends every activity with `locale: "en-US"`, so what one person sees as
 * the answer to their own click (the invoke response) and the welcome card (posted before any setup) are English.
 * The setup sets the course language to `nb`, so everything the bot posts for the whole channel after that (the
 * lesson, its count, the round card, the shared replies) is Bokmål.
 *
 * One test acts as several people: the current user (Ingrid, who sets the course up and so becomes its leader) and
 * two mock users, A = the first mock user (Ola) and B = the second (Kari), by putting their ids in `from`.
 */
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { cardText } from '../helpers/fake-connector.js';
import {
  adaptiveCardOf,
  botCaller,
  botSettled,
  cardActions,
  loggedBotMessages,
  PlaygroundDriver,
  playgroundLog,
  playgroundSender,
  startPlaygroundStack,
  waitForLogEntry,
  type PlaygroundEvent,
  type PlaygroundMessage,
  type PlaygroundStack,
} from '../helpers/playground.js';

/**
 * The playground's log entry for the bot's own request that created message `messageId` (the activity exactly as
 * the bot sent it to the Bot Connector), waiting for the log to be written.
 */
async function loggedBotRequest(stack: PlaygroundStack, messageId: string): Promise<string> {
  const entry = await waitForLogEntry(stack, (e) => e.from === botCaller && e.messageId === messageId, `logged request of the bot for message ${messageId}`);
  return entry.json;
}

function textOf(message: PlaygroundMessage): string {
  return cardText(adaptiveCardOf(message)) || (message.text ?? '');
}

function executeData(card: unknown, verb: string): Record<string, unknown> {
  const action = cardActions(card).find((a) => a.type === 'Action.Execute' && a.verb === verb);
  assert.ok(action, `no Action.Execute "${verb}" on the card:\n${cardText(card)}`);
  return action.data ?? {};
}

describe('the bot in the Agents Playground team channel', function () {
  this.timeout(20_000);
  let stack: PlaygroundStack | undefined;
  let driver: PlaygroundDriver | undefined;
  /** The first failed step that later steps need; they are skipped after it. */
  let broken: string | undefined;
  /** Steps that no later step needs: their failure is reported without skipping the rest. */
  const sideSteps = new Set<string>();

  // Filled in by the steps, in order.
  let setupThreadId: string;
  let setupCard: PlaygroundMessage;
  let lessonChannelId: string;
  let lesson: PlaygroundMessage;
  let threadId: string;
  let roundCard: PlaygroundMessage;

  before(async function () {
    this.timeout(180_000);
    stack = await startPlaygroundStack();
    driver = await PlaygroundDriver.connect(stack.playground.url);
  });

  beforeEach(function () {
    if (broken) this.skip();
  });

  afterEach(function () {
    const test = this.currentTest;
    if (test?.state !== 'failed') return;
    if (!sideSteps.has(test.title)) broken = test.title;
    if (stack) process.stderr.write(`\n${stack.logs()}\n`);
  });

  after(async function () {
    this.timeout(20_000);
    await driver?.close();
    await stack?.stop();
  });

  const pg = (): PlaygroundDriver => driver!;
  const ingrid = (): string => pg().config.currentUser.id;
  const personA = () => pg().config.users[0]!;
  const personB = () => pg().config.users[1]!;
  /** The General channel, whose id is the team id. */
  const general = (): string => pg().team.id;

  /** A step that no later step needs: when it fails, the later steps still run. */
  const sideStep = (title: string, fn: Mocha.AsyncFunc): Mocha.Test => {
    sideSteps.add(title);
    return it(title, fn);
  };

  /** Ingrid clicks a leader button: on the setup card in its thread, which the summary with the leader buttons replaced. */
  const leaderClick = (verb: string) => pg().executeIn(setupThreadId, setupCard.messageId, verb, { teamId: pg().team.id });

  it('uses the mock team of .m365agentsplayground.yml: General plus one channel, five mock users and the current user', function () {
    const team = pg().team;
    assert.equal(team.name, 'Bærekraft i kommunen');
    assert.equal(team.channels[0]!.id, team.id, 'General has the team id');
    assert.equal(team.channels.length, 2);
    assert.equal(team.members.length, 5);
    assert.ok(!team.members.includes(ingrid()), 'the current user is not listed among the mock members');
    lessonChannelId = team.channels[1]!.id;
  });

  it('is installed in the team when General is opened (the playground sends installationUpdate and conversationUpdate itself), and welcomes once', async function () {
    await pg().openConversation(general());
    const welcome = await pg().waitForBotMessage(general(), undefined, 'welcome card in General');
    const text = textOf(welcome);
    // The playground sends the install twice, once with the user's locale (en-US) and once without; whichever the
    // bot handles first claims the welcome and sets its language (Bokmål when there is no locale).
    const english = /Lærekraft has been added to the team/.test(text);
    assert.match(text, english ? /never for groups of fewer than 5 people/ : /^Lærekraft er lagt til i teamet\n[\s\S]*aldri for grupper med færre enn 5 personer/);
    assert.deepEqual(cardActions(adaptiveCardOf(welcome)).map((a) => a.verb), ['setup.open']);
    // Both install turns are over and the bot's outbox is empty: a second welcome would have been sent, and logged, by now.
    await botSettled(stack!, pg(), ['installationUpdate', 'conversationUpdate']);
    assert.deepEqual(loggedBotMessages(stack!, general()), [welcome.messageId], 'one welcome sent, although the install arrives twice');
    assert.equal(pg().botMessagesIn(general()).length, 1, 'one welcome, although the install arrives twice');
    const log = playgroundLog(stack!);
    const sent = log.filter((entry) => entry.from === playgroundSender).map((entry) => entry.activityName);
    assert.deepEqual(sent.sort(), ['conversationUpdate', 'installationUpdate']);
    // The bot read the team details, the channels and the roster from the playground's Bot Connector.
    const read = new Set(log.filter((entry) => entry.from === botCaller && entry.statusCode === 200).map((entry) => entry.activityName));
    for (const call of ['fetchTeamDetails', 'getConversations', 'getConversationPagedMembers']) assert.ok(read.has(call), `no successful ${call}`);
  });

  it('answers "@Lærekraft setup" in General with the setup card in the new thread, offering both channels', async function () {
    const posted = await pg().sayIn(general(), 'setup');
    assert.ok(posted.postConversationId, 'a channel post starts a thread');
    setupThreadId = posted.postConversationId;
    assert.equal(setupThreadId, `${general()};messageid=${posted.messageId}`);
    setupCard = await pg().waitForBotMessage(setupThreadId, undefined, 'setup card in the thread');
    const card = adaptiveCardOf(setupCard);
    assert.match(cardText(card), /Set up the course for the team/);
    assert.deepEqual(executeData(card, 'setup.save'), { teamId: pg().team.id });
    const choices = JSON.stringify(card);
    for (const channel of pg().team.channels) assert.ok(choices.includes(`"value":"${channel.id}"`), `channel ${channel.name} is not offered`);
  });

  it('saves the setup (setup.save): the other channel, Bokmål, starting a week from today in Europe/Oslo', async function () {
    // A week ahead, so that the bot's scheduler posts nothing on its own while the test runs.
    const start = DateTime.now().setZone('Europe/Oslo').startOf('day').plus({ days: 7 });
    const data = {
      teamId: pg().team.id,
      channelId: lessonChannelId,
      language: 'nb',
      startDate: start.toISODate()!,
      lessonWeekday: '1',
      lessonTime: '09:00',
      intervalWeeks: '2',
      reflectionDaysAfter: '2',
      reflectionTime: '14:00',
      mandatory: 'true',
      dueDate: start.plus({ months: 6 }).toISODate()!,
    };
    const answer = await pg().executeIn(setupThreadId, setupCard.messageId, 'setup.save', data);
    assert.equal(answer.type, 'application/vnd.microsoft.card.adaptive');
    const text = cardText(answer.value);
    assert.match(text, /The course is set up/, text);
    assert.match(text, /Kunngjøringer/);
    assert.match(text, /bokmål/);
    assert.ok(text.includes(start.setLocale('en-GB').toFormat('d MMMM yyyy')), `start date ${data.startDate} not shown:\n${text}`);
    assert.deepEqual(cardActions(answer.value).map((a) => a.verb).slice(0, 2), ['lesson.post', 'round.start']);
  });

  it('posts the first lesson (lesson.post) as a new thread in the other channel, in Bokmål, counting all six members', async function () {
    const answer = await leaderClick('lesson.post');
    assert.match(cardText(answer.value), /^Lesson 1 of 8, “.+”, is being sent to the channel .+\./);
    const event = await pg().waitForEvent((e) => e.action === 'createMessage' && e.actionConversationId === lessonChannelId && e.message?.from.id === pg().config.bot.id, 'lesson post in the channel');
    lesson = event.message!;
    threadId = `${lessonChannelId};messageid=${lesson.messageId}`;
    assert.equal(lesson.postConversationId, threadId, 'the post is the root of its own thread');
    const card = adaptiveCardOf(lesson);
    const text = cardText(card);
    assert.match(text, /Leksjon 1 av 8/);
    assert.match(text, /Jeg har lest/);
    // The roster came from the playground's paged members: the current user and the five mock users.
    assert.match(text, /0 av 6 har lest/);
    const everyone = [ingrid(), ...pg().team.members].sort();
    assert.deepEqual([...((card?.refresh as { userIds?: string[] } | undefined)?.userIds ?? [])].sort(), everyone);
  });

  sideStep('marks the lesson read as A and then as B (lesson.read in the thread): each sees their own read view with the count, and the posted card is updated', async function () {
    const data = executeData(adaptiveCardOf(lesson), 'lesson.read');
    for (const [person, count] of [[personA(), 1], [personB(), 2]] as const) {
      const answer = await pg().executeIn(threadId, lesson.messageId, 'lesson.read', data, person.id);
      const text = cardText(answer.value);
      assert.match(text, /You have read this lesson/, `${person.name}'s answer to "I have read it":\n${text}`);
      // ${count} of 6 would tell how many have not: a band below the minimum group size (5), as on the dashboard.
      assert.match(text, count < 5 ? /1–4 of 6 have read it/ : new RegExp(`${count} of 6 have read it`), text);
      assert.ok(!cardActions(answer.value).some((a) => a.verb === 'lesson.read'), 'no "I have read it" button on their own read view');
    }
    const updated = await pg().waitForEvent(
      (e) => e.action === 'updateMessage' && e.message?.messageId === lesson.messageId && /1–4 av 6 har lest/.test(textOf(e.message)),
      'update of the posted lesson card to "1–4 av 6 har lest"',
    );
    assert.doesNotMatch(textOf(updated.message!), /Du har lest/, 'the card everyone sees stays unread');
  });

  it('starts the reflection round (round.start): the Bokmål round card arrives in the lesson thread', async function () {
    const answer = await leaderClick('round.start');
    assert.match(cardText(answer.value), /The reflection round for “.+” is being sent to the lesson’s thread in the channel .+\./);
    roundCard = await pg().waitForBotMessage(threadId, (m) => cardActions(adaptiveCardOf(m)).some((a) => a.verb === 'reflection.submit'), 'round card in the thread');
    const text = textOf(roundCard);
    assert.match(text, /Refleksjon: /);
    assert.match(text, /Hvem skal se svaret\?/);
    assert.match(text, /Del i tråden anonymt/);
  });

  it('shares A’s reflection with A’s name in the thread', async function () {
    const data = { ...executeData(adaptiveCardOf(roundCard), 'reflection.submit'), visibility: 'named', answer1: 'Om de tre dimensjonene', answer2: '', answer3: 'På neste personalmøte' };
    const answer = await pg().executeIn(threadId, roundCard.messageId, 'reflection.submit', data, personA().id);
    assert.match(cardText(answer.value), /Your answers are shared in the thread with your name\./);
    const reply = await pg().waitForBotMessage(threadId, (m) => textOf(m).includes('Om de tre dimensjonene'), 'A’s named reply in the thread');
    assert.match(textOf(reply), new RegExp(`^${personA().name} delte refleksjonen sin om «.+»`));
    assert.match(textOf(reply), /På neste personalmøte/);
  });

  it('shares B’s reflection anonymously: the reply in the thread has no name and no id of B anywhere', async function () {
    const data = { ...executeData(adaptiveCardOf(roundCard), 'reflection.submit'), visibility: 'anonymous', answer1: 'Eksemplet fra Asker', answer2: '', answer3: '' };
    const answer = await pg().executeIn(threadId, roundCard.messageId, 'reflection.submit', data, personB().id);
    assert.match(cardText(answer.value), /Your answers are shared in the thread without your name\./);
    const reply = await pg().waitForBotMessage(threadId, (m) => textOf(m).includes('Eksemplet fra Asker'), 'B’s anonymous reply in the thread');
    assert.match(textOf(reply), /^En kollega delte anonymt om «.+»/);
    const b = personB() as { id: string; name: string; aadObjectId?: string; email?: string; userPrincipleName?: string; givenName?: string; surname?: string };
    const traces = [b.id, b.id.replace(/^29:/, ''), b.name, b.givenName, b.surname, b.aadObjectId, b.email, b.userPrincipleName].filter((s): s is string => !!s);
    assert.ok(traces.length >= 6, 'B’s name, ids and addresses are known to the test');
    // Both what the channel shows (the websocket event) and the activity exactly as the bot sent it (the playground's log).
    const shown = JSON.stringify(pg().events.find((e: PlaygroundEvent) => e.message?.messageId === reply.messageId));
    const sent = await loggedBotRequest(stack!, reply.messageId);
    assert.ok(sent.includes('Eksemplet fra Asker'), 'the logged request is the reply');
    for (const [where, json] of [['websocket event', shown], ['activity the bot sent', sent]] as const) {
      for (const trace of traces) assert.ok(!json.toLowerCase().includes(trace.toLowerCase()), `the anonymous reply (${where}) contains "${trace}":\n${json}`);
    }
  });

  it('leaves exactly the round card and the two replies in the thread', async function () {
    // Every click so far was answered (the steps awaited each one), and once the outbox is empty the bot sends nothing
    // more: whatever it sent in the thread is in the playground's log and on the websocket now.
    await botSettled(stack!, pg());
    assert.deepEqual(loggedBotMessages(stack!, threadId), pg().botMessagesIn(threadId).map((message) => message.messageId), 'the websocket shows what the bot sent in the thread');
    const inThread = pg().botMessagesIn(threadId).map(textOf);
    assert.equal(inThread.length, 3, inThread.map((text) => text.split('\n')[0]).join('\n'));
    assert.match(inThread[1]!, new RegExp(`${personA().name}`));
    assert.match(inThread[2]!, /En kollega delte anonymt/);
  });
});
