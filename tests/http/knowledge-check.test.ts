import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { cardAction, channelAction, ids, personalMessage, team, teamInstall, teamPeople, type TestUser } from '../helpers/activities.js';
import { startApp, type RunningApp } from '../helpers/app-harness.js';
import { describeEachEngine } from '../helpers/engines.js';
import { bearer, FakeJwks, ssoEnv } from '../helpers/entra-tokens.js';
import { cardOf, cardText, FakeConnector } from '../helpers/fake-connector.js';
import { seededSetup } from '../helpers/seed-team.js';
import { validateAdaptiveCard } from '../helpers/card-schema.js';

/** The fixture pack: lesson 1 has a knowledge check of two questions (correct: b, a), lesson 2 has none. */
const PACKS = 'tests/fixtures/packs/knowledge';
const courseId = 'kunnskapskurs';
const lessonId = 'maalene-kort';

const clock = { current: new Date('2026-03-09T08:00:00.000Z'), now() { return new Date(this.current); } };

type Element = Record<string, unknown>;

/** Every element of a card (body, nested containers), depth first. */
function elements(card: unknown): Element[] {
  const found: Element[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const element = node as Element;
    if (typeof element.type === 'string') found.push(element);
    for (const value of Object.values(element)) walk(value);
  };
  walk(card);
  return found;
}

describeEachEngine('knowledge check after a lesson', (engine) => {
  let connector: FakeConnector;
  let jwks: FakeJwks;
  let running: RunningApp;

  beforeEach(async function () {
    clock.current = new Date('2026-03-09T08:00:00.000Z');
    connector = await new FakeConnector().start();
    jwks = await new FakeJwks().start();
    running = await startApp({ clock, engine, env: { ...ssoEnv(jwks), COURSE_PACKS: PACKS } });
  });

  afterEach(async function () {
    await running.close();
    await connector.stop();
    await jwks.stop();
  });

  const personal = (user: TestUser, locale = 'nn-NO') => ({ serviceUrl: connector.url, user, locale });
  const inTeam = (user: TestUser) => ({ serviceUrl: connector.url, user });

  /** The team, installed and set up with the fixture course by Ingrid (who leads it). */
  async function teamWithCourse(): Promise<void> {
    connector.teams.set(team.id, { id: team.id, name: team.name, aadGroupId: team.aadGroupId, channels: [{ id: team.id }], members: teamPeople.map((p) => ({ ...p })) });
    await running.post(teamInstall({ serviceUrl: connector.url }));
    const saved = await running.post(channelAction('setup.save', { ...seededSetup, courseId }, inTeam(ids.ingrid)));
    assert.equal(saved.status, 200);
    const enrollment = await running.app.repositories.enrollments.find({ tenantId: ids.tenant, teamId: team.id, courseId });
    assert.equal(enrollment?.courseId, courseId);
  }

  /** A member reads lesson 1 in the channel and answers its check there. */
  async function answerInChannel(user: TestUser, answers: Record<string, string>): Promise<Element> {
    const read = await running.post(channelAction('lesson.read', { courseId, lessonId, teamId: team.id }, inTeam(user)));
    assert.ok(elements(read.body.value).some((element) => element.type === 'Action.Execute' && element.verb === 'knowledge.open'), 'the member\'s read card in the channel offers the check');
    const opened = await running.post(channelAction('knowledge.open', { courseId, lessonId, teamId: team.id }, inTeam(user)));
    assert.equal(opened.status, 200);
    assert.ok(elements(opened.body.value).some((element) => element.type === 'Input.ChoiceSet'), 'the channel member gets the questions');
    const submitted = await running.post(channelAction('knowledge.submit', { courseId, lessonId, teamId: team.id, ...answers }, inTeam(user)));
    assert.equal(submitted.status, 200);
    return submitted.body.value as Element;
  }

  it('asks after "Eg har lese" in personal chat and shows the person their result with every explanation, once', async function () {
    const read = await running.post(cardAction('lesson.read', { courseId, lessonId }, personal(ids.ola)));
    assert.equal(read.status, 200);
    assert.ok(elements(read.body.value).some((element) => element.type === 'Action.Execute' && element.verb === 'knowledge.open'), 'the read card offers the check again');
    await connector.waitForSent(2);
    const [check, reflection] = connector.sentCards;
    assert.match(cardText(check), /Kunnskapssjekk/);
    assert.match(cardText(reflection!), /Kva las du\?/);
    assert.deepEqual(validateAdaptiveCard(check), []);
    const sets = elements(check).filter((element) => element.type === 'Input.ChoiceSet');
    assert.equal(sets.length, 2);
    for (const set of sets) {
      assert.equal(set.style, 'expanded');
      assert.equal(set.isRequired, true);
      assert.match(String(set.label), /^Spørsmål \d av 2: /);
    }
    assert.equal(sets[0]!.label, 'Spørsmål 1 av 2: Kor mange berekraftsmål har FN?');
    assert.deepEqual((sets[0]!.choices as { title: string }[]).map((choice) => choice.title), ['8', '17', '169']);

    // A question left out: the form comes back, with what was chosen kept.
    const partial = await running.post(cardAction('knowledge.submit', { courseId, lessonId, 'q_antall-mal': 'c' }, personal(ids.ola)));
    assert.match(cardText(partial.body.value), /Vel eitt svar på kvart spørsmål\./);
    assert.equal(elements(partial.body.value).find((element) => element.id === 'q_antall-mal')!.value, 'c');

    const result = await running.post(cardAction('knowledge.submit', { courseId, lessonId, 'q_antall-mal': 'c', q_frist: 'a' }, personal(ids.ola)));
    assert.equal(result.status, 200);
    const text = cardText(result.body.value);
    assert.deepEqual(validateAdaptiveCard(result.body.value), []);
    assert.match(text, /Du svarte rett på 1 av 2\./);
    assert.match(text, /169\n \(svaret ditt, ikkje rett\)/, 'the mark is a run of its own, after the choice');
    assert.match(text, /17\n \(rett svar\)/);
    assert.match(text, /2030\n \(svaret ditt, rett\)/);
    for (const explanation of ['Nei, 8 var tusenårsmåla frå 2000.', 'Rett: det er 17 mål med 169 delmål.', 'Nei, 169 er talet på delmål.', 'Rett: fristen er 2030.', 'Nei, 2050 er fristen for mange klimamål, ikkje berekraftsmåla.']) {
      assert.ok(text.includes(explanation), `explanation shown: ${explanation}`);
    }

    // One answer per lesson: an old card submitted again changes nothing and shows the first result.
    const again = await running.post(cardAction('knowledge.submit', { courseId, lessonId, 'q_antall-mal': 'b', q_frist: 'a' }, personal(ids.ola)));
    assert.match(cardText(again.body.value), /Du har svart på denne kunnskapssjekken før/);
    assert.match(cardText(again.body.value), /Du svarte rett på 1 av 2\./);
    const reopened = await running.post(cardAction('knowledge.open', { courseId, lessonId }, personal(ids.ola, 'en-GB')));
    assert.match(cardText(reopened.body.value), /Your result/);
    assert.match(cardText(reopened.body.value), /No, 169 is the number of targets\./);
    const ballots = await running.app.database.db.selectFrom('knowledge_ballots').selectAll().execute();
    assert.equal(ballots.length, 1, 'one ballot (the organisation; Ola is in no team with the course)');
  });

  it('exports the person\'s result and certificate record with "mine data", and erases them with "slett mine data", leaving the anonymous counts', async function () {
    for (const lessonId of ['maalene-kort', 'sirkulaer']) await running.post(cardAction('lesson.read', { courseId, lessonId }, personal(ids.ola)));
    await running.post(cardAction('knowledge.submit', { courseId, lessonId, 'q_antall-mal': 'b', q_frist: 'b' }, personal(ids.ola)));
    const pdf = await fetch(`${running.url}/api/v1/me/certificate?courseId=${courseId}`, { headers: bearer(await jwks.token(ids.ola)) });
    assert.equal(pdf.status, 200);
    await pdf.arrayBuffer();
    connector.clear();
    await running.post(personalMessage('mine data', personal(ids.ola)));
    await connector.waitForSent(1);
    const link = (connector.sentCards.at(-1)!.actions as { type: string; url: string }[]).find((action) => action.type === 'Action.OpenUrl')!.url;
    const url = new URL(link);
    const exported = (await (await fetch(`${running.url}${url.pathname}${url.search}`)).json()) as any;
    assert.deepEqual(exported.knowledgeChecks.map((check: { lessonId: string; answers: unknown }) => [check.lessonId, check.answers]), [[lessonId, { 'antall-mal': 'b', frist: 'b' }]]);
    assert.deepEqual(exported.certificates, [{ courseId }]);

    await running.post(cardAction('mydata.delete', { confirm: 'yes' }, personal(ids.ola)));
    const db = running.app.database.db;
    assert.equal((await db.selectFrom('knowledge_results').selectAll().execute()).length, 0);
    assert.equal((await db.selectFrom('certificates').selectAll().execute()).length, 0);
    assert.equal((await db.selectFrom('knowledge_ballots').selectAll().execute()).length, 1, 'the organisation\'s anonymous ballot stays in the counts');
  });

  it('refuses the check before the lesson is read', async function () {
    const early = await running.post(cardAction('knowledge.submit', { courseId, lessonId, 'q_antall-mal': 'b', q_frist: 'a' }, personal(ids.ola)));
    assert.match(cardText(early.body.value), /Les leksjonen og trykk «Eg har lese» først\./);
    assert.equal((await running.app.database.db.selectFrom('knowledge_results').selectAll().execute()).length, 0);
  });

  it('shows the leader and HR only aggregates per question, and only from the minimum group size', async function () {
    await teamWithCourse();
    const people = teamPeople;
    // Four of five answer: below the minimum group size (5), nothing is shown.
    const choices: Record<string, string>[] = [
      { 'q_antall-mal': 'b', q_frist: 'a' },
      { 'q_antall-mal': 'b', q_frist: 'b' },
      { 'q_antall-mal': 'c', q_frist: 'a' },
      { 'q_antall-mal': 'b', q_frist: 'a' },
      { 'q_antall-mal': 'a', q_frist: 'a' },
    ];
    for (let i = 0; i < 4; i++) {
      const card = await answerInChannel(people[i]!, choices[i]!);
      assert.match(cardText(card), /Du svarte riktig på/);
    }
    const leader = bearer(await jwks.token(ids.ingrid));
    const url = `${running.url}/api/v1/teams/${encodeURIComponent(team.id)}/knowledge`;
    const hidden = (await (await fetch(url, { headers: leader })).json()) as any;
    assert.equal(hidden.lessons.length, 1, 'only the lesson with a check');
    assert.equal(hidden.lessons[0].tooFewToShow, true);
    for (const question of hidden.lessons[0].questions) {
      assert.equal(question.answered, null);
      assert.equal(question.shareCorrect, null);
      assert.ok(question.choices.every((choice: { count: number | null }) => choice.count === null));
    }
    const hr = bearer(await jwks.token(ids.ola, { roles: ['CompetenceUnit'] }));
    const orgHidden = (await (await fetch(`${running.url}/api/v1/org/knowledge`, { headers: hr })).json()) as any;
    assert.equal(orgHidden.courses.find((course: { courseId: string }) => course.courseId === courseId).lessons[0].tooFewToShow, true);

    await answerInChannel(people[4]!, choices[4]!);
    const shown = (await (await fetch(url, { headers: leader })).json()) as any;
    const [first, second] = shown.lessons[0].questions;
    assert.equal(shown.lessons[0].tooFewToShow, false);
    assert.equal(first.answered, 5);
    assert.equal(first.shareCorrect, 3 / 5);
    assert.deepEqual(first.choices.map((choice: { choiceId: string; count: number; correct: boolean }) => [choice.choiceId, choice.count, choice.correct]), [['a', 1, false], ['b', 3, true], ['c', 1, false]]);
    assert.equal(second.shareCorrect, 4 / 5);
    const body = JSON.stringify(shown);
    for (const person of people) assert.ok(!body.includes(person.aadObjectId) && !body.includes(person.name), 'no person in the aggregate');

    const org = (await (await fetch(`${running.url}/api/v1/org/knowledge`, { headers: hr })).json()) as any;
    const orgLesson = org.courses.find((course: { courseId: string }) => course.courseId === courseId).lessons[0];
    assert.equal(orgLesson.questions[0].answered, 5);
    assert.equal(orgLesson.questions[0].shareCorrect, 3 / 5);

    // A member who does not lead the team, and an employee without an organisation role, are refused.
    assert.equal((await fetch(url, { headers: bearer(await jwks.token(ids.ola)) })).status, 403);
    assert.equal((await fetch(`${running.url}/api/v1/org/knowledge`, { headers: bearer(await jwks.token(ids.ola)) })).status, 403);
    // Another tenant's HR sees nothing of this tenant's answers.
    const otherHr = bearer(await jwks.token(ids.ola, { tid: ids.otherTenant, roles: ['CompetenceUnit'] }));
    const other = (await (await fetch(`${running.url}/api/v1/org/knowledge`, { headers: otherHr })).json()) as any;
    assert.equal(other.courses.find((course: { courseId: string }) => course.courseId === courseId).lessons[0].tooFewToShow, true);
  });

  it('stores nothing a copy of the database can tie to an author', async function () {
    await teamWithCourse();
    const choices = ['a', 'b', 'c', 'b', 'b'];
    for (const [index, person] of teamPeople.entries()) {
      clock.current = new Date(clock.current.getTime() + 3 * 3_600_000);
      await answerInChannel(person, { 'q_antall-mal': choices[index]!, q_frist: index % 2 === 0 ? 'a' : 'b' });
    }
    const db = running.app.database.db;
    const position = engine === 'sqlite' ? sql`rowid` : sql`ctid::text`;
    const ballots = (await sql<Record<string, unknown>>`select ${position} as physical, * from knowledge_ballots`.execute(db)).rows;
    assert.equal(ballots.length, 10, 'one ballot per answer for the team and one for the organisation');
    assert.deepEqual(Object.keys(ballots[0]!).sort(), ['course_id', 'id', 'lesson_id', 'physical', 'scope', 'sealed', 'tenant_id']);
    const lengths = new Set(ballots.map((row) => String(row.sealed).length));
    assert.equal(lengths.size, 1, 'every sealed ballot has the same length');
    const results = await db.selectFrom('knowledge_results').selectAll().execute();
    assert.equal(results.length, 5);
    assert.equal(new Set(results.map((row) => row.sealed.length)).size, 1, 'every sealed result has the same length');
    const dump = JSON.stringify({ ballots, results });
    for (const leak of ['antall-mal', 'q_frist', '"b"', 'answeredAt', '2026-03']) assert.ok(!dump.includes(leak), `nothing readable: ${leak}`);
    // The person still sees their own result.
    const mine = await running.post(cardAction('knowledge.open', { courseId, lessonId }, personal(ids.ola, 'nb-NO')));
    assert.match(cardText(mine.body.value), /Du svarte riktig på 1 av 2\./);
    assert.match(cardText(mine.body.value), /2050\n \(ditt svar, ikke riktig\)/);
  });
});
