import assert from 'node:assert/strict';
import { cardText } from '../helpers/fake-connector.js';
import {
  adaptiveCardOf,
  botSettled,
  cardActions,
  loggedBotMessages,
  PlaygroundDriver,
  playgroundLog,
  playgroundSender,
  startPlaygroundStack,
  waitForLogText,
  type PlaygroundMessage,
  type PlaygroundStack,
} from '../helpers/playground.js';

/** The activity types the playground has sent to the bot so far (and the bot has answered), read from its own log file. */
function activitiesSentToBot(stack: PlaygroundStack): string[] {
  return playgroundLog(stack)
    .filter((entry) => entry.from === playgroundSender)
    .map((entry) => entry.activityName);
}

function textOf(message: PlaygroundMessage): string {
  return cardText(adaptiveCardOf(message)) || (message.text ?? '');
}

function executeData(message: PlaygroundMessage, verb: string): Record<string, unknown> {
  const action = cardActions(adaptiveCardOf(message)).find((a) => a.type === 'Action.Execute' && a.verb === verb);
  assert.ok(action, `no Action.Execute "${verb}" on the card:\n${textOf(message)}`);
  return action.data ?? {};
}

describe('the bot in the Microsoft 365 Agents Playground', function () {
  this.timeout(20_000);
  let stack: PlaygroundStack | undefined;
  let driver: PlaygroundDriver | undefined;
  let failed = false;
  let lesson: PlaygroundMessage;
  let reflection: PlaygroundMessage;
  let progress: PlaygroundMessage;

  before(async function () {
    this.timeout(180_000);
    stack = await startPlaygroundStack();
    driver = await PlaygroundDriver.connect(stack.playground.url);
  });

  // The steps build on each other: after a failure the rest would only fail confusingly.
  beforeEach(function () {
    if (failed) this.skip();
  });

  afterEach(function () {
    if (this.currentTest?.state !== 'failed') return;
    failed = true;
    if (stack) process.stderr.write(`\n${stack.logs()}\n`);
  });

  after(async function () {
    this.timeout(20_000);
    await driver?.close();
    await stack?.stop();
  });

  const pg = (): PlaygroundDriver => driver!;

  it('uses the Norwegian mock users from .m365agentsplayground.yml', function () {
    assert.equal(pg().config.currentUser.name, 'Ingrid Nilsen');
    assert.equal(pg().config.users.length, 5);
    assert.equal(pg().config.bot.name, 'Lærekraft');
  });

  it('sends the bot no activity on its own at start', async function () {
    // What its web page sets off at start is over: the config request (which waits until the bot answers, logs
    // "Connected." and, after its answer, the configuration file) and the websocket. The next step checks the whole log
    // again once the install turns are over.
    await waitForLogText(stack!, 'Configuration file is loaded');
    await waitForLogText(stack!, 'started web socket client');
    assert.deepEqual(activitiesSentToBot(stack!), []);
    pg().expectNoPendingMessage();
  });

  it('welcomes once when the personal chat is opened (installationUpdate and conversationUpdate)', async function () {
    await pg().openPersonalChat();
    const welcome = await pg().nextMessage();
    // The playground sends every activity with locale en-US, so the first answer is in English.
    assert.match(textOf(welcome), /Welcome to Lærekraft/);
    const start = cardActions(adaptiveCardOf(welcome)).find((a) => a.type === 'Action.Submit');
    assert.deepEqual(start?.data, { command: 'start' });
    // Both install turns are over and the bot's outbox is empty: a second welcome would have been sent, and arrived, by now.
    await botSettled(stack!, pg(), ['installationUpdate', 'conversationUpdate']);
    pg().expectNoPendingMessage();
    assert.deepEqual(loggedBotMessages(stack!, pg().personalChatId), [welcome.messageId], 'one welcome sent');
    assert.deepEqual(activitiesSentToBot(stack!).sort(), ['conversationUpdate', 'installationUpdate']);
  });

  it('switches to Bokmål with "språk nb"', async function () {
    await pg().say('språk nb');
    assert.match(textOf(await pg().nextMessage()), /Fra nå av skriver jeg bokmål til deg/);
  });

  it('answers "start" with the first lesson and a "Jeg har lest" button', async function () {
    await pg().say('start');
    lesson = await pg().nextMessage();
    const text = textOf(lesson);
    assert.match(text, /Leksjon 1 av 8/);
    assert.match(text, /Hva er bærekraftig utvikling\?/);
    const action = cardActions(adaptiveCardOf(lesson)).find((a) => a.verb === 'lesson.read');
    assert.equal(action?.type, 'Action.Execute');
    assert.equal(action?.title, 'Jeg har lest');
    assert.equal(typeof action?.data?.courseId, 'string');
    assert.equal(typeof action?.data?.lessonId, 'string');
  });

  it('marks the lesson read on "Jeg har lest" (Action.Execute) and sends the reflection card', async function () {
    const answer = await pg().execute(lesson.messageId, 'lesson.read', executeData(lesson, 'lesson.read'));
    assert.equal(answer.type, 'application/vnd.microsoft.card.adaptive');
    assert.match(cardText(answer.value), /Du har lest denne leksjonen/);
    assert.doesNotMatch(cardText(answer.value), /Jeg har lest/);

    reflection = await pg().nextMessage();
    const text = textOf(reflection);
    assert.match(text, /Refleksjon: Hva er bærekraftig utvikling\?/);
    assert.match(text, /Hva leste du\?/);
    const inputs = JSON.stringify(adaptiveCardOf(reflection));
    for (const id of ['answer1', 'answer2', 'answer3']) assert.ok(inputs.includes(`"id":"${id}"`), `no input ${id}`);
    assert.equal(cardActions(adaptiveCardOf(reflection)).find((a) => a.verb === 'reflection.submit')?.title, 'Lagre svarene');
  });

  it('saves the reflection on "Lagre svarene" (Action.Execute with the inputs merged into data)', async function () {
    const data = { ...executeData(reflection, 'reflection.submit'), answer1: 'Om bærekraftig utvikling', answer2: 'Krakken med tre bein', answer3: '' };
    const answer = await pg().execute(reflection.messageId, 'reflection.submit', data);
    assert.match(cardText(answer.value), /Takk for refleksjonen!/);
    assert.match(cardText(answer.value), /Svarene dine er lagret/);
    assert.match(cardText(answer.value), /Krakken med tre bein/);
  });

  it('answers "framdrift" with the progress', async function () {
    await pg().say('framdrift');
    progress = await pg().nextMessage();
    assert.match(textOf(progress), /Du har lest 1 av 8 leksjoner og skrevet 1 refleksjon\./);
  });

  it('follows an Action.Submit button ({command: "next"}) to the next lesson', async function () {
    const next = cardActions(adaptiveCardOf(progress)).find((a) => a.type === 'Action.Submit' && a.data?.command === 'next');
    assert.ok(next, `no Action.Submit {command: 'next'} on the progress card:\n${textOf(progress)}`);
    await pg().submit(progress.messageId, next.data!);
    assert.match(textOf(await pg().nextMessage()), /Leksjon 2 av 8/);
  });
});
