import { sql, type Kysely } from 'kysely';
import type { PlanItemStatus } from '../../core/next-steps.js';
import type { InstantRange, MonthCount, OrgPlanItem, OrgReportRepository, TeamCompletionRow, TeamPlanRow, TeamRoundsRow } from '../../core/org-report.js';
import type { TeamRef } from '../../core/team.js';
import type { Database } from '../schema.js';
import type { ReportSummary } from './report-summary.js';

/** `YYYY-MM` of an ISO-8601 text column (the same `substr` on both engines). */
const monthOf = (column: string) => sql<string>`substr(${sql.ref(column)}, 1, 7)`;

/**
 * The organisation report's queries: one set for SQLite and PostgreSQL, each scoped to one tenant and to teams where
 * the app is active. Aggregation happens in the database; only per-team and per-month sums leave it.
 * @remarks With a `summary` (the app's default), completion and people active per month are read from the stored
 * summary (migration 0015; repositories/report-summary.ts), a few rows per team; completion falls back to the raw rows
 * when the course's lessons are not the ones the summary counts. `source: 'raw'` computes them from the raw rows every
 * time (tests compare the two; the bench measures both).
 */
export class SqlOrgReportRepository implements OrgReportRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly options: { readonly summary?: ReportSummary; readonly source?: 'summary' | 'raw' } = {},
  ) {}

  private get summary(): ReportSummary | undefined {
    return this.options.source === 'raw' ? undefined : this.options.summary;
  }

  async teams(tenantId: string): Promise<readonly { readonly teamId: string; readonly name: string; readonly courseId: string | undefined }[]> {
    const rows = await this.db
      .selectFrom('teams as t')
      .leftJoin('enrollments as e', (join) => join.onRef('e.tenant_id', '=', 't.tenant_id').onRef('e.team_id', '=', 't.team_id'))
      .select(['t.team_id', 't.name', 'e.course_id'])
      .where('t.tenant_id', '=', tenantId)
      .where('t.status', '=', 'active')
      .execute();
    return rows.map((row) => ({ teamId: row.team_id, name: row.name, courseId: row.course_id ?? undefined }));
  }

  async completion(tenantId: string, courseId: string, lessonIds: readonly string[]): Promise<{ readonly teams: readonly TeamCompletionRow[]; readonly completedByMonth: readonly MonthCount[] }> {
    const summary = this.summary;
    if (summary) {
      const registered = [...(await summary.registeredLessons(courseId))].sort();
      const wanted = [...new Set(lessonIds)].sort();
      if (registered.length > 0 && registered.length === wanted.length && registered.every((id, i) => id === wanted[i])) {
        const rows = await this.db
          .selectFrom('report_team_progress as r')
          .innerJoin('teams as t', (join) => join.onRef('t.tenant_id', '=', 'r.tenant_id').onRef('t.team_id', '=', 'r.team_id'))
          .select(['r.team_id', 'r.month', 'r.members', 'r.completed', 'r.started'])
          .where('r.tenant_id', '=', tenantId)
          .where('r.course_id', '=', courseId)
          .where('t.tenant_id', '=', tenantId)
          .where('t.status', '=', 'active')
          .execute();
        return groupCompletion(rows);
      }
    }
    return this.rawCompletion(tenantId, courseId, lessonIds);
  }

  private async rawCompletion(tenantId: string, courseId: string, lessonIds: readonly string[]): Promise<{ readonly teams: readonly TeamCompletionRow[]; readonly completedByMonth: readonly MonthCount[] }> {
    // A literal (an integer from the catalog), so the month expression is the same text in SELECT and GROUP BY on PostgreSQL.
    const total = sql.lit(lessonIds.length);
    // Per person: lessons of the course read, and when the last was. One range scan of the covering index
    // (tenant, course, user, lesson, day), grouped as it streams; no per-member lookups.
    const perPerson = this.db
      .selectFrom('lesson_progress as p')
      .select((eb) => ['p.user_id', eb.fn.countAll<string | number>().as('n'), eb.fn.max<string>('p.completed_at').as('last_at')])
      .where('p.tenant_id', '=', tenantId)
      .where('p.course_id', '=', courseId)
      .where('p.lesson_id', 'in', lessonIds.length > 0 ? [...lessonIds] : [''])
      .groupBy('p.user_id');
    const n = sql<number>`coalesce(pu.n, 0)`;
    const month = sql<string>`case when ${n} >= ${total} then substr(pu.last_at, 1, 7) else '' end`;
    const rows = await this.db
      .selectFrom('team_members as m')
      .innerJoin('teams as t', (join) => join.onRef('t.tenant_id', '=', 'm.tenant_id').onRef('t.team_id', '=', 'm.team_id'))
      .innerJoin('enrollments as e', (join) => join.onRef('e.tenant_id', '=', 'm.tenant_id').onRef('e.team_id', '=', 'm.team_id'))
      .leftJoin(perPerson.as('pu'), 'pu.user_id', 'm.user_id')
      .select((eb) => [
        'm.team_id',
        month.as('month'),
        eb.fn.countAll<string | number>().as('members'),
        eb.fn.sum<string | number>(sql`case when ${n} >= ${total} then 1 else 0 end`).as('completed'),
        eb.fn.sum<string | number>(sql`case when ${n} > 0 and ${n} < ${total} then 1 else 0 end`).as('started'),
      ])
      .where('m.tenant_id', '=', tenantId)
      .where('t.tenant_id', '=', tenantId)
      .where('t.status', '=', 'active')
      .where('e.tenant_id', '=', tenantId)
      .where('e.course_id', '=', courseId)
      .groupBy(['m.team_id', month])
      .execute();
    return groupCompletion(rows);
  }

  async teamNotDone(team: TeamRef, courseId: string, lessonIds: readonly string[]): Promise<{ readonly members: number; readonly notDone: readonly string[] }> {
    const rows = await this.db
      .selectFrom('team_members as m')
      .leftJoin('lesson_progress as p', (join) =>
        join
          .onRef('p.tenant_id', '=', 'm.tenant_id')
          .onRef('p.user_id', '=', 'm.user_id')
          .on('p.course_id', '=', courseId)
          .on('p.lesson_id', 'in', lessonIds.length > 0 ? [...lessonIds] : ['']),
      )
      .select((eb) => ['m.user_id', eb.fn.count<string | number>('p.lesson_id').as('n')])
      .where('m.tenant_id', '=', team.tenantId)
      .where('m.team_id', '=', team.teamId)
      .groupBy('m.user_id')
      .execute();
    return { members: rows.length, notDone: rows.filter((row) => Number(row.n) < lessonIds.length).map((row) => row.user_id) };
  }

  async activeByMonth(tenantId: string, range: InstantRange): Promise<readonly MonthCount[]> {
    if (this.summary) {
      // Every instant of the range is a month's first (OrgReportService): the months from `from`'s to before `until`'s.
      const rows = await this.db
        .selectFrom('report_active_months')
        .select(['month', 'people'])
        .where('tenant_id', '=', tenantId)
        .where('month', '>=', range.from.slice(0, 7))
        .where('month', '<', range.until.slice(0, 7))
        .where('people', '>', 0)
        .orderBy('month')
        .execute();
      return rows.map((row) => ({ month: row.month, count: Number(row.people) }));
    }
    const month = monthOf('p.completed_at');
    const rows = await this.db
      .selectFrom('lesson_progress as p')
      .select((eb) => [month.as('month'), eb.fn.count<string | number>('p.user_id').distinct().as('n')])
      .where('p.tenant_id', '=', tenantId)
      .where('p.completed_at', '>=', range.from)
      .where('p.completed_at', '<', range.until)
      .groupBy(month)
      .execute();
    return rows.map((row) => ({ month: row.month, count: Number(row.n) })).sort((a, b) => a.month.localeCompare(b.month));
  }

  async roundsByMonth(tenantId: string, range: InstantRange): Promise<readonly TeamRoundsRow[]> {
    const claimed = monthOf('claimed_at');
    const started = monthOf('started_at');
    const [reflection, nextSteps] = await Promise.all([
      // A round's post is claimed once per team and lesson, right before it is posted (see OutboxRepository.claimPost).
      this.db
        .selectFrom('team_posts')
        .select((eb) => ['team_id', 'post_key', claimed.as('month'), eb.fn.countAll<string | number>().as('n')])
        .where('tenant_id', '=', tenantId)
        .where('post_key', 'like', 'round:%')
        .where('claimed_at', '>=', range.from)
        .where('claimed_at', '<', range.until)
        .groupBy(['team_id', 'post_key', claimed])
        .execute(),
      this.db
        .selectFrom('next_step_rounds')
        .select((eb) => ['team_id', 'course_id', started.as('month'), eb.fn.countAll<string | number>().as('n')])
        .where('tenant_id', '=', tenantId)
        .where('started_at', '>=', range.from)
        .where('started_at', '<', range.until)
        .groupBy(['team_id', 'course_id', started])
        .execute(),
    ]);
    const rows = new Map<string, { teamId: string; courseId: string | undefined; month: string; reflectionRounds: number; nextStepsRounds: number }>();
    const entry = (teamId: string, courseId: string | undefined, month: string) => {
      const key = `${teamId}\n${courseId ?? ''}\n${month}`;
      let row = rows.get(key);
      if (!row) rows.set(key, (row = { teamId, courseId, month, reflectionRounds: 0, nextStepsRounds: 0 }));
      return row;
    };
    // A round's post key is `round:<course>:<lesson>` (course ids have no colon).
    for (const row of reflection) entry(row.team_id, row.post_key.split(':')[1] || undefined, row.month).reflectionRounds += Number(row.n);
    for (const row of nextSteps) entry(row.team_id, row.course_id ?? undefined, row.month).nextStepsRounds += Number(row.n);
    return [...rows.values()];
  }

  async planByStatus(tenantId: string, until: string): Promise<readonly TeamPlanRow[]> {
    const rows = await this.db
      .selectFrom('plan_items')
      .select((eb) => ['team_id', 'status', eb.fn.countAll<string | number>().as('n')])
      .where('tenant_id', '=', tenantId)
      .where('created_at', '<', until)
      .groupBy(['team_id', 'status'])
      .execute();
    return rows.map((row) => ({ teamId: row.team_id, status: row.status as PlanItemStatus, count: Number(row.n) }));
  }

  async planItems(tenantId: string, page: { readonly after?: string; readonly limit: number }): Promise<{ readonly items: readonly OrgPlanItem[]; readonly next: string | undefined }> {
    let query = this.db
      .selectFrom('plan_items as i')
      .innerJoin('teams as t', (join) => join.onRef('t.tenant_id', '=', 'i.tenant_id').onRef('t.team_id', '=', 'i.team_id'))
      .select(['i.id', 'i.team_id', 't.name', 'i.text', 'i.owner_name', 'i.due_date', 'i.status', 'i.created_at'])
      .where('i.tenant_id', '=', tenantId)
      .where('t.tenant_id', '=', tenantId)
      .where('t.status', '=', 'active');
    const cursor = page.after ? decodeCursor(page.after) : undefined;
    if (cursor) {
      query = query.where((eb) =>
        eb.or([
          eb('t.name', '>', cursor.name),
          eb.and([eb('t.name', '=', cursor.name), eb('i.team_id', '>', cursor.teamId)]),
          eb.and([eb('t.name', '=', cursor.name), eb('i.team_id', '=', cursor.teamId), eb('i.created_at', '>', cursor.createdAt)]),
          eb.and([eb('t.name', '=', cursor.name), eb('i.team_id', '=', cursor.teamId), eb('i.created_at', '=', cursor.createdAt), eb('i.id', '>', cursor.id)]),
        ]),
      );
    }
    const rows = await query.orderBy('t.name').orderBy('i.team_id').orderBy('i.created_at').orderBy('i.id').limit(page.limit + 1).execute();
    const items = rows.slice(0, page.limit);
    const last = items.at(-1);
    return {
      items: items.map((row) => ({
        teamId: row.team_id,
        teamName: row.name,
        text: row.text,
        ownerName: row.owner_name ?? undefined,
        dueDate: row.due_date ?? undefined,
        status: row.status as PlanItemStatus,
      })),
      next: rows.length > page.limit && last ? encodeCursor({ name: last.name, teamId: last.team_id, createdAt: last.created_at, id: last.id }) : undefined,
    };
  }
}

/** Per-team and per-month sums of rows grouped by team and month of completion ('' for members not completed). */
function groupCompletion(
  rows: readonly { readonly team_id: string; readonly month: string; readonly members: string | number; readonly completed: string | number | null; readonly started: string | number | null }[],
): { readonly teams: readonly TeamCompletionRow[]; readonly completedByMonth: readonly MonthCount[] } {
  const teams = new Map<string, { teamId: string; members: number; completed: number; started: number }>();
  const byMonth = new Map<string, number>();
  for (const row of rows) {
    const team = teams.get(row.team_id) ?? { teamId: row.team_id, members: 0, completed: 0, started: 0 };
    team.members += Number(row.members);
    team.completed += Number(row.completed ?? 0);
    team.started += Number(row.started ?? 0);
    teams.set(row.team_id, team);
    if (row.month) byMonth.set(row.month, (byMonth.get(row.month) ?? 0) + Number(row.completed ?? 0));
  }
  return { teams: [...teams.values()], completedByMonth: [...byMonth].map(([m, count]) => ({ month: m, count })).sort((a, b) => a.month.localeCompare(b.month)) };
}

type Cursor = { readonly name: string; readonly teamId: string; readonly createdAt: string; readonly id: string };

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.name, cursor.teamId, cursor.createdAt, cursor.id])).toString('base64url');
}

function decodeCursor(text: string): Cursor | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 4 || !value.every((part) => typeof part === 'string')) return undefined;
    const [name, teamId, createdAt, id] = value as [string, string, string, string];
    return { name, teamId, createdAt, id };
  } catch {
    return undefined;
  }
}
