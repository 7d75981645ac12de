import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { RetentionService } from '../../bot/core/retention-service.js';
import type { TeamDashboard } from '../../bot/http/contracts.js';
import { cardAction, channelAction, channelMessage, ids, personalMessage, team, teamMembersChanged, teamInstall } from '../helpers/activities.js';
import { startApp, type RunningApp } from '../helpers/app-harness.js';
import { cardOf, cardText, FakeConnector } from '../helpers/fake-connector.js';
import { seedTeam } from '../helpers/seed-team.js';

const clock = { current: new Date('2026-03-02T08:00:00.000Z'), now() { return new Date(this.current); } };
const ola = ids.ola;
const olaRef = { tenantId: ids.tenant, userId: ola.aadObjectId };

describe('my data, deletion and retention', function () {
  let connector: FakeConnector;
  let running: RunningApp;

  beforeEach(async function () {
    clock.current = new Date('2026-03-02T08:00:00.000Z');
    connector = await new FakeConnector().start();
    running = await startApp({ clock });
    await seedTeam(running, connector);
    const services = running.app.services;
    await services.sendNow.nextSteps({ tenantId: ids.tenant, teamId: team.id }, ids.ingrid.aadObjectId);
    await services.outboxWorker.drain();
    const roundId = (await services.nextSteps.latest({ tenantId: ids.tenant, teamId: team.id }))!.round.id;
    await running.post(channelAction('nextsteps.submit', { teamId: team.id, roundId, visibility: 'named', step1: 'Olas forslag', step2: '', step3: '', step4: '' }, { serviceUrl: connector.url, user: ola }));
    // dilemma: Ola chooses and shares his reason with his name.
    await services.dilemmas.schedule({ tenantId: ids.tenant, teamId: team.id }, ids.ingrid.aadObjectId, {});
    await services.outboxWorker.drain();
    const [dilemmaRound] = await running.app.repositories.dilemmas.rounds({ tenantId: ids.tenant, teamId: team.id });
    await running.post(channelAction('dilemma.submit', { teamId: team.id, roundId: dilemmaRound!.id, option: 'densify', reason: 'Olas dilemmagrunn', visibility: 'named' }, { serviceUrl: connector.url, user: ola }));
    // Ola's dilemma reason reaches its thread.
    await services.outboxWorker.drain();
    await services.nextSteps.savePlanItem({ tenantId: ids.tenant, teamId: team.id }, ids.ingrid.aadObjectId, undefined, { text: 'Olas tiltak', ownerUserId: ola.aadObjectId, dueDate: '2026-04-20' });
    await running.post(personalMessage('språk nn', { serviceUrl: connector.url, user: ola }));
    connector.clear();
  });

  afterEach(async function () {
    await running.close();
    await connector.stop();
  });

  async function say(text: string): Promise<Record<string, unknown>> {
    const before = connector.sent.length;
    await running.post(personalMessage(text, { serviceUrl: connector.url, user: ola }));
    await connector.waitForSent(before + 1);
    return connector.sentCards.at(-1)!;
  }

  /** Every row of every table, as text. */
  async function everything(): Promise<string> {
    const db = running.app.database.db;
    const tables = (await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db)).rows.map((row) => row.name);
    const dump: Record<string, unknown> = {};
    for (const table of tables) dump[table] = (await sql`select * from ${sql.table(table)}`.execute(db)).rows;
    return JSON.stringify(dump);
  }

  it('gives a person a short-lived link to everything stored about them', async function () {
    const card = await say('mine data');
    assert.match(cardText(card), /Dataa dine er klare/);
    const url = new URL((card.actions as { type: string; url: string }[]).find((a) => a.type === 'Action.OpenUrl')!.url);
    const response = await fetch(`${running.url}${url.pathname}${url.search}`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-disposition') ?? '', /attachment/);
    const data = (await response.json()) as any;
    assert.deepEqual(data.person, olaRef);
    assert.equal(data.language, 'nn');
    assert.equal(data.lessonsRead.length, 1);
    assert.equal(data.reflections[0].answers[0], 'Delt anonymt');
    assert.equal(data.reflections[0].visibility, 'anonymous');
    assert.equal(data.nextStepAnswers[0].answers[0], 'Olas forslag');
    assert.equal(data.teams[0].teamName, 'Oppvekst');
    assert.equal(data.planItemsOwned[0].text, 'Olas tiltak');
    assert.deepEqual([data.dilemmaChoices[0].optionId, data.dilemmaChoices[0].reason, data.dilemmaChoices[0].visibility], ['densify', 'Olas dilemmagrunn', 'named']);
    assert.equal('conversationReferences' in data, false, 'no conversation references are stored, so none are exported');

    clock.current = new Date(clock.current.getTime() + 16 * 60_000);
    const expired = await fetch(`${running.url}${url.pathname}${url.search}`, { headers: { 'accept-language': 'nb' } });
    assert.equal(expired.status, 401);
    assert.match(((await expired.json()) as { message: string }).message, /Lenken er utløpt eller ugyldig/);
    assert.equal((await fetch(`${running.url}/api/v1/my-data?token=forged`)).status, 401);
  });

  it('keeps no conversation reference of a personal chat or a channel', async function () {
    await say('hjelp');
    await running.post(channelMessage('hjelp', { serviceUrl: connector.url, user: ola }));
    const dump = await everything();
    assert.doesNotMatch(dump, /conversation_refs/);
    assert.doesNotMatch(dump, /a:personal-/, 'the personal conversation id is stored somewhere');
  });

  it('asks before deleting, and cancelling deletes nothing', async function () {
    const card = await say('slett mine data');
    assert.match(cardText(card), /Vil du slette alle dataa dine\?/);
    const cancelled = await running.post(cardAction('mydata.cancel', {}, { serviceUrl: connector.url, user: ola }));
    assert.match(cardText(cancelled.body.value), /Ingenting er sletta/);
    assert.match(await everything(), new RegExp(ola.aadObjectId));
  });

  it('deletes everything about the person, withdraws what they shared, and updates the aggregates', async function () {
    const before = (await (await fetch(`${running.url}/api/v1/teams/${encodeURIComponent(team.id)}/dashboard`, { headers: { 'x-dev-user': `${ids.tenant}/${ids.ingrid.aadObjectId}` } })).json()) as TeamDashboard;
    // 3 of 5: a band, by the headline's rule.
    assert.deepEqual([before.lessons[0]!.read, before.lessons[0]!.readBand], [null, { from: 1, to: 4 }]);
    const done = await running.post(cardAction('mydata.delete', { confirm: 'yes' }, { serviceUrl: connector.url, user: ola }));
    assert.match(cardText(done.body.value), /Alt vi hadde lagra om deg, er sletta/);

    // Before the outbox has taken the replies out of the threads, the database already holds nothing of them.
    const dump = await everything();
    for (const trace of [ola.aadObjectId, ola.id, ola.name, 'Olas forslag', 'Delt anonymt', 'Olas dilemmagrunn']) {
      const at = dump.indexOf(trace);
      assert.ok(at < 0, `still stored: ${trace} in …${dump.slice(Math.max(0, at - 300), at + 50)}`);
    }

    await running.app.services.outboxWorker.drain();
    const withdrawn = connector.updated.map((call) => cardText(cardOf(call.body)));
    assert.equal(withdrawn.filter((text) => /Forfatteren har trukket tilbake dette svaret/.test(text)).length, 3);

    const leftBehind = await running.app.database.db.selectFrom('deliveries').select('id').where('kind', '=', 'threadReply').execute();
    assert.deepEqual(leftBehind, [], 'a shared reply\'s outbox delivery is deleted once sent: no exact time of an author\'s change is kept');

    // Ola's roster entry came back? Only at the next roster read; the aggregates follow the rows now.
    const after = (await (await fetch(`${running.url}/api/v1/teams/${encodeURIComponent(team.id)}/dashboard`, { headers: { 'x-dev-user': `${ids.tenant}/${ids.ingrid.aadObjectId}` } })).json()) as TeamDashboard;
    assert.equal(after.members, null, 'four members left: below the minimum group');
    assert.equal(after.tooFewToShow, true);
  });

  it('removes old answer text after the retention period and keeps the counts', async function () {
    const repos = running.app.repositories;
    const job = new RetentionService({ retention: repos.retention, clock, logger: running.app.services.logger, options: { retentionDays: 365, teamGraceDays: 30 } });
    clock.current = new Date('2027-02-01T08:00:00.000Z');
    await job.run(clock.now());
    assert.equal((await repos.reflections.find(olaRef, running.app.courses.defaultCourse().id, running.app.courses.defaultCourse().content.nb!.lessons[1]!.id))?.answers[0], 'Delt anonymt');
    clock.current = new Date('2027-03-03T08:00:00.000Z');
    await job.run(clock.now());
    const reflection = await repos.reflections.find(olaRef, running.app.courses.defaultCourse().id, running.app.courses.defaultCourse().content.nb!.lessons[1]!.id);
    assert.deepEqual(reflection?.answers, ['', '', '']);
    assert.equal(reflection?.visibility, 'anonymous');
    const dashboard = (await (await fetch(`${running.url}/api/v1/teams/${encodeURIComponent(team.id)}/dashboard`, { headers: { 'x-dev-user': `${ids.tenant}/${ids.ingrid.aadObjectId}` } })).json()) as TeamDashboard;
    // The count stays (3 of 5, given as the band 1–4 by the headline's rule).
    assert.deepEqual([dashboard.lessons[1]!.reflections, dashboard.lessons[1]!.reflectionsBand], [null, { from: 1, to: 4 }]);
    assert.doesNotMatch(JSON.stringify(dashboard), /Delt med navn|Delt anonymt/);
    assert.doesNotMatch(await everything(), /Delt med navn|Delt anonymt|Olas forslag|Olas dilemmagrunn/);
    const [dilemmaRound] = await repos.dilemmas.rounds({ tenantId: ids.tenant, teamId: team.id });
    assert.deepEqual(await repos.dilemmas.chosenOptions({ tenantId: ids.tenant, teamId: team.id }, dilemmaRound!.id), ['densify'], 'the choice is kept for the counts');
  });

  it('deletes a team’s data after the grace period when the app was removed, unless it came back', async function () {
    const repos = running.app.repositories;
    const job = new RetentionService({ retention: repos.retention, clock, logger: running.app.services.logger, options: { retentionDays: 365, teamGraceDays: 30 } });
    await running.post(teamMembersChanged('teamMemberRemoved', [{ id: ids.bot }], { serviceUrl: connector.url }));
    clock.current = new Date('2026-03-20T08:00:00.000Z');
    await job.run(clock.now());
    assert.ok(await repos.teams.find({ tenantId: ids.tenant, teamId: team.id }));
    clock.current = new Date('2026-04-02T08:00:00.000Z');
    await job.run(clock.now());
    assert.equal(await repos.teams.find({ tenantId: ids.tenant, teamId: team.id }), undefined);
    assert.doesNotMatch(await everything(), new RegExp(team.id.replace(/[.]/g, '\\.')));

    clock.current = new Date('2026-04-03T08:00:00.000Z');
    await running.post(teamInstall({ serviceUrl: connector.url }));
    await running.post(teamMembersChanged('teamMemberRemoved', [{ id: ids.bot }], { serviceUrl: connector.url }));
    await running.post(teamInstall({ serviceUrl: connector.url }));
    clock.current = new Date('2026-06-01T08:00:00.000Z');
    await job.run(clock.now());
    assert.ok(await repos.teams.find({ tenantId: ids.tenant, teamId: team.id }), 'the app came back: the team stays');
  });

  it('runs the daily job once a day however many instances ask', async function () {
    const repos = running.app.repositories;
    const job = new RetentionService({ retention: repos.retention, clock, logger: running.app.services.logger, options: { retentionDays: 365, teamGraceDays: 30 } });
    assert.equal(await job.runIfDue(), true);
    assert.equal(await job.runIfDue(), false);
    clock.current = new Date(clock.current.getTime() + 25 * 3_600_000);
    assert.equal(await job.runIfDue(), true);
  });
});
