import assert from 'node:assert/strict';
import sinon from 'sinon';
import { courseText } from '../../bot/core/course.js';
import { cardAction, ids, personalBotAdded, personalInstall, personalMessage, personalSubmit, type PersonalOptions } from '../helpers/activities.js';
import { startApp, type RunningApp } from '../helpers/app-harness.js';
import { cardText, FakeConnector } from '../helpers/fake-connector.js';

describe('personal chat over /api/messages', function () {
  let connector: FakeConnector;
  let running: RunningApp;
  let nb: PersonalOptions;

  beforeEach(async function () {
    connector = await new FakeConnector().start();
    running = await startApp();
    nb = { serviceUrl: connector.url, locale: 'nb-NO' };
  });

  afterEach(async function () {
    await running.close();
    await connector.stop();
  });

  const course = () => running.app.courses.defaultCourse();
  const firstLesson = () => courseText(course(), 'nb').lessons[0]!;

  async function say(text: string, options: PersonalOptions = nb): Promise<string> {
    const before = connector.sent.length;
    const { status } = await running.post(personalMessage(text, options));
    assert.equal(status, 200);
    await connector.waitForSent(before + 1);
    return cardText(connector.sentCards.at(-1));
  }

  it('welcomes once on install, and not again on reinstall', async function () {
    await running.post(personalInstall(nb));
    await running.post(personalBotAdded(nb));
    await running.post(personalInstall(nb, 'remove'));
    await running.post(personalInstall(nb));
    assert.equal(connector.sent.length, 1);
    assert.match(cardText(connector.sentCards[0]), /Velkommen til Lærekraft/);
    assert.match(cardText(connector.sentCards[0]), /Dette lagrer vi/);
  });

  it('welcomes in English when the Teams locale is English', async function () {
    await running.post(personalInstall({ ...nb, locale: 'en-GB' }));
    assert.match(cardText(connector.sentCards[0]), /Welcome to Lærekraft/);
  });

  it('answers help in every language, case-insensitively', async function () {
    assert.match(await say('HJELP'), /Dette kan du skrive til meg/);
    assert.match(await say('Help', { ...nb, locale: 'en-US' }), /What you can type to me/);
    assert.match(await say('hjelp', { ...nb, locale: 'nn-NO' }), /Store og små bokstavar spelar inga rolle/);
  });

  it('answers text it does not understand with the help card, quoting it', async function () {
    const text = await say('hva er klokka?');
    assert.match(text, /Jeg forstod ikke «hva er klokka\?»/);
    assert.match(text, /Dette kan du skrive til meg/);
  });

  it('starts with the first lesson and an "I have read it" button', async function () {
    const text = await say('start');
    assert.match(text, new RegExp(firstLesson().title));
    assert.match(text, /Jeg har lest/);
    assert.match(text, /Leksjon 1 av 8/);
  });

  it('runs the learning loop: read, reflect, edit, and progress', async function () {
    await say('start');
    const lesson = firstLesson();
    const read = await running.post(cardAction('lesson.read', { courseId: course().id, lessonId: lesson.id }, nb));
    assert.equal(read.status, 200);
    assert.equal(read.body.type, 'application/vnd.microsoft.card.adaptive');
    assert.match(cardText(read.body.value), /Du har lest denne leksjonen/);
    assert.doesNotMatch(cardText(read.body.value), /Jeg har lest/);
    await connector.waitForSent(2);
    const reflectionCard = cardText(connector.sentCards.at(-1));
    assert.match(reflectionCard, /Hva leste du\?/);
    assert.match(reflectionCard, /Hva likte du\?/);
    assert.match(reflectionCard, /Hvordan skal du ta med deg dette inn i egen arbeidshverdag\?/);

    const submit = await running.post(
      cardAction('reflection.submit', { courseId: course().id, lessonId: lesson.id, answer1: 'Om bærekraft', answer2: 'Eksemplene', answer3: '' }, nb),
    );
    assert.match(cardText(submit.body.value), /Takk for refleksjonen!/);
    assert.match(cardText(submit.body.value), /Svarene dine er lagret/);

    const basis = submitBasis((await running.post(cardAction('reflection.edit', { courseId: course().id, lessonId: lesson.id }, nb))).body.value);
    const again = await running.post(
      cardAction('reflection.submit', { courseId: course().id, lessonId: lesson.id, answer1: 'Om bærekraft, igjen', answer2: '', answer3: 'Ta det med på møtet', basis }, nb),
    );
    assert.match(cardText(again.body.value), /Svarene dine er oppdatert/);

    const edit = await running.post(cardAction('reflection.edit', { courseId: course().id, lessonId: lesson.id }, nb));
    assert.match(cardText(edit.body.value), /Om bærekraft, igjen/);

    assert.match(await say('framdrift'), /Du har lest 1 av 8 leksjoner og skrevet 1 refleksjon\./);
    assert.match(await say('neste'), new RegExp(courseText(course(), 'nb').lessons[1]!.title));
  });

  it('counts a second click on "I have read it" once and sends the reflection card once', async function () {
    const data = { courseId: course().id, lessonId: firstLesson().id };
    await running.post(cardAction('lesson.read', data, nb));
    await running.post(cardAction('lesson.read', data, nb));
    assert.equal(connector.sentCards.length, 1);
    assert.match(await say('progress'), /Du har lest 1 av 8/);
  });

  it('refuses an over-long answer with a card that keeps what the person wrote', async function () {
    const long = 'ø'.repeat(1001);
    const response = await running.post(
      cardAction('reflection.submit', { courseId: course().id, lessonId: firstLesson().id, answer1: 'Kort svar', answer2: long, answer3: '' }, nb),
    );
    const text = cardText(response.body.value);
    assert.match(text, /Svaret på «Hva likte du\?» er 1001 tegn langt\. Kort det ned til høyst 1000 tegn/);
    assert.match(text, /Kort svar/);
    assert.ok(text.includes(long));
    assert.match(await say('framdrift'), /ingen refleksjoner/);
  });

  it('refuses an empty reflection without losing the earlier one', async function () {
    const data = { courseId: course().id, lessonId: firstLesson().id };
    await running.post(cardAction('reflection.submit', { ...data, answer1: 'Første svar' }, nb));
    const basis = submitBasis((await running.post(cardAction('reflection.edit', data, nb))).body.value);
    const empty = await running.post(cardAction('reflection.submit', { ...data, answer1: '  ', answer2: '', answer3: '', basis }, nb));
    assert.match(cardText(empty.body.value), /Skriv et svar på minst ett av spørsmålene/);
    const edit = await running.post(cardAction('reflection.edit', data, nb));
    assert.match(cardText(edit.body.value), /Første svar/);
  });

  it('answers a reflection for a lesson that does not exist with a clear card', async function () {
    const response = await running.post(cardAction('reflection.submit', { courseId: course().id, lessonId: 'no-such-lesson', answer1: 'x' }, nb));
    assert.equal(response.status, 200);
    assert.match(cardText(response.body.value), /Jeg finner ikke denne leksjonen/);
  });

  it('answers an unknown card verb with a clear card', async function () {
    const response = await running.post(cardAction('lesson.fly', {}, nb));
    assert.equal(response.status, 200);
    assert.match(cardText(response.body.value), /Jeg kjenner ikke igjen denne knappen/);
  });

  it('answers card data with missing fields with a clear card', async function () {
    const response = await running.post(cardAction('lesson.read', { courseId: course().id }, nb));
    assert.match(cardText(response.body.value), /Kortet manglet opplysninger/);
  });

  it('follows Action.Submit buttons like typed commands', async function () {
    await running.post(personalSubmit({ command: 'progress' }, nb));
    await connector.waitForSent(1);
    assert.match(cardText(connector.sentCards[0]), /Du har lest 0 av 8/);
  });

  it('stores the language choice, which then wins over the Teams locale', async function () {
    assert.match(await say('språk nn'), /Frå no av skriv eg nynorsk til deg/);
    assert.match(await say('start'), /Eg har lese/);
    assert.match(await say('language en'), /From now on I will write to you in English/);
    assert.match(await say('framdrift'), /You have read 0 of 8 lessons/);
  });

  it('takes a language by name as well as by code, in any of the languages', async function () {
    assert.match(await say('språk nynorsk'), /Frå no av skriv eg nynorsk til deg/);
    assert.match(await say('språk bokmål'), /Fra nå av skriver jeg bokmål til deg/);
    assert.match(await say('language english'), /From now on I will write to you in English/);
    assert.match(await say('språk norsk'), /Fra nå av skriver jeg bokmål til deg/);
    assert.match(await say('språk engelsk'), /From now on I will write to you in English/);
    assert.match(await say('Språk Nynorsk.'), /Frå no av skriv eg nynorsk til deg/);
  });

  it('offers the choices when no language is named, each a button that works', async function () {
    const text = await say('språk');
    assert.match(text, /Hvilket språk vil du at jeg skal skrive til deg på\?/);
    assert.doesNotMatch(text, /«»/);
    const buttons = (connector.sentCards.at(-1) as { actions: { title: string; data: { command: string } }[] }).actions;
    assert.deepEqual(buttons.map((button) => button.title), ['Bokmål', 'Nynorsk', 'English']);
    await running.post(personalSubmit(buttons[1]!.data, nb));
    await connector.waitForSent(2);
    assert.match(cardText(connector.sentCards.at(-1)), /Frå no av skriv eg nynorsk til deg/);
  });

  it('explains an unknown language', async function () {
    assert.match(await say('språk klingon'), /Jeg kjenner ikke språket «klingon»/);
  });

  it('keeps progress per person', async function () {
    await running.post(cardAction('lesson.read', { courseId: course().id, lessonId: firstLesson().id }, nb));
    assert.match(await say('framdrift', { ...nb, user: ids.ola }), /Du har lest 0 av 8/);
    assert.match(await say('framdrift'), /Du har lest 1 av 8/);
  });

  it('keeps tenants apart', async function () {
    await running.post(cardAction('lesson.read', { courseId: course().id, lessonId: firstLesson().id }, nb));
    assert.match(await say('framdrift', { ...nb, tenant: ids.otherTenant }), /Du har lest 0 av 8/);
  });
});

describe('the HTTP endpoint', function () {
  let running: RunningApp;
  afterEach(async () => running.close());

  it('answers malformed JSON with 400', async function () {
    running = await startApp();
    const { status } = await running.post('{"type": "message",');
    assert.equal(status, 400);
  });

  it('answers an activity without type or conversation with 400 naming what is missing', async function () {
    running = await startApp();
    const { status, body } = await running.post({ text: 'hei' });
    assert.equal(status, 400);
    assert.ok(body.problems.some((p: string) => p.startsWith('type')));
    assert.ok(body.problems.some((p: string) => p.startsWith('conversation')));
  });

  it('serves the privacy notice, terms and accessibility statement the manifest links to', async function () {
    running = await startApp();
    for (const path of ['/privacy', '/terms', '/accessibility']) {
      const response = await fetch(`${running.url}${path}`);
      assert.equal(response.status, 200, path);
      assert.match(response.headers.get('content-type') ?? '', path === '/accessibility' ? /text\/plain/ : /text\/html/);
      assert.ok((await response.text()).length > 200);
    }
  });

  it('answers the playground’s HEAD probe on /api/messages', async function () {
    running = await startApp();
    assert.equal((await fetch(`${running.url}/api/messages`, { method: 'HEAD' })).status, 204);
  });

  it('reports the database and the finished scheduler ticks on /healthz', async function () {
    running = await startApp();
    const response = await fetch(`${running.url}/healthz`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: 'ok', database: 'sqlite', ticks: 0 });
    await running.app.runner.runOnce();
    assert.deepEqual(await (await fetch(`${running.url}/healthz`)).json(), { status: 'ok', database: 'sqlite', ticks: 1 });
  });

  it('refuses a request without a Bot Framework token when BOT_ID is set', async function () {
    running = await startApp({ env: { BOT_ID: '00000000-0000-4000-8000-000000000001', BOT_PASSWORD: 'not-a-real-secret', DATA_KEY: Buffer.alloc(32, 7).toString('base64'), ALLOWED_TENANT_IDS: ids.tenant } });
    const connector = await new FakeConnector().start();
    const consoleError = sinon.stub(console, 'error');
    try {
      const { status } = await running.post(personalMessage('hjelp', { serviceUrl: connector.url }));
      assert.equal(status, 401);
      const forged = await running.post(personalMessage('hjelp', { serviceUrl: connector.url }), { authorization: 'Bearer eyJhbGciOiJub25lIn0.e30.' });
      assert.equal(forged.status, 401);
      assert.equal(connector.sent.length, 0);
    } finally {
      consoleError.restore();
      await connector.stop();
    }
  });
});

/** What a reflection form says it showed, as its submit button sends it back. */
function submitBasis(card: { actions: { verb?: string; data?: { basis?: unknown } }[] }): unknown {
  return card.actions.find((action) => action.verb === 'reflection.submit')!.data!.basis;
}
