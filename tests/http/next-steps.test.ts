import assert from 'node:assert/strict';
import type { NextStepsView } from '../../bot/http/contracts.js';
import { channelAction, channelMessage, ids, team, teamPeople, type TestUser } from '../helpers/activities.js';
import { startApp, type RunningApp } from '../helpers/app-harness.js';
import { cardOf, cardText, FakeConnector } from '../helpers/fake-connector.js';
import { seedTeam } from '../helpers/seed-team.js';

/** A clock the test moves by hand. */
const clock = { current: new Date('2026-03-02T08:00:00.000Z'), now() { return new Date(this.current); } };

async function api(running: RunningApp, path: string, user: TestUser, init: { method?: string; body?: unknown } = {}) {
  const response = await fetch(`${running.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { 'content-type': 'application/json', 'accept-language': 'nb', 'x-dev-user': `${ids.tenant}/${user.aadObjectId}` },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, text, body: text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined };
}

describe('next steps: the round, the plan and its exports', function () {
  let connector: FakeConnector;
  let running: RunningApp;
  const teamPath = `/api/v1/teams/${encodeURIComponent(team.id)}`;
  const as = (user: TestUser, conversationId?: string) => ({ serviceUrl: connector.url, user, ...(conversationId ? { conversationId } : {}) });

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

  async function startRound(): Promise<{ roundId: string; threadId: string }> {
    await running.post(channelMessage('neste steg', as(ids.ingrid)));
    await running.app.services.outboxWorker.drain();
    await connector.waitForSent(2);
    const created = connector.calls.find((call) => call.path === '/v3/conversations')!;
    const card = cardOf(created.body.activity as Record<string, unknown>)!;
    const roundId = (card.actions as { data: { roundId: string } }[])[0]!.data.roundId;
    const view = (await api(running, `${teamPath}/next-steps`, ids.ingrid)).body as NextStepsView;
    assert.equal(view.round?.id, roundId);
    const latest = await running.app.services.nextSteps.latest({ tenantId: ids.tenant, teamId: team.id });
    assert.match(latest!.round.threadId, /^19:oppvekst-general@thread\.tacv2;messageid=root-\d+$/);
    return { roundId, threadId: latest!.round.threadId };
  }

  it('posts the four questions as a new thread, and refuses a member who is not a leader', async function () {
    await running.post(channelMessage('neste steg', as(ids.ola)));
    await connector.waitForSent(1);
    assert.match(cardText(connector.sentCards[0]), /Bare de kursansvarlige i teamet kan gjøre dette/);
    connector.clear();
    await startRound();
    const card = cardOf(connector.calls.find((call) => call.path === '/v3/conversations')!.body.activity as Record<string, unknown>)!;
    const text = cardText(card);
    assert.match(text, /Neste steg for Oppvekst/);
    assert.equal((card.body as { type: string }[]).filter((item) => item.type === 'Input.Text').length, 4);
    assert.match(text, /tillitsvalgte/);
    assert.ok(connector.sentCards.some((sent) => /Runden om neste steg sendes nå til kanalen /.test(cardText(sent))), 'the leader is told it is being sent');
  });

  it('gathers answers named or anonymous in the thread, edits in place, and shows leaders only what was shared', async function () {
    const { roundId, threadId } = await startRound();
    const answer = (user: TestUser, visibility: string, step1: string) =>
      running.post(channelAction('nextsteps.submit', { teamId: team.id, roundId, visibility, step1, step2: '', step3: 'Personalmøtet', step4: '' }, as(user, threadId)));
    const named = await answer(ids.ola, 'named', 'Mer om klimatilpasning');
    assert.match(cardText(named.body.value), /delt i tråden med navnet ditt/);
    await answer(teamPeople[2], 'anonymous', 'Samarbeid med teknisk');
    await running.app.services.outboxWorker.drain();
    await answer(ids.ola, 'named', 'Mer om klimatilpasning og beredskap');
    await running.app.services.outboxWorker.drain();
    const replies = connector.sentTo(threadId);
    assert.equal(replies.length, 2);
    assert.match(cardText(cardOf(replies[0]!)), /^Ola Hansen svarte på neste steg/);
    assert.match(cardText(cardOf(replies[1]!)), /En kollega svarte anonymt på neste steg/);
    assert.match(cardText(cardOf(connector.updated.at(-1)!.body)), /og beredskap/);

    const leaderView = (await api(running, `${teamPath}/next-steps`, ids.ingrid)).body as NextStepsView;
    assert.equal(leaderView.canEdit, true);
    assert.equal(leaderView.round!.answerCount, 2);
    assert.deepEqual(leaderView.round!.answers.map((a) => a.authorName).sort(), [ids.ola.name, null].sort());
    assert.equal(leaderView.members!.length, 5);
    const memberView = (await api(running, `${teamPath}/next-steps`, ids.ola)).body as NextStepsView;
    assert.equal(memberView.canEdit, false);
    assert.equal(memberView.members, null);
  });

  it('lets a leader build the plan with validation, reminds the owner once before the due date, and exports it', async function () {
    const { roundId, threadId } = await startRound();
    await running.post(channelAction('nextsteps.submit', { teamId: team.id, roundId, visibility: 'anonymous', step1: 'Kurs i innkjøp', step2: '', step3: '', step4: '' }, as(ids.ola, threadId)));
    const bad = await api(running, `${teamPath}/plan-items`, ids.ingrid, { method: 'POST', body: { text: ' ', ownerUserId: 'not-a-member', dueDate: '2026-02-01' } });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.problems.map((p: { message: string }) => p.message), [
      'Skriv hva tiltaket går ut på.',
      'Den ansvarlige må være medlem av teamet.',
      'Fristen kan ikke være tilbake i tid.',
    ]);
    assert.equal((await api(running, `${teamPath}/plan-items`, ids.ola, { method: 'POST', body: { text: 'x' } })).status, 403);

    const created = await api(running, `${teamPath}/plan-items`, ids.ingrid, { method: 'POST', body: { text: 'Kurs i grønne innkjøp for alle innkjøpere', ownerUserId: ids.ola.aadObjectId, dueDate: '2026-04-20' } });
    assert.equal(created.status, 200);
    assert.deepEqual(created.body.owner, { userId: ids.ola.aadObjectId, name: ids.ola.name });

    const drainAt = async (iso: string) => {
      clock.current = new Date(iso);
      await running.app.services.outboxWorker.drain();
    };
    await drainAt('2026-04-16T10:00:00.000Z');
    assert.equal(connector.calls.filter((c) => c.conversationId.startsWith('created-')).length, 0, 'not before its time');
    await drainAt('2026-04-17T08:00:30.000Z');
    await drainAt('2026-04-17T09:00:30.000Z');
    const reminders = connector.calls.filter((c) => c.method === 'POST' && c.conversationId.startsWith('created-'));
    assert.equal(reminders.length, 1);
    assert.match(cardText(cardOf(reminders[0]!.body)), /«Kurs i grønne innkjøp for alle innkjøpere» har frist 20\. april 2026/);

    const md = await api(running, `${teamPath}/plan.md`, ids.ingrid);
    assert.match(md.text, /^# Plan for neste steg: Oppvekst/);
    assert.match(md.text, /\| Kurs i grønne innkjøp for alle innkjøpere \| Ola Hansen \| 20\. april 2026 \| Planlagt \|/);
    assert.match(md.text, /- Kurs i innkjøp \(anonym\)/);
    const csv = await api(running, `${teamPath}/plan.csv`, ids.ingrid);
    assert.equal(csv.text.replace(/^\uFEFF/, '').trim(), 'Tiltak;Ansvarlig;Frist;Status\r\nKurs i grønne innkjøp for alle innkjøpere;Ola Hansen;2026-04-20;Planlagt');
  });

  it('does not remind for a due date that was changed or an item that is done', async function () {
    const created = await api(running, `${teamPath}/plan-items`, ids.ingrid, { method: 'POST', body: { text: 'Arena for deling', ownerUserId: ids.ola.aadObjectId, dueDate: '2026-04-20' } });
    await api(running, `${teamPath}/plan-items/${created.body.id}`, ids.ingrid, { method: 'PATCH', body: { dueDate: '2026-05-20' } });
    clock.current = new Date('2026-04-17T09:00:00.000Z');
    await running.app.services.outboxWorker.drain();
    assert.equal(connector.calls.filter((c) => c.method === 'POST' && c.conversationId.startsWith('created-')).length, 0);
    await api(running, `${teamPath}/plan-items/${created.body.id}`, ids.ingrid, { method: 'PATCH', body: { status: 'done' } });
    clock.current = new Date('2026-05-18T09:00:00.000Z');
    await running.app.services.outboxWorker.drain();
    assert.equal(connector.calls.filter((c) => c.method === 'POST' && c.conversationId.startsWith('created-')).length, 0);
    assert.equal((await api(running, `${teamPath}/plan-items/${created.body.id}`, ids.ingrid, { method: 'DELETE' })).status, 204);
  });
});
