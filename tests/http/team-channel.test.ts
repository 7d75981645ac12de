import assert from 'node:assert/strict';
import { courseText } from '../../bot/core/course.js';
import { cardAction as personalCardAction, channelAction, channelMessage, ids, team, teamEvent, teamInstall, teamMembersChanged, teamPeople, type ChannelOptions, type TestUser } from '../helpers/activities.js';
import { seedTeam } from '../helpers/seed-team.js';
import { startApp, type RunningApp } from '../helpers/app-harness.js';
import { cardOf, cardText, FakeConnector } from '../helpers/fake-connector.js';

const clock = { now: () => new Date('2026-03-02T08:00:00.000Z') };

const setupInput = {
  teamId: team.id,
  channelId: team.reflectionChannel,
  language: 'nb',
  startDate: '2026-03-09',
  lessonWeekday: '1',
  lessonTime: '09:00',
  intervalWeeks: '2',
  reflectionDaysAfter: '2',
  reflectionTime: '14:00',
  mandatory: 'true',
  dueDate: '2026-06-01',
};

describe('a department channel over /api/messages', function () {
  let connector: FakeConnector;
  let running: RunningApp;
  let base: ChannelOptions;

  beforeEach(async function () {
    connector = await new FakeConnector().start();
    connector.teams.set(team.id, {
      id: team.id,
      name: team.name,
      aadGroupId: team.aadGroupId,
      channels: [{ id: team.id }, { id: team.reflectionChannel, name: 'Refleksjon' }],
      members: teamPeople.map((person) => ({ ...person })),
    });
    running = await startApp({ clock });
    base = { serviceUrl: connector.url };
  });

  afterEach(async function () {
    await running.close();
    await connector.stop();
  });

  const as = (user: TestUser, conversationId?: string): ChannelOptions => ({ ...base, user, ...(conversationId ? { conversationId } : {}) });
  const lessons = () => courseText(running.app.courses.defaultCourse(), 'nb').lessons;

  /** Sends what the outbox holds, as the background loop would. */
  async function drain(): Promise<void> {
    await running.app.services.outboxWorker.drain();
  }

  async function install(): Promise<void> {
    assert.equal((await running.post(teamInstall(base))).status, 200);
  }

  async function setUp(user: TestUser = ids.ingrid, input: Record<string, string> = setupInput) {
    const response = await running.post(channelAction('setup.save', input, as(user)));
    assert.equal(response.status, 200);
    return cardText(response.body.value);
  }

  async function postLesson(user: TestUser = ids.ingrid): Promise<{ card: Record<string, unknown>; confirmation: string }> {
    const before = connector.calls.length;
    const response = await running.post(channelAction('lesson.post', { teamId: team.id }, as(user)));
    assert.equal(connector.calls.slice(before).filter((call) => call.path === '/v3/conversations').length, 0, 'the invoke only queues');
    await drain();
    const created = connector.calls.slice(before).find((call) => call.method === 'POST' && call.path === '/v3/conversations');
    assert.ok(created, 'no new thread was created');
    return { card: cardOf(created.body.activity as Record<string, unknown>)!, confirmation: cardText(response.body.value) };
  }

  it('posts one welcome in the General channel, reads the roster page by page, and does not welcome again', async function () {
    await install();
    await install();
    const welcomes = connector.sentTo(team.id);
    assert.equal(welcomes.length, 1);
    assert.match(cardText(cardOf(welcomes[0]!)), /Lærekraft er lagt til i teamet/);
    assert.match(cardText(cardOf(welcomes[0]!)), /aldri for grupper med færre enn 5 personer/);
    assert.equal(await running.app.services.teams.memberCount({ tenantId: ids.tenant, teamId: team.id }), 5);
    assert.ok(connector.calls.filter((call) => call.path.endsWith('/pagedmembers')).length >= 3, 'roster was not paged');
  });

  it('answers only when @mentioned in a channel, with the mention stripped', async function () {
    await install();
    connector.clear();
    await running.post(channelMessage('hjelp', { ...as(ids.ola), mention: false }));
    assert.equal(connector.sent.length, 0);
    await running.post(channelMessage('hjelp', as(ids.ola)));
    await connector.waitForSent(1);
    assert.match(cardText(connector.sentCards[0]), /Dette kan dere skrive til meg i kanalen/);
  });

  it('keeps personal commands out of the channel with a clear message', async function () {
    await install();
    connector.clear();
    await running.post(channelMessage('neste', as(ids.ola)));
    await connector.waitForSent(1);
    assert.match(cardText(connector.sentCards[0]), /Dette gjør vi i personlig chat med meg/);
  });

  it('offers the setup card with every standard channel, not only General', async function () {
    await install();
    connector.clear();
    await running.post(channelMessage('oppsett', as(ids.ingrid)));
    await connector.waitForSent(1);
    const card = connector.sentCards[0]!;
    const choices = JSON.stringify(card);
    assert.match(choices, /"title":"Generelt","value":"19:oppvekst-general@thread.tacv2"/);
    assert.match(choices, /"title":"Refleksjon","value":"19:oppvekst-refleksjon@thread.tacv2"/);
  });

  it('refuses an invalid setup with every problem named and the input kept', async function () {
    await install();
    const text = await setUp(ids.ingrid, { ...setupInput, channelId: '19:gone@thread.tacv2', startDate: '2026-03-09', dueDate: '2026-03-01' });
    assert.match(text, /Kanalen finnes ikke lenger/);
    assert.match(text, /Fristen kan ikke være før startdatoen/);
    const response = await running.post(channelAction('setup.save', { ...setupInput, startDate: '2026-03-01' }, as(ids.ingrid)));
    assert.match(cardText(response.body.value), /Startdatoen kan ikke være tilbake i tid/);
    assert.match(JSON.stringify(response.body.value), /"id":"startDate"[^}]*"value":"2026-03-01"/);
    assert.deepEqual(await running.app.services.enrollments.list({ tenantId: ids.tenant, teamId: team.id }), []);
  });

  it('stores the setup, shows it back in words, and makes the person who set it up the leader', async function () {
    await install();
    const text = await setUp();
    assert.match(text, /Kurset er satt opp/);
    assert.match(text, /annenhver mandag kl\. 09\.00/);
    assert.match(text, /2 dager etter hver leksjon kl\. 14\.00/);
    assert.match(text, /Refleksjon/);
    assert.match(text, /1\. juni 2026/);
    const refused = await running.post(channelAction('setup.save', setupInput, as(ids.ola)));
    assert.match(cardText(refused.body.value), /Bare de kursansvarlige i teamet kan gjøre dette/);
  });

  it('explains every refusal on the setup card: no silent date limits, a past due date, a weekend day', async function () {
    await install();
    const open = await running.post(channelAction('setup.open', { teamId: team.id }, as(ids.ingrid)));
    assert.doesNotMatch(JSON.stringify(open.body.value), /"min":/);
    const text = await setUp(ids.ingrid, { ...setupInput, startDate: '2026-03-02', dueDate: '2026-03-01', lessonWeekday: '6' });
    assert.match(text, /Fristen kan ikke være før startdatoen/);
    assert.match(text, /Ukedag for leksjonene: verdien er ikke gyldig/);
  });

  it('says in the summary when quiet hours move an evening time, and when the lesson really comes', async function () {
    await install();
    const text = await setUp(ids.ingrid, { ...setupInput, intervalWeeks: '1', lessonTime: '22:00', reflectionDaysAfter: '1', reflectionTime: '14:00' });
    assert.match(text, /hver mandag kl\. 22\.00/);
    assert.match(text, /Leksjonene kommer kl\. 08\.00 neste virkedag, ikke kl\. 22\.00/);
    assert.match(text, /Neste leksjon: \ntirsdag 10\. mars kl\. 08\.00/);
  });

  it('posts a lesson as a new thread in the chosen channel, with per-person refresh and the count', async function () {
    await install();
    await setUp();
    const { card, confirmation } = await postLesson();
    assert.ok(confirmation.includes(`Leksjon 1 av 8, «${lessons()[0]!.title}», sendes nå til kanalen Refleksjon.`), confirmation);
    const created = connector.calls.find((call) => call.path === '/v3/conversations')!;
    assert.equal((created.body.channelData as { channel: { id: string } }).channel.id, team.reflectionChannel);
    assert.deepEqual((card.refresh as { userIds: string[] }).userIds.sort(), teamPeople.map((p) => p.id).sort());
    assert.match(cardText(card), /0 av 5 har lest/);
  });

  it('names the channel in every confirmation (setup, lesson, round, next steps), in the person’s language, as plain text', async function () {
    const hostileName = 'Oppvekst **VIKTIG** [bekreft](https://evil.example)';
    connector.teams.get(team.id)!.channels = [{ id: team.id }, { id: team.reflectionChannel, name: hostileName }];
    await install();
    /** Every text on the card Teams would parse as Markdown (TextBlock text, facts), and every TextRun. */
    const texts = (card: unknown): { markdown: string[]; runs: string[] } => {
      const markdown: string[] = [];
      const runs: string[] = [];
      const walk = (node: unknown): void => {
        if (Array.isArray(node)) return node.forEach(walk);
        if (!node || typeof node !== 'object') return;
        const element = node as Record<string, unknown>;
        if (element.type === 'TextBlock') markdown.push(String(element.text));
        if (element.type === 'FactSet') for (const fact of element.facts as { title: string; value: string }[]) markdown.push(fact.title, fact.value);
        if (element.type === 'TextRun') runs.push(String(element.text));
        Object.values(element).forEach(walk);
      };
      walk(card);
      return { markdown, runs };
    };
    const namesChannel = (card: unknown, sentence: RegExp): void => {
      const { markdown, runs } = texts(card);
      assert.ok(runs.some((run) => sentence.test(run) && run.includes(hostileName)), `no TextRun names the channel: ${JSON.stringify(runs)}`);
      assert.ok(!markdown.some((text) => text.includes('evil.example') || text.includes('VIKTIG')), `the channel name reached Markdown: ${JSON.stringify(markdown)}`);
    };
    const escaped = hostileName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

    const saved = await running.post(channelAction('setup.save', setupInput, as(ids.ingrid)));
    namesChannel(saved.body.value, new RegExp(`^Leksjonene og refleksjonsrundene sendes til kanalen ${escaped}\\.$`));

    const lesson = await running.post(channelAction('lesson.post', { teamId: team.id }, { ...as(ids.ingrid), locale: 'nn-NO' }));
    namesChannel(lesson.body.value, new RegExp(`^Leksjon 1 av 8, «.+», blir no sendt til kanalen ${escaped}\\.$`));
    await drain();

    const round = await running.post(channelAction('round.start', { teamId: team.id }, { ...as(ids.ingrid), locale: 'en-GB' }));
    namesChannel(round.body.value, new RegExp(`^The reflection round for “.+” is being sent to the lesson’s thread in the channel ${escaped}\\.$`));
    await drain();
    const again = await running.post(channelAction('round.start', { teamId: team.id }, as(ids.ingrid)));
    namesChannel(again.body.value, new RegExp(`^Refleksjonsrunden for «.+» er allerede startet i kanalen ${escaped}\\.$`));

    connector.clear();
    await running.post(channelMessage('neste steg', as(ids.ingrid)));
    await connector.waitForSent(1);
    namesChannel(connector.sentCards[0], new RegExp(`^Runden om neste steg sendes nå til kanalen ${escaped}\\.$`));
  });

  it('records "I have read it" per person, shows them their view, and updates everyone’s count', async function () {
    await install();
    await setUp();
    await postLesson();
    const lessonId = lessons()[0]!.id;
    const courseId = running.app.courses.defaultCourse().id;
    const thread = (await running.app.services.channelCourse.thread({ tenantId: ids.tenant, teamId: team.id }, courseId, lessonId))!;
    const threadId = thread.threadId;
    assert.match(threadId, /^19:oppvekst-refleksjon@thread\.tacv2;messageid=root-\d+$/);
    const data = { courseId, lessonId, teamId: team.id };

    const ola = await running.post(channelAction('lesson.read', data, as(ids.ola, threadId)));
    assert.match(cardText(ola.body.value), /Du har lest denne leksjonen/);
    // 1 of 5 would say that 4 have not read: a band, the dashboard's rule.
    assert.match(cardText(ola.body.value), /1–4 av 5 har lest/);
    await running.post(channelAction('lesson.read', data, as(teamPeople[2], threadId)));
    await running.post(channelAction('lesson.read', data, as(teamPeople[2], threadId)));
    assert.equal(connector.updated.length, 0, 'a read click only queues the count: the outbox updates the card');
    const waiting = await running.app.database.db.selectFrom('outbox').select('id').where('target_key', 'like', 'count:%').where('status', '=', 'pending').execute();
    assert.equal(waiting.length, 1, 'two reads while one update waits: one row, not one per read');
    await drain();
    assert.equal(connector.updated.length, 1);
    const lastUpdate = connector.updated.at(-1)!;
    assert.match(cardText(cardOf(lastUpdate.body)), /1–4 av 5 har lest/);
    assert.doesNotMatch(cardText(cardOf(lastUpdate.body)), /\b2 av 5/);
    assert.doesNotMatch(cardText(cardOf(lastUpdate.body)), /Du har lest/);
    assert.equal(lastUpdate.activityId, thread.lessonActivityId);

    const per = await running.post(channelAction('lesson.refresh', data, as(teamPeople[3], threadId), 'automatic'));
    assert.match(cardText(per.body.value), /Jeg har lest/);
    assert.match(cardText(per.body.value), /1–4 av 5 har lest/);

    // Everyone has read it: exact again.
    for (const person of [teamPeople[0], teamPeople[1], teamPeople[3], teamPeople[4]]) await running.post(channelAction('lesson.read', data, as(person, threadId)));
    await drain();
    assert.match(cardText(cardOf(connector.updated.at(-1)!.body)), /5 av 5 har lest/);
  });

  it('gives the read count on the card as the dashboard does: exact, or a band where the readers or the rest are 1 … k−1', async function () {
    const members = Array.from({ length: 20 }, (_, index) => ({ ...teamPeople[index % teamPeople.length]!, id: `29:member-${index}`, aadObjectId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`, name: `Medlem ${index}` }));
    connector.teams.get(team.id)!.members = members.map((person) => ({ ...person }));
    await install();
    await setUp();
    await postLesson();
    const lessonId = lessons()[0]!.id;
    const courseId = running.app.courses.defaultCourse().id;
    const threadId = (await running.app.services.channelCourse.thread({ tenantId: ids.tenant, teamId: team.id }, courseId, lessonId))!.threadId;
    const data = { courseId, lessonId, teamId: team.id };
    const readBy = async (people: typeof members): Promise<string> => {
      for (const person of people) assert.equal((await running.post(channelAction('lesson.read', data, as(person, threadId)))).status, 200);
      await drain();
      return cardText(cardOf(connector.updated.at(-1)!.body));
    };
    assert.match(await readBy(members.slice(0, 15)), /(?<![\d–])15 av 20 har lest/);
    const seventeen = await readBy(members.slice(15, 17));
    assert.match(seventeen, /16–19 av 20 har lest/);
    assert.doesNotMatch(seventeen, /(?<![\d–])17 av 20/);
  });

  it('hides the count for a team smaller than the minimum group size', async function () {
    connector.teams.get(team.id)!.members = teamPeople.slice(0, 4).map((person) => ({ ...person }));
    await install();
    await setUp();
    const { card } = await postLesson();
    assert.match(cardText(card), /Antallet vises når teamet har minst 5 medlemmer/);
    assert.doesNotMatch(cardText(card), /av 4 har lest/);
  });

  it('runs a reflection round: named and anonymous replies in the thread, edits in place, anonymity kept', async function () {
    await install();
    await setUp();
    await postLesson();
    const threadId = (await running.app.services.channelCourse.thread({ tenantId: ids.tenant, teamId: team.id }, running.app.courses.defaultCourse().id, lessons()[0]!.id))!.threadId;

    const round = await running.post(channelAction('round.start', { teamId: team.id }, as(ids.ingrid)));
    assert.match(cardText(round.body.value), /Refleksjonsrunden for .* sendes nå i tråden til leksjonen i kanalen Refleksjon\./);
    assert.equal(connector.sentTo(threadId).length, 0, 'the invoke only queues');
    await drain();
    const roundCard = cardOf(connector.sentTo(threadId).at(-1)!)!;
    assert.match(cardText(roundCard), /Hvem skal se svaret\?/);
    assert.match(cardText(roundCard), /Del i tråden anonymt/);

    const courseId = running.app.courses.defaultCourse().id;
    const lessonId = lessons()[0]!.id;
    const reflect = (user: TestUser, visibility: string, answer1: string) =>
      running.post(channelAction('reflection.submit', { courseId, lessonId, teamId: team.id, visibility, answer1, answer2: '', answer3: 'På neste personalmøte' }, as(user, threadId)));

    const named = await reflect(ids.ola, 'named', 'Om de 17 målene');
    assert.match(cardText(named.body.value), /delt i tråden med navnet ditt/);
    const anonymous = await reflect(teamPeople[2], 'anonymous', 'Eksemplet fra Asker');
    assert.match(cardText(anonymous.body.value), /Verken de kursansvarlige eller andre i teamet kan se i Lærekraft at de er dine/);

    assert.equal(connector.sentTo(threadId).length, 1, 'a click only queues the reply: the outbox posts it');
    await drain();
    const replies = connector.sentTo(threadId).slice(1).map((activity) => cardText(cardOf(activity)));
    assert.equal(replies.length, 2);
    assert.match(replies[0]!, /Ola Hansen delte refleksjonen sin/);
    assert.match(replies[1]!, /En kollega delte anonymt/);
    assert.doesNotMatch(JSON.stringify(connector.sentTo(threadId)[2]), /Kari|kari|6a1c0e5e-0000-4000-8000-0000000000c3/);

    await reflect(ids.ola, 'named', 'Om de 17 målene, og delmålene');
    await drain();
    assert.equal(connector.sentTo(threadId).length, 3, 'an edit must not post a second reply');
    assert.match(cardText(cardOf(connector.updated.at(-1)!.body)), /og delmålene/);

    const db = running.app.database.db;
    const stored = JSON.stringify({
      shared: await db.selectFrom('shared_replies').selectAll().execute(),
      reflections: await db.selectFrom('reflections').selectAll().execute(),
    });
    assert.doesNotMatch(stored, /anonymous|Kari Berg/);
    const kariReflection = (await db.selectFrom('reflections').selectAll().where('user_id', '=', teamPeople[2].aadObjectId).executeTakeFirstOrThrow()).sealed;
    const anonymousReply = (await db.selectFrom('shared_replies').selectAll().where('author_name', 'is', null).executeTakeFirstOrThrow());
    assert.ok(!kariReflection.includes(anonymousReply.reply_id) && !kariReflection.includes(anonymousReply.activity_id));

    const switched = await reflect(teamPeople[2], 'private', 'Eksemplet fra Asker');
    assert.match(cardText(switched.body.value), /lagret privat/);
    const blanked = await db.selectFrom('shared_replies').selectAll().where('withdrawn', '=', 1).executeTakeFirstOrThrow();
    assert.equal(blanked.answers, '[]', 'a withdrawn reply loses its text at once, before the outbox has taken it out of the thread');
    await drain();
    assert.match(cardText(cardOf(connector.updated.at(-1)!.body)), /Forfatteren har trukket tilbake dette svaret/);
    assert.equal((await db.selectFrom('shared_replies').selectAll().execute()).length, 1);
  });

  it('shows each viewer their own reflection on refresh, and the form to those who have not answered', async function () {
    await install();
    await setUp();
    await postLesson();
    await running.post(channelAction('round.start', { teamId: team.id }, as(ids.ingrid)));
    await drain();
    const courseId = running.app.courses.defaultCourse().id;
    const lessonId = lessons()[0]!.id;
    await running.post(channelAction('reflection.submit', { courseId, lessonId, teamId: team.id, visibility: 'private', answer1: 'Min egen tanke' }, as(ids.ola)));
    const olaView = await running.post(channelAction('reflection.refresh', { courseId, lessonId, teamId: team.id }, as(ids.ola), 'automatic'));
    assert.match(cardText(olaView.body.value), /Min egen tanke/);
    const perView = await running.post(channelAction('reflection.refresh', { courseId, lessonId, teamId: team.id }, as(teamPeople[3]), 'automatic'));
    assert.doesNotMatch(cardText(perView.body.value), /Min egen tanke/);
    assert.match(cardText(perView.body.value), /Hva leste du\?/);
  });

  it('answers "send leksjon" at once, then posts from the outbox and shows the delivery in planlegg', async function () {
    await install();
    await setUp();
    connector.clear();
    await running.post(channelMessage('send leksjon', as(ids.ingrid)));
    await connector.waitForSent(1);
    assert.match(cardText(connector.sentCards[0]), /sendes nå til kanalen Refleksjon\./);
    assert.equal(connector.calls.filter((call) => call.path === '/v3/conversations').length, 0, 'the message turn only queues');
    const queued = await running.post(channelAction('plan.open', { teamId: team.id }, as(ids.ingrid)));
    assert.match(cardText(queued.body.value), /leksjon: i kø/);
    await drain();
    assert.equal(connector.calls.filter((call) => call.path === '/v3/conversations').length, 1);
    const plan = await running.post(channelAction('plan.open', { teamId: team.id }, as(ids.ingrid)));
    assert.match(cardText(plan.body.value), /leksjon.*sendt/);
  });

  it('shows the leader in planlegg a delivery being sent, then failed with the reason in plain words', async function () {
    await install();
    await setUp();
    await running.post(channelMessage('send leksjon', as(ids.ingrid)));
    const stall = connector.stallNext((call) => call.method === 'POST' && call.path === '/v3/conversations', { status: 403, code: 'BotNotInConversationRoster' });
    const draining = drain();
    await stall.arrived;
    const plan = async (): Promise<string> => {
      await running.post(channelMessage('planlegg', as(ids.ingrid)));
      return cardText((await running.post(channelAction('plan.open', { teamId: team.id }, as(ids.ingrid)))).body.value);
    };
    assert.match(await plan(), /leksjon: sendes nå/);
    stall.release();
    await draining;
    const after = await plan();
    assert.match(after, /leksjon: feilet \(appen er fjernet fra teamet\)/);
    assert.doesNotMatch(after, /403|BotNotInConversationRoster|fake failure/, 'a raw error reached the card');
    // Nothing was posted, so the lesson is not taken: sent again (a minute later), it is posted, and planlegg says so.
    const fixed = clock.now;
    clock.now = () => new Date(fixed().getTime() + 60_000);
    try {
      await running.post(channelMessage('send leksjon', as(ids.ingrid)));
      await drain();
    } finally {
      clock.now = fixed;
    }
    const posted = connector.answered.filter((call) => call.method === 'POST' && call.path === '/v3/conversations' && call.status === 200);
    assert.equal(posted.length, 1);
    assert.match(cardText(cardOf(posted[0]!.body.activity as Record<string, unknown>)), new RegExp(lessons()[0]!.title));
    assert.match(await plan(), /leksjon: sendt/);
  });

  it('posts a lesson once when "send now" meets the due schedule for the same lesson, whatever the order', async function () {
    await install();
    await setUp();
    const ref = { tenantId: ids.tenant, teamId: team.id };
    const { scheduler, outboxWorker } = running.app.services;
    const dueNow = (minutesAgo: number) => running.app.repositories.schedules.plan({ ...ref, courseId: running.app.courses.defaultCourse().id }, 'lesson', new Date(clock.now().getTime() - minutesAgo * 60_000), clock.now());
    const threads = () => connector.calls.filter((call) => call.path === '/v3/conversations');
    // Due schedule fired first, then "send now" and the worker at the same time.
    await dueNow(2);
    assert.equal(await scheduler.tick(), 1);
    await Promise.all([running.post(channelAction('lesson.post', { teamId: team.id }, as(ids.ingrid))), outboxWorker.drain()]);
    await drain();
    assert.equal(threads().length, 1, 'lesson 1 was posted more than once');
    // "Send now" first, then the due schedule fires for the same (second) lesson, and both are sent concurrently.
    await running.post(channelAction('lesson.post', { teamId: team.id }, as(ids.ingrid)));
    await dueNow(1);
    assert.equal(await scheduler.tick(), 1);
    await Promise.all([outboxWorker.drain(), outboxWorker.drain()]);
    assert.equal(threads().length, 2, 'lesson 2 was posted more than once');
    const posted = await running.app.repositories.lessonThreads.list(ref, running.app.courses.defaultCourse().id);
    assert.deepEqual(posted.map((thread) => thread.lessonId).sort(), lessons().slice(0, 2).map((lesson) => lesson.id).sort());
    assert.equal(await running.app.repositories.outbox.pendingCount(), 0);
  });

  it('lets a leader name and remove a co-leader by @mention, and refuses others', async function () {
    await install();
    await setUp();
    connector.clear();
    await running.post(channelMessage('leder legg til', { ...as(ids.ola), others: [ids.ingrid] }));
    await connector.waitForSent(1);
    assert.match(cardText(connector.sentCards[0]), /Bare de kursansvarlige i teamet kan gjøre dette/);
    await running.post(channelMessage('kursansvarlig legg til', { ...as(ids.ingrid), others: [ids.ola] }));
    await connector.waitForSent(2);
    assert.match(cardText(connector.sentCards[1]), /Ola Hansen er nå kursansvarlig/);
    const { confirmation } = await postLesson(ids.ola);
    assert.match(confirmation, /sendes nå til kanalen Refleksjon\./);
    await running.post(channelMessage('leiar fjern', { ...as(ids.ingrid), others: [ids.ola] }));
    await connector.waitForSent(4);
    assert.match(cardText(connector.sentCards.at(-1)), /Ola Hansen er ikke lenger kursansvarlig/);
    await running.post(channelMessage('leder fjern', { ...as(ids.ingrid), others: [ids.ingrid] }));
    await connector.waitForSent(5);
    assert.match(cardText(connector.sentCards.at(-1)), /Teamet må ha minst én kursansvarlig/);
  });

  it('gives a leader of one team no power in another', async function () {
    await install();
    await setUp();
    const otherTeam = '19:helse-general@thread.tacv2';
    connector.teams.set(otherTeam, { id: otherTeam, name: 'Helse', aadGroupId: 'g2', channels: [{ id: otherTeam }], members: teamPeople.map((p) => ({ ...p })) });
    await running.post(teamInstall({ ...base, teamId: otherTeam }));
    await running.post(channelAction('setup.save', { ...setupInput, teamId: otherTeam, channelId: otherTeam }, { ...as(ids.ola), teamId: otherTeam }));
    const crossTeam = await running.post(channelAction('lesson.post', { teamId: otherTeam }, as(ids.ingrid)));
    assert.match(cardText(crossTeam.body.value), /Kortet manglet opplysninger/);
    const inOther = await running.post(channelAction('lesson.post', { teamId: otherTeam }, { ...as(ids.ingrid), teamId: otherTeam }));
    assert.match(cardText(inOther.body.value), /Bare de kursansvarlige i teamet kan gjøre dette/);
  });

  it('keeps the roster fresh and sends nothing to a deleted team', async function () {
    await install();
    await setUp();
    await running.post(teamMembersChanged('teamMemberRemoved', [{ id: '29:anne' }], base));
    const ref = { tenantId: ids.tenant, teamId: team.id };
    assert.equal(await running.app.services.teams.memberCount(ref), 4);
    connector.teams.get(team.id)!.members.push({ id: '29:nils', aadObjectId: '6a1c0e5e-0000-4000-8000-0000000000f6', name: 'Nils Moe' });
    await running.post(teamMembersChanged('teamMemberAdded', [{ id: '29:nils' }], base));
    assert.equal(await running.app.services.teams.memberCount(ref), 5);
    await running.post(teamEvent('teamRenamed', base, 'Oppvekst og kultur'));
    assert.equal((await running.app.services.teams.find(ref))?.name, 'Oppvekst og kultur');
    await running.post(teamEvent('teamDeleted', base));
    const before = connector.calls.filter((call) => call.path === '/v3/conversations').length;
    const refused = await running.post(channelAction('lesson.post', { teamId: team.id }, as(ids.ingrid)));
    assert.match(cardText(refused.body.value), /Teamet er arkivert eller slettet/);
    assert.equal(connector.calls.filter((call) => call.path === '/v3/conversations').length, before);
  });

  it('stops sending when the app is removed from the team', async function () {
    await install();
    await setUp();
    await running.post(channelAction('lesson.post', { teamId: team.id }, as(ids.ingrid)));
    await running.post(teamMembersChanged('teamMemberRemoved', [{ id: ids.bot }], base));
    const refused = await running.post(channelAction('lesson.post', { teamId: team.id }, as(ids.ingrid)));
    assert.match(cardText(refused.body.value), /appen er fjernet/);
    // What was queued before is not sent, and fails for good at once with the reason, not after a round of retries.
    const before = connector.calls.length;
    await drain();
    assert.equal(connector.calls.slice(before).filter((call) => call.method === 'POST').length, 0);
    const plan = await running.post(channelAction('plan.open', { teamId: team.id }, as(ids.ingrid)));
    assert.match(cardText(plan.body.value), /leksjon: feilet \(appen er fjernet fra teamet\)/);
  });
});

describe('privacy rules in a department channel', function () {
  let connector: FakeConnector;
  let running: RunningApp;

  beforeEach(async function () {
    connector = await new FakeConnector().start();
    running = await startApp({ clock: { now: () => new Date('2026-03-02T08:00:00.000Z') } });
    await seedTeam(running, connector);
    connector.clear();
  });

  afterEach(async function () {
    await running.close();
    await connector.stop();
  });

  const course = () => running.app.courses.defaultCourse();
  const lesson2 = () => course().content.nb!.lessons[1]!.id;
  const ref = { tenantId: ids.tenant, teamId: team.id };

  it('edits a shared reply when its author changes the answer in personal chat, instead of leaving it behind', async function () {
    const response = await running.post(cardActionPersonal('reflection.submit', { courseId: course().id, lessonId: lesson2(), answer1: 'Endret i chatten' }, ids.ingrid, connector.url));
    assert.match(cardText(response.body.value), /Takk for refleksjonen/);
    await running.app.services.outboxWorker.drain();
    assert.match(cardText(cardOf(connector.updated.at(-1)!.body)), /Endret i chatten/);
    const reflection = await running.app.services.learning.reflection({ tenantId: ids.tenant, userId: ids.ingrid.aadObjectId }, course().id, lesson2());
    assert.equal(reflection?.visibility, 'named');
    assert.ok(reflection?.sharedReplyId);
  });

  it('takes a leader’s rights away when they leave the team', async function () {
    await running.post(teamMembersChanged('teamMemberRemoved', [{ id: ids.ingrid.id }], { serviceUrl: connector.url }));
    assert.equal(await running.app.services.teams.leadership(ref, ids.ingrid.aadObjectId), 'none');
    const dashboard = await fetch(`${running.url}/api/v1/teams/${encodeURIComponent(team.id)}/dashboard`, { headers: { 'x-dev-user': `${ids.tenant}/${ids.ingrid.aadObjectId}` } });
    assert.equal(dashboard.status, 403);
  });

  it('shows the schedule only to the leader who asks for it, not in the channel', async function () {
    await running.post(channelMessage('planlegg', { serviceUrl: connector.url, user: ids.ingrid }));
    await connector.waitForSent(1);
    const posted = cardText(connector.sentCards[0]);
    assert.match(posted, /Bare du ser den/);
    assert.doesNotMatch(posted, /neste: |Siste utsendinger/);
    const own = await running.post(channelAction('plan.open', { teamId: team.id }, { serviceUrl: connector.url, user: ids.ingrid }));
    assert.match(cardText(own.body.value), /Siste utsendinger/);
  });
});

function cardActionPersonal(verb: string, data: Record<string, unknown>, user: TestUser, serviceUrl: string): Record<string, unknown> {
  return personalCardAction(verb, data, { serviceUrl, user });
}
