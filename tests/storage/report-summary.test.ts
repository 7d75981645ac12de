import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { lessonIds } from '../../bot/core/course.js';
import { OrgReportService, type OrgReport } from '../../bot/core/org-report-service.js';
import { RetentionService } from '../../bot/core/retention-service.js';
import type { OrgReportView } from '../../bot/http/contracts.js';
import { SqlOrgReportRepository } from '../../bot/storage/repositories/org-report-repository.js';
import { cardAction, channelAction, ids, personalMessage, team, teamMembersChanged, teamPeople } from '../helpers/activities.js';
import { startApp, type RunningApp } from '../helpers/app-harness.js';
import { describeEachEngine } from '../helpers/engines.js';
import { FakeConnector } from '../helpers/fake-connector.js';
import { seedOrgTeam } from '../helpers/seed-org.js';
import { seedTeam } from '../helpers/seed-team.js';

const clock = { current: new Date('2026-03-02T08:00:00.000Z'), now() { return new Date(this.current); } };
const range = { from: '2026-01', to: '2026-06' };
const hr = { userId: 'hr-0000-0000-4000-8000-0000000000c2' };
const SUMMARY_TABLES = ['report_team_progress', 'report_person_months', 'report_active_months', 'report_course_lessons'] as const;

/**
 * The organisation report read from the stored summary equals the report computed from the raw rows, after each kind
 * of write that changes what it counts, made through the app's real interfaces (/api/messages, the retention job), on
 * both engines; and the summary as maintained equals the summary rebuilt from the raw rows.
 */
describeEachEngine('organisation report summary', (engine) => {
  let connector: FakeConnector;
  let running: RunningApp;

  beforeEach(async function () {
    // Four teams seeded through the repositories (each read its own transaction with the summary's upkeep).
    this.timeout(90_000);
    clock.current = new Date('2026-03-02T08:00:00.000Z');
    connector = await new FakeConnector().start();
    running = await startApp({ clock, engine });
    await seedTeam(running, connector);
    await seedOrgTeam(running, { tenantId: ids.tenant, teamId: '19:helse@thread.tacv2', name: 'Helse', members: 12, completed: 6, started: 3 });
    await seedOrgTeam(running, { tenantId: ids.tenant, teamId: '19:kultur@thread.tacv2', name: 'Kultur', members: 8, completed: 2, started: 5, completedMonth: '2026-01' });
    await seedOrgTeam(running, { tenantId: ids.otherTenant, teamId: '19:andre@thread.tacv2', name: 'Andre', members: 9, completed: 9, started: 0 });
  });

  afterEach(async function () {
    await running.close();
    await connector.stop();
  });

  /** The report for a tenant from the summary (the app's repository) and from the raw rows. */
  async function both(tenantId: string): Promise<{ readonly summary: OrgReport; readonly raw: OrgReport }> {
    const { app } = running;
    const build = (reports: SqlOrgReportRepository | typeof app.repositories.orgReports) =>
      new OrgReportService({ reports, courses: app.courses, minGroupSize: async () => 5, namedProgress: async () => false }).build(tenantId, range, 'nb');
    const raw = new SqlOrgReportRepository(app.database.db, { source: 'raw' });
    return { summary: await build(app.repositories.orgReports), raw: await build(raw) };
  }

  /** Every row of the summary tables, in a fixed order. */
  async function summaryRows(): Promise<Record<string, unknown[]>> {
    const db = running.app.database.db;
    const out: Record<string, unknown[]> = {};
    for (const table of SUMMARY_TABLES) {
      const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db)).rows.map((row) => JSON.stringify(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v]))));
      out[table] = rows.sort();
    }
    return out;
  }

  /** Asserts the two reports agree in both tenants, and that a rebuild from the raw rows changes nothing. */
  async function assertSame(when: string): Promise<OrgReport> {
    for (const tenantId of [ids.tenant, ids.otherTenant]) {
      const { summary, raw } = await both(tenantId);
      assert.deepEqual(summary, raw, `${when}: summary and raw rows differ for ${tenantId}`);
    }
    const kept = await summaryRows();
    assert.ok(kept.report_team_progress!.length > 0, `${when}: the summary is in use`);
    await running.app.repositories.reportSummary.rebuild();
    assert.deepEqual(await summaryRows(), kept, `${when}: the summary kept up to date differs from one rebuilt from the raw rows`);
    return (await both(ids.tenant)).summary;
  }

  const oppvekst = (report: OrgReport) => report.courses[0]!.teams.find((row) => row.teamId === team.id)!;
  const as = (user: (typeof teamPeople)[number]) => ({ serviceUrl: connector.url, user });

  it('equals the report from the raw rows after progress, a member leaving, "delete my data" and retention', async function () {
    const start = await assertSame('seeded');
    assert.equal(oppvekst(start).completion.members, 5);

    // Progress: Ola reads every lesson (the course completes) and Per his first, in the channel.
    const course = running.app.courses.defaultCourse();
    clock.current = new Date('2026-03-20T08:00:00.000Z');
    for (const lessonId of lessonIds(course)) await running.post(channelAction('lesson.read', { courseId: course.id, lessonId, teamId: team.id }, as(ids.ola)));
    await running.post(channelAction('lesson.read', { courseId: course.id, lessonId: lessonIds(course)[0]!, teamId: team.id }, as(teamPeople[3])));
    const read = await running.app.repositories.progress.readLessonIds({ tenantId: ids.tenant, userId: ids.ola.aadObjectId }, course.id);
    assert.equal(read.size, lessonIds(course).length, 'Ola has read every lesson');
    await assertSame('after progress');
    const march = await running.app.repositories.orgReports.activeByMonth(ids.tenant, { from: '2026-03-01T00:00:00.000Z', until: '2026-04-01T00:00:00.000Z' });
    assert.deepEqual(march, [{ month: '2026-03', count: 4 }], 'Ingrid, Ola, Kari and Per read in March');
    const completion = await running.app.repositories.orgReports.completion(ids.tenant, course.id, lessonIds(course));
    assert.deepEqual(completion.teams.find((row) => row.teamId === team.id), { teamId: team.id, members: 5, completed: 1, started: 3 });

    // A member leaves the team.
    await running.post(teamMembersChanged('teamMemberRemoved', [{ id: teamPeople[4].id, aadObjectId: teamPeople[4].aadObjectId }], { serviceUrl: connector.url }));
    const left = await assertSame('after a member left');
    assert.equal(oppvekst(left).completion.members, undefined, 'a team of four shows nothing');

    // "Delete my data", confirmed on the card in personal chat.
    await running.post(personalMessage('slett mine data', as(ids.ola)));
    await running.post(cardAction('mydata.delete', { confirm: 'yes' }, as(ids.ola)));
    assert.equal((await running.app.repositories.progress.readLessonIds({ tenantId: ids.tenant, userId: ids.ola.aadObjectId }, course.id)).size, 0, 'Ola is deleted');
    await assertSame('after "delete my data"');

    // Retention: the app is removed from the team, whose data goes after the grace period.
    const repos = running.app.repositories;
    await running.post(teamMembersChanged('teamMemberRemoved', [{ id: ids.bot }], { serviceUrl: connector.url }));
    await assertSame('after the app was removed from a team');
    clock.current = new Date('2026-05-01T08:00:00.000Z');
    await new RetentionService({ retention: repos.retention, clock, logger: running.app.services.logger, options: { retentionDays: 365, teamGraceDays: 30 } }).run(clock.now());
    assert.equal(await repos.teams.find({ tenantId: ids.tenant, teamId: team.id }), undefined, 'the team is deleted');
    const rows = await running.app.database.db.selectFrom('report_team_progress').select('team_id').where('team_id', '=', team.id).execute();
    assert.equal(rows.length, 0, 'no summary row of the deleted team');
    const after = await assertSame('after retention');
    assert.equal(after.courses[0]!.teams.some((row) => row.teamId === team.id), false);

    // Over HTTP, HR sees the summary's figures (no cache in between).
    const response = await fetch(`${running.url}/api/v1/org/report?from=${range.from}&to=${range.to}`, { headers: { 'accept-language': 'nb-NO', 'x-dev-user': `${ids.tenant}/${hr.userId}`, 'x-dev-roles': 'CompetenceUnit' } });
    assert.equal(response.status, 200);
    const view = (await response.json()) as OrgReportView;
    assert.equal(view.total.members, after.total.members ?? null);
  });

  it('stays equal to the raw rows when many people of the same teams read and finish at the same moment', async function () {
    // On PostgreSQL these run on several pooled connections at once; each recomputes the teams it touched.
    const course = running.app.courses.defaultCourse();
    const lessons = lessonIds(course);
    const members = (await running.app.database.db.selectFrom('team_members').select(['team_id', 'user_id']).where('tenant_id', '=', ids.tenant).execute()).filter((row) => row.team_id !== team.id);
    const at = new Date('2026-03-25T10:00:00.000Z');
    await Promise.all(members.map((row) => Promise.all(lessons.map((lessonId) => running.app.repositories.progress.markRead({ tenantId: ids.tenant, userId: row.user_id }, course.id, lessonId, at)))));
    const report = await assertSame('after concurrent reads');
    assert.ok(report.courses[0]!.teams.filter((row) => row.teamId !== team.id).every((row) => row.completion.completed === row.completion.members), 'everyone in Helse and Kultur completed');
  });

  it('holds nothing about answers: answering, sharing anonymously and editing leave the summary as it was', async function () {
    const before = await summaryRows();
    const course = running.app.courses.defaultCourse();
    const lessonId = course.content.nb!.lessons[1]!.id;
    for (const [person, visibility] of [[teamPeople[3], 'anonymous'], [teamPeople[4], 'private'], [ids.ola, 'anonymous']] as const) {
      clock.current = new Date(clock.current.getTime() + 26 * 3_600_000);
      const response = await running.post(channelAction('reflection.submit', { courseId: course.id, lessonId, teamId: team.id, visibility, answer1: `Svar fra ${person.name}`, answer2: '', answer3: '' }, as(person)));
      assert.equal(response.status, 200);
    }
    assert.deepEqual(await summaryRows(), before);
    // No column of a summary table names an answer, a reply, a visibility or a round.
    const db = running.app.database.db;
    for (const table of SUMMARY_TABLES) {
      const columns = Object.keys((await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db)).rows[0] ?? {});
      for (const column of columns) assert.ok(['tenant_id', 'team_id', 'user_id', 'course_id', 'lesson_id', 'month', 'members', 'completed', 'started', 'people'].includes(column), `${table}.${column}`);
    }
  });
});
