import assert from 'node:assert/strict';
import { courseText } from '../../bot/core/course.js';
import { cardAction, channelAction, channelMessage, ids, team, teamInstall, teamPeople, type TestUser } from '../helpers/activities.js';
import { startApp, type RunningApp } from '../helpers/app-harness.js';
import { cardOf, cardText, FakeConnector } from '../helpers/fake-connector.js';
import { seededSetup } from '../helpers/seed-team.js';

const clock = { now: () => new Date('2026-03-02T08:00:00.000Z') };

/** 65 people: more than the 60 Teams allows in `refresh.userIds`, so channel cards are the same for everyone. */
const people: TestUser[] = [
  ...teamPeople,
  ...Array.from({ length: 60 }, (_, i) => ({ id: `29:p${i}`, aadObjectId: `6a1c0e5e-0000-4000-8000-${String(1000 + i).padStart(12, '0')}`, name: `Person ${i}` })),
];

type Action = { readonly type: string; readonly verb?: string; readonly title?: string; readonly data?: Record<string, unknown> };

function actionOf(card: unknown, verb: string): Action {
  const action = ((card as { actions?: Action[] }).actions ?? []).find((a) => a.verb === verb);
  assert.ok(action, `the card has no ${verb} action`);
  return action;
}

function inputValue(card: unknown, id: string): string {
  const input = ((card as { body: { id?: string; value?: string }[] }).body).find((item) => item.id === id);
  return input?.value ?? '';
}

describe('a team of over 60 people: nothing a person wrote is lost', function () {
  let connector: FakeConnector;
  let running: RunningApp;
  const as = (user: TestUser, conversationId?: string) => ({ serviceUrl: connector.url, user, ...(conversationId ? { conversationId } : {}) });
  const ola = () => ({ tenantId: ids.tenant, userId: ids.ola.aadObjectId });

  beforeEach(async function () {
    connector = await new FakeConnector().start();
    connector.teams.set(team.id, { id: team.id, name: team.name, aadGroupId: team.aadGroupId, channels: [{ id: team.id }], members: people.map((p) => ({ ...p })) });
    running = await startApp({ clock });
    await running.post(teamInstall({ serviceUrl: connector.url }));
    await running.post(channelAction('setup.save', seededSetup, as(ids.ingrid)));
    await running.post(channelAction('lesson.post', { teamId: team.id }, as(ids.ingrid)));
    await running.app.services.outboxWorker.drain();
  });

  afterEach(async function () {
    await running.close();
    await connector.stop();
  });

  async function reflectionRound(): Promise<{ card: Record<string, unknown>; threadId: string; courseId: string; lessonId: string }> {
    const courseId = running.app.courses.defaultCourse().id;
    const lessonId = courseText(running.app.courses.defaultCourse(), 'nb').lessons[0]!.id;
    await running.post(channelAction('round.start', { teamId: team.id }, as(ids.ingrid)));
    await running.app.services.outboxWorker.drain();
    const threadId = (await running.app.services.channelCourse.thread({ tenantId: ids.tenant, teamId: team.id }, courseId, lessonId))!.threadId;
    return { card: cardOf(connector.sentTo(threadId).at(-1)!)!, threadId, courseId, lessonId };
  }

  it('asks before a channel save replaces answers written in personal chat, and shares nothing until then', async function () {
    const { card, threadId, courseId, lessonId } = await reflectionRound();
    assert.equal((card.refresh as { userIds?: unknown }).userIds, undefined, 'a team over 60 gets no per-user refresh');
    assert.match(cardText(card), /Har du svart før, i kanalen eller i personlig chat\? Da får du se svarene dine før noe av dem blir endret/);
    assert.equal(actionOf(card, 'reflection.edit').title, 'Vis mine svar');

    const personal = await running.post(
      cardAction('reflection.submit', { courseId, lessonId, answer1: 'Om de 17 målene', answer2: 'Eksemplet fra Asker', answer3: 'På neste personalmøte', basis: ['', '', ''] }, as(ids.ola)),
    );
    assert.match(cardText(personal.body.value), /Svarene dine er lagret/);

    const submit = actionOf(card, 'reflection.submit');
    const before = connector.sentTo(threadId).length;
    const first = await running.post(channelAction('reflection.submit', { ...submit.data, visibility: 'anonymous', answer1: 'Kort og anonymt', answer2: '', answer3: '' }, as(ids.ola, threadId)));
    const review = first.body.value;
    assert.match(cardText(review), /Du har lagret svar på dette før\. De står nå i feltene sammen med det du skrev/);
    assert.deepEqual([inputValue(review, 'answer1'), inputValue(review, 'answer2'), inputValue(review, 'answer3')], ['Kort og anonymt', 'Eksemplet fra Asker', 'På neste personalmøte']);
    assert.deepEqual((await running.app.services.learning.reflection(ola(), courseId, lessonId))!.answers, ['Om de 17 målene', 'Eksemplet fra Asker', 'På neste personalmøte']);
    assert.equal(connector.sentTo(threadId).length, before, 'nothing is shared before the person has seen it');

    // The reviewed card now shows the saved answers: clearing one of them is deliberate.
    const confirm = actionOf(review, 'reflection.submit');
    const saved = await running.post(
      channelAction('reflection.submit', { ...confirm.data, visibility: 'anonymous', answer1: 'Kort og anonymt', answer2: 'Eksemplet fra Asker', answer3: '' }, as(ids.ola, threadId)),
    );
    assert.match(cardText(saved.body.value), /delt anonymt i tråden/);
    assert.deepEqual((await running.app.services.learning.reflection(ola(), courseId, lessonId))!.answers, ['Kort og anonymt', 'Eksemplet fra Asker', '']);
  });

  it('returns a person their own prefilled card from "Vis mine svar"', async function () {
    const { card, threadId, courseId, lessonId } = await reflectionRound();
    await running.post(cardAction('reflection.submit', { courseId, lessonId, answer1: 'Min tanke', answer2: '', answer3: '', basis: ['', '', ''] }, as(ids.ola)));
    const mine = await running.post(channelAction('reflection.edit', actionOf(card, 'reflection.edit').data!, as(ids.ola, threadId)));
    assert.equal(inputValue(mine.body.value, 'answer1'), 'Min tanke');
    assert.match(cardText(mine.body.value), /Svarene du har lagret, står i feltene\. Tømmer du et felt, slettes det svaret/);
    const other = await running.post(channelAction('reflection.edit', actionOf(card, 'reflection.edit').data!, as(teamPeople[2], threadId)));
    assert.equal(inputValue(other.body.value, 'answer1'), '');
  });

  it('asks before a next-steps save from the shared card replaces answers saved before', async function () {
    await running.post(channelMessage('neste steg', as(ids.ingrid)));
    await running.app.services.outboxWorker.drain();
    const card = cardOf(connector.calls.find((call) => call.path === '/v3/conversations' && JSON.stringify(call.body).includes('nextsteps.submit'))!.body.activity as Record<string, unknown>)!;
    assert.equal(actionOf(card, 'nextsteps.refresh').title, 'Vis mine svar');
    const submit = actionOf(card, 'nextsteps.submit');
    const roundId = submit.data!.roundId as string;
    await running.post(channelAction('nextsteps.submit', { ...submit.data, visibility: 'named', step1: 'Kurs', step2: 'Tillitsvalgte med', step3: 'Personalmøtet', step4: 'Hospitering' }, as(ids.ola)));
    const again = await running.post(channelAction('nextsteps.submit', { ...submit.data, visibility: 'named', step1: 'Kurs i innkjøp', step2: '', step3: '', step4: '' }, as(ids.ola)));
    assert.match(cardText(again.body.value), /Du har lagret svar på dette før/);
    assert.equal(inputValue(again.body.value, 'step4'), 'Hospitering');
    assert.deepEqual((await running.app.services.nextSteps.ownAnswer(ola(), roundId))!.answers, ['Kurs', 'Tillitsvalgte med', 'Personalmøtet', 'Hospitering']);
  });
});
