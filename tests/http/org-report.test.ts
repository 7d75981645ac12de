import assert from 'node:assert/strict';
import { courseText, lessonIds } from '../../bot/core/course.js';
import type { CompletionView, OrgPlanView, OrgReportView, TeamDashboard, TeamHeadlineView, TeamsOverviewView } from '../../bot/http/contracts.js';
import { ids } from '../helpers/activities.js';
import { startApp, type RunningApp } from '../helpers/app-harness.js';
import { seedOrgTeam, type SeededOrgTeam } from '../helpers/seed-org.js';

const clock = { now: () => new Date('2026-03-02T08:00:00.000Z') };
const hr = { userId: 'hr-0000-0000-4000-8000-0000000000c2' };

type Answer<T> = { status: number; body: T; text: string; headers: Headers };

async function call<T>(running: RunningApp, path: string, who: { tenantId?: string; userId: string; roles?: string }, method = 'GET'): Promise<Answer<T>> {
  const headers: Record<string, string> = { 'accept-language': 'nb-NO', 'x-dev-user': `${who.tenantId ?? ids.tenant}/${who.userId}` };
  if (who.roles) headers['x-dev-roles'] = who.roles;
  if (method !== 'GET') headers['content-type'] = 'application/json';
  const response = await fetch(`${running.url}${path}`, { method, headers, body: method === 'GET' ? undefined : '{}' });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, body: body as T, text, headers: response.headers };
}

const report = (running: RunningApp, who: { tenantId?: string; userId: string; roles?: string }, query = '?from=2026-01&to=2026-03') => call<OrgReportView>(running, `/api/v1/org/report${query}`, who);

/** Every published figure, and every figure that can be worked out by subtraction, is 0 or at least k. */
function assertNothingSmall(view: OrgReportView): void {
  const k = view.minGroupSize;
  const small = (value: number | null): boolean => value !== null && value > 0 && value < k;
  const measures = ['members', 'completed', 'started', 'notStarted'] as const;
  const rows: { label: string; figures: CompletionView }[] = [{ label: 'organisation', figures: view.total }];
  for (const course of view.courses) {
    rows.push({ label: course.courseId, figures: course.total });
    for (const team of course.teams) rows.push({ label: team.name, figures: team.completion });
  }
  for (const { label, figures } of rows) {
    for (const [name, value] of Object.entries(figures)) assert.ok(!small(value), `${label}: ${name} = ${value} is below ${k}`);
  }
  for (const month of view.months) assert.ok(!small(month.completed) && !small(month.active), `month ${month.month}`);
  // A part of a shown total of 0 is 0, hidden or not (counts are never negative).
  const knownZero = new Set<string>();
  for (const measure of measures) {
    for (const course of view.courses) if (course.total[measure] === 0) for (const team of course.teams) knownZero.add(`${team.teamId}:${measure}`);
  }
  const teamParts = (teamId: string, figures: CompletionView): (number | null)[] =>
    (['completed', 'started', 'notStarted'] as const).map((measure) => (figures[measure] === null && knownZero.has(`${teamId}:${measure}`) ? 0 : figures[measure]));
  // A relation: a shown total minus its shown parts is what the hidden parts add up to.
  const relation = (label: string, total: number | null, parts: readonly (number | null)[]): void => {
    if (total === null) {
      assert.ok(parts.some((part) => part === null) || parts.length === 0, `${label}: hidden total is the sum of shown parts`);
      return;
    }
    const hidden = parts.filter((part) => part === null).length;
    // Under a total of 0 every part is 0: nothing small to find.
    if (hidden === 0 || total === 0) return;
    assert.notEqual(hidden, 1, `${label}: one hidden part is worked out by subtraction`);
    const rest = total - parts.reduce<number>((sum, part) => sum + (part ?? 0), 0);
    assert.ok(!small(rest), `${label}: the hidden parts add up to ${rest}, below ${k}`);
  };
  for (const { label, figures } of rows) relation(`${label} row`, figures.members, [figures.completed, figures.started, figures.notStarted]);
  for (const course of view.courses) for (const team of course.teams) relation(`${team.name} row, known zeros filled in`, team.completion.members, teamParts(team.teamId, team.completion));
  for (const measure of measures) {
    relation(`organisation ${measure}`, view.total[measure], view.courses.map((course) => course.total[measure]));
    for (const course of view.courses) relation(`${course.courseId} ${measure}`, course.total[measure], course.teams.map((team) => team.completion[measure]));
  }
}

describe('organisation report over HTTP', function () {
  let running: RunningApp;
  let oppvekst: SeededOrgTeam;
  let helse: SeededOrgTeam;

  before(async function () {
    running = await startApp({ clock });
    // 3 of 20 not done: with the member count shown, "completed 17" would give the 3 away.
    oppvekst = await seedOrgTeam(running, { tenantId: ids.tenant, teamId: '19:oppvekst@thread.tacv2', name: 'Oppvekst', members: 20, completed: 17, started: 2 });
    helse = await seedOrgTeam(running, { tenantId: ids.tenant, teamId: '19:helse@thread.tacv2', name: 'Helse og omsorg', members: 12, completed: 6, started: 6, completedMonth: '2026-01' });
    await seedOrgTeam(running, { tenantId: ids.tenant, teamId: '19:teknisk@thread.tacv2', name: 'Teknisk drift', members: 10, completed: 5, started: 0, completedMonth: '2026-03' });
    await seedOrgTeam(running, { tenantId: ids.tenant, teamId: '19:liten@thread.tacv2', name: 'Liten stab', members: 3, completed: 1, started: 1 });
    await seedOrgTeam(running, { tenantId: ids.tenant, teamId: '19:formel@thread.tacv2', name: '=HYPERLINK("http://evil.example")', members: 6, completed: 6, started: 0 });
    await seedOrgTeam(running, { tenantId: ids.otherTenant, teamId: '19:annen-kommune@thread.tacv2', name: 'Annen kommune', members: 8, completed: 4, started: 4 });
    const course = running.app.courses.defaultCourse();
    const lessons = lessonIds(course);
    const at = new Date('2026-02-04T13:00:00.000Z');
    await running.app.repositories.outbox.claimPost(oppvekst.ref, `round:${course.id}:${lessons[0]}`, 'outbox-1', at);
    await running.app.repositories.outbox.claimPost(oppvekst.ref, `round:${course.id}:${lessons[1]}`, 'outbox-2', new Date('2026-03-01T13:00:00.000Z'));
    await running.app.repositories.nextSteps.recordRound({ id: 'round-1', team: helse.ref, threadId: 't', activityId: 'a', startedAt: at });
    await running.app.repositories.plans.save({ id: 'plan-1', team: oppvekst.ref, text: 'Kompetanseplan for barnehagene', owner: { userId: oppvekst.memberIds[3]!, name: 'Oppvekst person 4' }, dueDate: '2026-06-01', status: 'inProgress', createdAt: at, updatedAt: at });
    await running.app.repositories.plans.save({ id: 'plan-2', team: helse.ref, text: '=cmd|calc', owner: undefined, dueDate: undefined, status: 'planned', createdAt: at, updatedAt: at });
  });

  after(async function () {
    await running.close();
  });

  it('shows HR and a union representative the report, and refuses an employee and a leader', async function () {
    for (const roles of ['CompetenceUnit', 'UnionRepresentative', 'Administrator']) {
      const answer = await report(running, { ...hr, roles });
      assert.equal(answer.status, 200, roles);
      assert.equal(answer.body.courses.length, 1);
    }
    const employee = await report(running, { userId: oppvekst.memberIds[5]! });
    assert.equal(employee.status, 403);
    assert.equal((employee.body as unknown as { code: string }).code, 'forbidden');
    assert.equal((await report(running, { userId: oppvekst.leaderId })).status, 403);
  });

  it('hides every figure below the minimum group size, and every figure that would give one away by subtraction', async function () {
    const view = (await report(running, { ...hr, roles: 'CompetenceUnit' })).body;
    assert.equal(view.minGroupSize, 5);
    assertNothingSmall(view);
    const teams = view.courses[0]!.teams;
    const oppvekstRow = teams.find((team) => team.name === 'Oppvekst')!;
    assert.equal(oppvekstRow.completion.members, 20);
    assert.notEqual(oppvekstRow.completion.completed, 17, '17 of 20 would give the 3 not done away');
    assert.equal(oppvekstRow.completion.notDone, null);
    const small = teams.find((team) => team.name === 'Liten stab')!;
    assert.deepEqual(Object.values(small.completion), [null, null, null, null, null, null]);
    assert.equal(small.activity, null);
    assert.ok(view.suppressed.primary > 0 && view.suppressed.secondary > 0);
    // The sums are safe, so they are shown.
    assert.deepEqual(view.courses[0]!.total, { members: 51, completed: 35, started: 9, notStarted: 7, participated: 44, notDone: 16 });
  });

  it('counts rounds and plan items per team and the trend by month, with no names anywhere', async function () {
    const answer = await report(running, { ...hr, roles: 'UnionRepresentative' });
    const view = answer.body;
    const oppvekstRow = view.courses[0]!.teams.find((team) => team.name === 'Oppvekst')!;
    assert.deepEqual(oppvekstRow.activity, { reflectionRounds: 2, nextStepsRounds: 0, planned: 0, inProgress: 1, done: 0 });
    assert.equal(view.courses[0]!.teams.find((team) => team.name === 'Helse og omsorg')!.activity!.nextStepsRounds, 1);
    assert.deepEqual(view.months.map((month) => month.month), ['2026-01', '2026-02', '2026-03']);
    assert.deepEqual(view.months.map((month) => month.reflectionRounds), [0, 1, 1]);
    assert.equal(view.months.find((month) => month.month === '2026-03')!.completed, 5);
    assert.doesNotMatch(answer.text, /person \d|Kompetanseplan/);
    const only = await report(running, { ...hr, roles: 'CompetenceUnit' }, '?from=2026-03&to=2026-03');
    assert.deepEqual(only.body.courses[0]!.teams.find((team) => team.name === 'Oppvekst')!.activity!.reflectionRounds, 1);
  });

  it('never shows another tenant’s teams, and shows that tenant only its own', async function () {
    const ours = await report(running, { ...hr, roles: 'CompetenceUnit' });
    assert.doesNotMatch(ours.text, /Annen kommune/);
    const theirs = await report(running, { tenantId: ids.otherTenant, userId: hr.userId, roles: 'CompetenceUnit' });
    assert.deepEqual(theirs.body.courses[0]!.teams.map((team) => team.name), ['Annen kommune']);
    assert.doesNotMatch(theirs.text, /Oppvekst|Helse/);
    assertNothingSmall(theirs.body);
  });

  it('refuses a malformed or too long range with 400', async function () {
    for (const query of ['?from=2026-13&to=2026-12', '?from=2026-05&to=2026-01', '?from=2020-01&to=2026-01', '?from=x&to=y']) {
      assert.equal((await report(running, { ...hr, roles: 'CompetenceUnit' }, query)).status, 400, query);
    }
  });

  it('exports the report as CSV, with hidden figures marked and formulas defused', async function () {
    const csv = await report(running, { ...hr, roles: 'CompetenceUnit' }, '?from=2026-01&to=2026-03&format=csv');
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
    assert.match(csv.headers.get('content-disposition') ?? '', /laerekraft-organisasjon-2026-01-2026-03\.csv/);
    const lines = csv.text.replace(/^\uFEFF/, '').split('\r\n');
    assert.match(lines[1]!, /skjult/);
    const oppvekstLine = lines.find((line) => line.includes(';Oppvekst;'))!;
    assert.match(oppvekstLine, /;Oppvekst;20;skjult;/);
    assert.ok(lines.some((line) => line.includes(`;"'=HYPERLINK(""http://evil.example"")";`)), 'the team name is shown as text, not run');
    assert.doesNotMatch(csv.text, /Annen kommune/);
  });

  it('lists every team’s plan for HR without owners (named progress off), exports it, and refuses a union representative', async function () {
    const plan = await call<OrgPlanView>(running, '/api/v1/org/plan', { ...hr, roles: 'CompetenceUnit' });
    assert.equal(plan.status, 200);
    assert.equal(plan.body.ownersShown, false);
    assert.deepEqual(
      plan.body.items.map((item) => [item.teamName, item.text, item.status, item.owner]),
      [
        ['Helse og omsorg', '=cmd|calc', 'planned', null],
        ['Oppvekst', 'Kompetanseplan for barnehagene', 'inProgress', null],
      ],
    );
    const csv = await call<unknown>(running, '/api/v1/org/plan?format=csv', { ...hr, roles: 'Administrator' });
    assert.equal(csv.status, 200);
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    assert.equal(lines[0], 'Team;Tiltak;Status;Frist');
    assert.equal(lines[1], "Helse og omsorg;'=cmd|calc;Planlagt;");
    assert.equal((await call(running, '/api/v1/org/plan', { ...hr, roles: 'UnionRepresentative' })).status, 403);
    assert.equal((await call(running, '/api/v1/org/plan', { userId: oppvekst.leaderId })).status, 403);
  });
});

describe('organisation plan with named progress on', function () {
  it('shows owners where the organisation allows named progress', async function () {
    const running = await startApp({ clock, env: { NAMED_PROGRESS: 'true' } });
    try {
      const team = await seedOrgTeam(running, { tenantId: ids.tenant, teamId: '19:oppvekst@thread.tacv2', name: 'Oppvekst', members: 5, completed: 5, started: 0 });
      const at = new Date('2026-02-04T13:00:00.000Z');
      await running.app.repositories.plans.save({ id: 'plan-1', team: team.ref, text: 'Kurs for nye', owner: { userId: team.memberIds[1]!, name: 'Kari Nordmann' }, dueDate: '2026-06-01', status: 'done', createdAt: at, updatedAt: at });
      const plan = await call<OrgPlanView>(running, '/api/v1/org/plan', { ...hr, roles: 'CompetenceUnit' });
      assert.equal(plan.body.ownersShown, true);
      assert.equal(plan.body.items[0]!.owner, 'Kari Nordmann');
    } finally {
      await running.close();
    }
  });
});

describe('organisation report: a shown total of 0 gives its parts away', function () {
  it('does not let a small team be worked out through a column that adds up to 0', async function () {
    // Nobody has completed (the course's "completed" is 0, so every team's is 0 too, hidden or not). Before the fix,
    // "Sju" showed 7 members and 0 started with "completed" and "not started" hidden: 0 completed left 7 not started,
    // and the course's 9 not started minus those 7 (and Fem's 0) gave the small team's 2 away.
    const running = await startApp({ clock });
    try {
      await seedOrgTeam(running, { tenantId: ids.tenant, teamId: '19:sju@thread.tacv2', name: 'Sju', members: 7, completed: 0, started: 0 });
      await seedOrgTeam(running, { tenantId: ids.tenant, teamId: '19:to@thread.tacv2', name: 'To', members: 2, completed: 0, started: 0 });
      await seedOrgTeam(running, { tenantId: ids.tenant, teamId: '19:fem@thread.tacv2', name: 'Fem', members: 5, completed: 0, started: 5 });
      const view = (await report(running, { ...hr, roles: 'CompetenceUnit' })).body;
      assertNothingSmall(view);
      const teams = view.courses[0]!.teams;
      const sju = teams.find((team) => team.name === 'Sju')!.completion;
      const fem = teams.find((team) => team.name === 'Fem')!.completion;
      const total = view.courses[0]!.total;
      // The attack, spelled out: if Sju's "not started" follows from its row, the course column gives To's away.
      const sjuNotStarted = sju.notStarted ?? (sju.members !== null && sju.started !== null && total.completed === 0 ? sju.members - sju.started : null);
      const worked = total.notStarted !== null && sjuNotStarted !== null && fem.notStarted !== null ? total.notStarted - sjuNotStarted - fem.notStarted : null;
      assert.equal(worked, null, `To's "not started" worked out as ${String(worked)}`);
    } finally {
      await running.close();
    }
  });
});

describe('the leader’s headline and reminder over HTTP', function () {
  let running: RunningApp;

  beforeEach(async function () {
    running = await startApp({ clock });
  });

  afterEach(async function () {
    await running.close();
  });

  const headline = (team: SeededOrgTeam, userId = team.leaderId) => call<TeamHeadlineView>(running, `/api/v1/teams/${encodeURIComponent(team.ref.teamId)}/headline`, { userId });
  const remind = (team: SeededOrgTeam, userId = team.leaderId) => call<TeamHeadlineView>(running, `/api/v1/teams/${encodeURIComponent(team.ref.teamId)}/reminders`, { userId }, 'POST');
  const reminderRows = async (): Promise<Map<string, number>> => {
    const rows = await running.app.database.db.selectFrom('outbox').select(['target_key', 'payload']).execute();
    const counts = new Map<string, number>();
    for (const row of rows) if (JSON.parse(row.payload).kind === 'reminder') counts.set(row.target_key, (counts.get(row.target_key) ?? 0) + 1);
    return counts;
  };

  it('gives "X of N have completed", the due date and how many are not done', async function () {
    const team = await seedOrgTeam(running, { tenantId: ids.tenant, teamId: '19:teknisk@thread.tacv2', name: 'Teknisk drift', members: 12, completed: 7, started: 2 });
    const answer = await headline(team);
    assert.equal(answer.status, 200);
    const course = running.app.courses.defaultCourse();
    assert.deepEqual(answer.body, { teamId: team.ref.teamId, teamName: 'Teknisk drift', courseId: course.id, courseTitle: courseText(course, 'nb').title, dueDate: '2026-05-08', minGroupSize: 5, members: 12, completed: { exact: 7 }, notDone: { exact: 5 }, reminderBlocked: null });
    assert.equal((await headline(team, team.memberIds[4]!)).status, 403, 'members do not get the headline');
  });

  it('gives bands where an exact count would point at fewer than the minimum, and nothing for a small team', async function () {
    const team = await seedOrgTeam(running, { tenantId: ids.tenant, teamId: '19:oppvekst@thread.tacv2', name: 'Oppvekst', members: 20, completed: 17, started: 2 });
    const body = (await headline(team)).body;
    assert.deepEqual([body.members, body.completed, body.notDone], [20, { from: 16, to: 19 }, { from: 1, to: 4 }]);
    // The dashboard on the same page follows the same rule (one function): 17 (and 19) of 20 read are bands, so the
    // 3 not finished cannot be counted from the last lesson's figure either; no lesson shows a count the headline hides.
    const dashboard = (await call<TeamDashboard>(running, `/api/v1/teams/${encodeURIComponent(team.ref.teamId)}/dashboard`, { userId: team.leaderId })).body;
    assert.equal(dashboard.members, 20);
    assert.deepEqual(dashboard.lessons.map((lesson) => [lesson.read, lesson.readBand]), dashboard.lessons.map(() => [null, { from: 16, to: 19 }]));
    for (const lesson of dashboard.lessons) {
      for (const exact of [lesson.read, lesson.reflections]) if (exact !== null) assert.ok(exact === 0 || (exact >= 5 && (20 - exact === 0 || 20 - exact >= 5)), `${lesson.title}: ${exact}`);
    }
    const csv = await fetch(`${running.url}/api/v1/teams/${encodeURIComponent(team.ref.teamId)}/export.csv`, { headers: { 'accept-language': 'nb-NO', 'x-dev-user': `${ids.tenant}/${team.leaderId}` } });
    assert.equal(csv.status, 200);
    const lines = (await csv.text()).split('\r\n').slice(1).filter(Boolean);
    assert.ok(lines.every((line) => line.split(';')[3] === '16–19'), 'the CSV gives the same bands');
    const small = await seedOrgTeam(running, { tenantId: ids.tenant, teamId: '19:liten@thread.tacv2', name: 'Liten', members: 3, completed: 1, started: 0 });
    const smallBody = (await headline(small)).body;
    assert.deepEqual([smallBody.members, smallBody.completed, smallBody.notDone, smallBody.reminderBlocked], [null, null, null, null]);
  });

  it('tells a small team’s leader nothing about who is done, not even through why the reminder is blocked', async function () {
    // Three of three done and one of three done must look the same: "nobody is left" would say every member completed.
    const allDone = await seedOrgTeam(running, { tenantId: ids.tenant, teamId: '19:alle@thread.tacv2', name: 'Alle ferdige', members: 3, completed: 3, started: 0 });
    const someDone = await seedOrgTeam(running, { tenantId: ids.tenant, teamId: '19:noen@thread.tacv2', name: 'Noen ferdige', members: 3, completed: 1, started: 0 });
    const strip = (view: TeamHeadlineView) => ({ ...view, teamId: '', teamName: '' });
    assert.deepEqual(strip((await headline(allDone)).body), strip((await headline(someDone)).body));
    // After a click (which reminds the two not done), the two still look the same.
    assert.deepEqual(strip((await remind(allDone)).body), strip((await remind(someDone)).body));
    assert.equal((await reminderRows()).size, 2);
    const overview = (await call<TeamsOverviewView>(running, '/api/v1/me/teams-overview', { userId: allDone.leaderId })).body;
    assert.equal(overview.teams[0]!.reminderBlocked, null);
  });

  it('queues one reminder per person not done, only once a day however often it is clicked', async function () {
    const team = await seedOrgTeam(running, { tenantId: ids.tenant, teamId: '19:helse@thread.tacv2', name: 'Helse', members: 9, completed: 3, started: 2 });
    const first = await remind(team);
    assert.equal(first.status, 200);
    assert.equal(first.body.reminderBlocked, 'allRemindedToday');
    const second = await remind(team);
    assert.equal(second.status, 200);
    const rows = await reminderRows();
    assert.equal(rows.size, 6, 'every member not done');
    assert.ok([...rows.values()].every((count) => count === 1), 'one row per person');
    assert.ok(!rows.has(team.memberIds[0]!), 'not those who are done');
    assert.equal((await remind(team, team.memberIds[7]!)).status, 403);
    // The next day, the same people may be reminded again.
    clock.now = () => new Date('2026-03-03T08:00:00.000Z');
    try {
      assert.equal((await headline(team)).body.reminderBlocked, null);
      await remind(team);
      assert.ok([...(await reminderRows()).values()].every((count) => count === 2));
    } finally {
      clock.now = () => new Date('2026-03-02T08:00:00.000Z');
    }
  });

  it('is disabled with a reason, and queues nothing, where the organisation has switched reminders off', async function () {
    const team = await seedOrgTeam(running, { tenantId: ids.tenant, teamId: '19:av@thread.tacv2', name: 'Av', members: 6, completed: 1, started: 0 });
    await running.app.services.tenantSettings.update(ids.tenant, { userId: 'admin', name: 'Admin' }, { remindersEnabled: false });
    assert.equal((await headline(team)).body.reminderBlocked, 'remindersOff');
    assert.equal((await remind(team)).status, 200);
    assert.equal((await reminderRows()).size, 0);
  });

  it('is disabled with a reason when everyone has completed', async function () {
    const team = await seedOrgTeam(running, { tenantId: ids.tenant, teamId: '19:ferdig@thread.tacv2', name: 'Ferdig', members: 6, completed: 6, started: 0 });
    assert.equal((await headline(team)).body.reminderBlocked, 'nobodyLeft');
    await remind(team);
    assert.equal((await reminderRows()).size, 0);
  });

  it('gives a leader of several teams one roll-up of their teams', async function () {
    const a = await seedOrgTeam(running, { tenantId: ids.tenant, teamId: '19:a@thread.tacv2', name: 'Barnehage A', members: 10, completed: 5, started: 0 });
    const b = await seedOrgTeam(running, { tenantId: ids.tenant, teamId: '19:b@thread.tacv2', name: 'Barnehage B', members: 6, completed: 0, started: 6 });
    await seedOrgTeam(running, { tenantId: ids.tenant, teamId: '19:c@thread.tacv2', name: 'Ikke min', members: 6, completed: 0, started: 6 });
    await running.app.repositories.teams.upsertMembers(b.ref, [{ userId: a.leaderId, teamsUserId: `29:${a.leaderId}`, name: 'Leder' }], new Date());
    await running.app.repositories.leaders.add(b.ref, a.leaderId, 'coLeader', new Date());
    const overview = await call<TeamsOverviewView>(running, '/api/v1/me/teams-overview', { userId: a.leaderId });
    assert.equal(overview.status, 200);
    assert.deepEqual(overview.body.teams.map((team) => [team.teamName, team.members, team.completed]), [
      ['Barnehage A', 10, { exact: 5 }],
      // The leader of A has completed the same course: 1 of 7 is given as a band.
      ['Barnehage B', 7, { from: 1, to: 4 }],
    ]);
  });
});
