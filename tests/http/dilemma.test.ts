/**
 * Dilemma rounds over /api/messages as Teams sends them, and in the tab API: posted by a course coordinator through
 * the outbox, answered by five members with the distribution hidden until the fifth, a changed choice moving one
 * count, reasons shared named or anonymously as text, and the CSV exports.
 */
import assert from 'node:assert/strict';
import type { DilemmaRoundsView } from '../../bot/http/contracts.js';
import { channelAction, channelMessage, ids, team, teamPeople, type TestUser } from '../helpers/activities.js';
import { startApp, type RunningApp } from '../helpers/app-harness.js';
import { cardOf, cardText, FakeConnector } from '../helpers/fake-connector.js';
import { seedTeam } from '../helpers/seed-team.js';

/** A clock the test moves by hand. */
const clock = { current: new Date('2026-03-02T08:00:00.000Z'), now() { return new Date(this.current); } };

const [ingrid, ola, kari, per, anne] = teamPeople;

/** Every TextBlock text of a card: what Teams parses as Markdown. */
function textBlocks(card: unknown): string[] {
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    if (element.type === 'TextBlock' && typeof element.text === 'string') found.push(element.text);
    Object.values(element).forEach(walk);
  };
  walk(card);
  return found;
}

/** Every TextRun text of a card. */
function textRuns(card: unknown): string[] {
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    if (element.type === 'TextRun' && typeof element.text === 'string') found.push(element.text);
    Object.values(element).forEach(walk);
  };
  walk(card);
  return found;
}

describe('dilemma rounds over /api/messages and in the tab', function () {
  let connector: FakeConnector;
  let running: RunningApp;
  const teamPath = `/api/v1/teams/${encodeURIComponent(team.id)}`;
  const as = (user: TestUser, conversationId?: string, locale?: string) => ({ serviceUrl: connector.url, user, ...(conversationId ? { conversationId } : {}), ...(locale ? { locale } : {}) });

  async function api(path: string, user: TestUser, init: { method?: string; body?: unknown; language?: string } = {}) {
    const response = await fetch(`${running.url}${path}`, {
      method: init.method ?? 'GET',
      headers: { 'content-type': 'application/json', 'accept-language': init.language ?? 'nb', 'x-dev-user': `${ids.tenant}/${user.aadObjectId}` },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await response.text();
    return { status: response.status, text, body: text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined };
  }

  beforeEach(async function () {
    clock.current = new Date('2026-03-02T08:00:00.000Z');
    connector = await new FakeConnector().start();
    running = await startApp({ clock });
    await seedTeam(running, connector);
    connector.clear();
  });

  afterEach(async function () {
    await running.close();
    await connector.stop();
  });

  /** `dilemma` from a coordinator: the notice comes at once, the outbox posts the thread; returns the round. */
  async function postDilemma(locale = 'nb-NO'): Promise<{ roundId: string; threadId: string; notice: string; card: Record<string, unknown> }> {
    const before = connector.sent.length;
    await running.post(channelMessage('dilemma', as(ingrid, undefined, locale)));
    await connector.waitForSent(before + 1);
    const notice = connector.sent.slice(before).map((activity) => cardText(cardOf(activity))).join('\n');
    const posts = connector.calls.filter((call) => call.path === '/v3/conversations').length;
    await running.app.services.outboxWorker.drain();
    const created = connector.calls.filter((call) => call.path === '/v3/conversations');
    assert.equal(created.length, posts + 1, 'the outbox posted one new thread');
    const card = cardOf(created.at(-1)!.body.activity as Record<string, unknown>)!;
    const [round] = await running.app.repositories.dilemmas.rounds({ tenantId: ids.tenant, teamId: team.id });
    return { roundId: round!.id, threadId: round!.threadId, notice, card };
  }

  const choose = (user: TestUser, round: { roundId: string; threadId: string }, option: string, reason = '', visibility = 'private') =>
    running.post(channelAction('dilemma.submit', { teamId: team.id, roundId: round.roundId, option, reason, visibility }, as(user, round.threadId)));

  it('is posted by the command in Bokmål, Nynorsk and English, one dilemma after the other, and refused for a member who does not coordinate', async function () {
    await running.post(channelMessage('dilemma', as(ola)));
    await connector.waitForSent(1);
    assert.match(cardText(cardOf(connector.sent[0]!)), /Bare de kursansvarlige i teamet kan gjøre dette/);
    assert.equal((await running.app.repositories.dilemmas.rounds({ tenantId: ids.tenant, teamId: team.id })).length, 0);

    const nb = await postDilemma('nb-NO');
    assert.match(nb.notice, /Dilemmaet «Boliger eller matjord\?» sendes nå til kanalen/);
    const text = cardText(nb.card);
    assert.match(text, /Boliger eller matjord\?/);
    assert.match(text, /Ingen har svart ennå\. Hvem som valgte hva, vises aldri\. Fordelingen vises når minst 5 har svart\./);
    assert.match(text, /Bygg boligfeltet på jordet nå/);
    assert.doesNotMatch(text, /Dette vinner vi/, 'costs and gains stay closed until the group has answered');
    // The coordinator's card offers the next one as a button too.
    const noticeCard = connector.sentCards.find((card) => /Dilemmaet «Boliger eller matjord\?» sendes nå/.test(cardText(card)))!;
    const button = (noticeCard.actions as { verb?: string; title: string }[]).find((action) => action.verb === 'dilemma.start');
    assert.equal(button?.title, 'Send et dilemma');
    const nn = await postDilemma('nn-NO');
    assert.match(nn.notice, /Dilemmaet «Billigst eller best for klimaet\?» blir sendt no til kanalen/);
    const en = await postDilemma('en-GB');
    assert.match(en.notice, /The dilemma “Legge ned grendeskolen\?” is being posted to the channel/);
    const rounds = await running.app.repositories.dilemmas.rounds({ tenantId: ids.tenant, teamId: team.id });
    assert.deepEqual(rounds.map((round) => round.dilemmaId).sort(), ['cheapest-or-climate', 'housing-or-farmland', 'small-school']);
    // After the sixth, the command says every dilemma has been posted.
    for (let i = 0; i < 3; i += 1) await postDilemma();
    const before = connector.sent.length;
    await running.post(channelMessage('dilemma', as(ingrid)));
    await connector.waitForSent(before + 1);
    assert.match(cardText(cardOf(connector.sent.at(-1)!)), /Alle dilemmaene i kurset er allerede sendt til teamet/);
  });

  it('keeps the distribution hidden until the fifth member has answered, shows each their own choice, and moves one count when a choice changes', async function () {
    const round = await postDilemma();
    const picks: [TestUser, string][] = [[ingrid, 'densify'], [ola, 'densify'], [kari, 'build-on-farmland'], [per, 'build-on-half']];
    for (const [index, [user, option]] of picks.entries()) {
      const response = await choose(user, round, option);
      assert.equal(response.status, 200);
      const text = cardText(response.body.value);
      assert.match(text, new RegExp(`${index + 1} har svart\\. Hvem som valgte hva, vises aldri\\. Fordelingen vises når minst 5 har svart\\.`));
      assert.doesNotMatch(text, /Dette vinner vi|Dette koster det|\(\d+ %\)/, `no distribution after ${index + 1} answers`);
    }
    // Ola sees his own choice on refresh; Anne, who has not answered, sees none.
    const olaView = cardText((await running.post(channelAction('dilemma.refresh', { teamId: team.id, roundId: round.roundId }, as(ola, round.threadId), 'automatic'))).body.value);
    assert.match(olaView, /Du valgte «Fortett på industritomta»\. Ingen andre ser hva du valgte/);
    const anneView = cardText((await running.post(channelAction('dilemma.refresh', { teamId: team.id, roundId: round.roundId }, as(anne, round.threadId), 'automatic'))).body.value);
    assert.doesNotMatch(anneView, /Du valgte/);

    const fifth = cardText((await choose(anne, round, 'densify')).body.value);
    assert.match(fifth, /5 har svart\. Slik fordeler valgene seg/);
    assert.match(fifth, /Bygg boligfeltet på jordet nå: 1 \(20 %\)/);
    assert.match(fifth, /Fortett på industritomta: 3 \(60 %\)/);
    assert.match(fifth, /Bygg på halve jordet og fortett resten: 1 \(20 %\)/);
    assert.match(fifth, /Dette vinner vi[\s\S]*Mål 2 Utrydde sult: Matjorda blir liggende/);
    assert.match(fifth, /Dette koster det[\s\S]*Mål 2 Utrydde sult: Matjorda er tapt for godt/);

    // Ola changes his mind, twice to the same option: the counts move once.
    await choose(ola, round, 'build-on-half');
    const changed = cardText((await choose(ola, round, 'build-on-half')).body.value);
    assert.match(changed, /5 har svart/);
    assert.match(changed, /Fortett på industritomta: 2 \(40 %\)/);
    assert.match(changed, /Bygg på halve jordet og fortett resten: 2 \(40 %\)/);
    assert.match(changed, /Du valgte «Bygg på halve jordet og fortett resten»/);

    const view = (await api(`${teamPath}/dilemma-rounds`, ola)).body as DilemmaRoundsView;
    assert.equal(view.canEdit, false);
    assert.deepEqual(view.rounds[0]!.options.map((option) => option.count), [1, 2, 2]);
    assert.equal(view.rounds[0]!.answered, 5);
  });

  it('puts a dilemma round on the meeting stage: shared reasons without private ones, the distribution only from the fifth answer', async function () {
    const round = await postDilemma();
    const stagePath = `${teamPath}/stage/dilemma/${encodeURIComponent(round.roundId)}`;
    const items = await api(`${teamPath}/stage-items`, ingrid);
    assert.equal(items.status, 200, items.text);
    assert.deepEqual(
      (items.body.items as { kind: string; id: string; title: string }[]).filter((item) => item.kind === 'dilemma').map((item) => [item.id, item.title]),
      [[round.roundId, 'Boliger eller matjord?']],
    );
    await choose(ola, round, 'densify', 'Matjorda kommer ikke tilbake.', 'named');
    await choose(kari, round, 'build-on-farmland', 'Vi trenger boliger nå.', 'anonymous');
    await choose(per, round, 'densify', 'Bare for meg', 'private');
    await choose(ingrid, round, 'densify');
    const before = await api(stagePath, anne);
    assert.equal(before.status, 200, before.text);
    assert.equal(before.body.kind, 'dilemma');
    assert.equal(before.body.title, 'Boliger eller matjord?');
    assert.equal(before.body.answered, 4);
    assert.equal(before.body.distribution, null, 'no distribution below the minimum group');
    assert.deepEqual(
      [...before.body.shared].sort((a: { authorName: string | null }, b: { authorName: string | null }) => String(a.authorName).localeCompare(String(b.authorName))),
      [
        { authorName: null, answers: ['Vi trenger boliger nå.'] },
        { authorName: 'Ola Hansen', answers: ['Matjorda kommer ikke tilbake.'] },
      ],
    );
    assert.doesNotMatch(before.text, /Bare for meg|Kari|29:kari/, 'nothing private and nothing of the anonymous author');
    await choose(anne, round, 'densify');
    const after = await api(stagePath, ola);
    assert.deepEqual(after.body.distribution, [
      { label: 'Bygg boligfeltet på jordet nå', count: 1 },
      { label: 'Fortett på industritomta', count: 4 },
      { label: 'Bygg på halve jordet og fortett resten', count: 0 },
    ]);
    assert.equal((await api(`${teamPath}/stage/dilemma/no-such-round`, ola)).status, 404);
  });

  it('shares reasons named or anonymously as thread replies, keeps a private one out, and keeps every reason text', async function () {
    const round = await postDilemma();
    const hostile = '[Klikk her](https://evil.example) **VIKTIG** <at>Kari Berg</at> =HYPERLINK("https://evil.example","x")';
    await choose(ola, round, 'densify', 'Matjorda kommer ikke tilbake.', 'named');
    await choose(kari, round, 'build-on-farmland', hostile, 'anonymous');
    await choose(per, round, 'densify', 'Bare for meg', 'private');
    await running.app.services.outboxWorker.drain();
    const replies = connector.sentTo(round.threadId);
    assert.equal(replies.length, 2, 'named and anonymous reasons are posted; the private one is not');
    assert.match(cardText(cardOf(replies[0]!)), /^Ola Hansen valgte «Fortett på industritomta» i dilemmaet «Boliger eller matjord\?»/);
    const anonymous = cardOf(replies[1]!)!;
    assert.match(cardText(anonymous), /^En kollega valgte anonymt «Bygg boligfeltet på jordet nå»/);
    assert.doesNotMatch(JSON.stringify(replies[1]), /29:kari|6a1c0e5e-0000-4000-8000-0000000000c3/, 'an anonymous reply carries nothing of its author');
    assert.ok(textRuns(anonymous).includes(hostile), 'the reason is one TextRun, as typed');
    for (const text of textBlocks(anonymous)) assert.doesNotMatch(text, /evil\.example|VIKTIG|<at>/);
    assert.equal(JSON.stringify(replies[1]).includes('"mentions"'), false);

    // Kari's own card keeps her reason as text too.
    const own = (await running.post(channelAction('dilemma.refresh', { teamId: team.id, roundId: round.roundId }, as(kari, round.threadId), 'automatic'))).body.value;
    for (const text of textBlocks(own)) assert.doesNotMatch(text, /evil\.example|VIKTIG|<at>/);
    assert.match(cardText(own), /Du valgte «Bygg boligfeltet på jordet nå»\. Valget og begrunnelsen er delt anonymt i tråden/);

    // Changing the choice edits the named reply in place.
    await choose(ola, round, 'build-on-half', 'Matjorda kommer ikke tilbake, men vi trenger boliger.', 'named');
    await running.app.services.outboxWorker.drain();
    assert.equal(connector.sentTo(round.threadId).length, 2);
    assert.match(cardText(cardOf(connector.updated.at(-1)!.body)!), /Ola Hansen valgte «Bygg på halve jordet og fortett resten»[\s\S]*men vi trenger boliger/);

    // The tab lists what was shared; the CSV keeps a formula as text.
    await choose(anne, round, 'densify', '=HYPERLINK("https://evil.example";"klikk")', 'named');
    const view = (await api(`${teamPath}/dilemma-rounds`, ingrid)).body as DilemmaRoundsView;
    assert.equal(view.canEdit, true);
    assert.deepEqual(view.rounds[0]!.shared.map((reply) => reply.authorName ?? '').sort(), ['', 'Anne Dahl', 'Ola Hansen']);
    assert.ok(view.rounds[0]!.shared.some((reply) => reply.reason === hostile));
    assert.equal(view.rounds[0]!.answered, 4);
    assert.equal(view.rounds[0]!.revealed, false);
    assert.deepEqual(view.rounds[0]!.options.map((option) => [option.count, option.gains]), [[null, null], [null, null], [null, null]]);
    const reasons = await api(`${teamPath}/dilemma-reasons.csv`, ingrid);
    assert.equal(reasons.status, 200);
    const lines = reasons.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    assert.equal(lines[0], 'Dilemma;Delt av;Begrunnelse');
    assert.ok(lines.includes(`Boliger eller matjord?;anonym;"${hostile.replace(/"/g, '""')}"`), lines.join('\n'));
    assert.ok(lines.includes(`Boliger eller matjord?;Anne Dahl;"'=HYPERLINK(""https://evil.example"";""klikk"")"`), lines.join('\n'));
    assert.doesNotMatch(reasons.text, /Bare for meg/, 'a private reason is never exported');
    const distribution = await api(`${teamPath}/dilemmas.csv`, ingrid);
    assert.deepEqual(distribution.text.replace(/^\uFEFF/, '').trim().split('\r\n'), [
      'Dilemma;Startet;Antall svar;Alternativ;Antall valgt',
      'Boliger eller matjord?;2026-03-02;4;Bygg boligfeltet på jordet nå;vises ved minst 5 svar',
      'Boliger eller matjord?;2026-03-02;4;Fortett på industritomta;vises ved minst 5 svar',
      'Boliger eller matjord?;2026-03-02;4;Bygg på halve jordet og fortett resten;vises ved minst 5 svar',
    ]);
  });

  it('lets a coordinator post or schedule a dilemma from the tab, within the sending hours and through the outbox', async function () {
    assert.equal((await api(`${teamPath}/dilemma-rounds`, ola, { method: 'POST', body: {} })).status, 403);
    const bad = await api(`${teamPath}/dilemma-rounds`, ingrid, { method: 'POST', body: { dilemmaId: 'no-such', date: '2026-02-01', time: '25:00' } });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.problems.map((problem: { message: string }) => problem.message), ['Kurset har ikke et slikt dilemma.', 'Skriv klokkeslettet som TT:MM.']);
    // Saturday 7 March at 10:00 moves to Monday 9 March at the start of the sending hours.
    const scheduled = await api(`${teamPath}/dilemma-rounds`, ingrid, { method: 'POST', body: { dilemmaId: 'road-or-wetland', date: '2026-03-07', time: '10:00' } });
    assert.equal(scheduled.status, 200);
    assert.equal(scheduled.body.dilemmaId, 'road-or-wetland');
    assert.match(scheduled.body.dueAt, /^2026-03-09T/);
    await running.app.services.outboxWorker.drain();
    assert.equal((await running.app.repositories.dilemmas.rounds({ tenantId: ids.tenant, teamId: team.id })).length, 0, 'not before its time');
    clock.current = new Date(scheduled.body.dueAt);
    await running.app.services.outboxWorker.drain();
    const rounds = await running.app.repositories.dilemmas.rounds({ tenantId: ids.tenant, teamId: team.id });
    assert.deepEqual(rounds.map((round) => round.dilemmaId), ['road-or-wetland']);
    const posted = connector.calls.filter((call) => call.path === '/v3/conversations').map((call) => cardText(cardOf(call.body.activity as Record<string, unknown>)));
    assert.equal(posted.filter((text) => /Ny vei over myra\?/.test(text)).length, 1);
    // Posted once: asking for it again is refused, and the catalog says so.
    const again = await api(`${teamPath}/dilemma-rounds`, ingrid, { method: 'POST', body: { dilemmaId: 'road-or-wetland' } });
    assert.equal(again.status, 400);
    const view = (await api(`${teamPath}/dilemma-rounds`, ingrid, { language: 'nn' })).body as DilemmaRoundsView;
    assert.equal(view.dilemmas.find((dilemma) => dilemma.id === 'road-or-wetland')?.posted, true);
    assert.equal(view.rounds[0]!.title, 'Ny veg over myra?');
    // Someone outside the team gets nothing.
    const stranger = { id: '29:x', aadObjectId: '6a1c0e5e-0000-4000-8000-0000000000ff', name: 'Ukjent' };
    assert.equal((await api(`${teamPath}/dilemma-rounds`, stranger)).status, 403);
  });
});
