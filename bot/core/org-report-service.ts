import { courseText, lessonIds, type CourseCatalog } from './course.js';
import { suppress, type Cell, type Relation, type Suppression } from './disclosure-control.js';
import type { InstantRange, OrgPlanItem, OrgReportRepository } from './org-report.js';
import type { Clock } from './ports.js';

/** A count as shown; undefined where it is hidden to protect individuals. */
export type Figure = number | undefined;

/** Where a group of members stands in its course; each figure hidden where it could point at individuals. */
export type CompletionFigures = {
  readonly members: Figure;
  readonly completed: Figure;
  readonly started: Figure;
  readonly notStarted: Figure;
  /** completed + started, where that can be shown. */
  readonly participated: Figure;
  /** started + not started, where that can be shown. */
  readonly notDone: Figure;
};

/** What a team did in the range; undefined for a team too small to show. */
export type TeamActivity = {
  readonly reflectionRounds: number;
  readonly nextStepsRounds: number;
  readonly plan: { readonly planned: number; readonly inProgress: number; readonly done: number };
};

/** One team's line of the report. */
export type TeamReportRow = { readonly teamId: string; readonly name: string; readonly completion: CompletionFigures; readonly activity: TeamActivity | undefined };

/** One course: its teams and their sum. */
export type CourseReport = {
  readonly courseId: string;
  readonly title: string;
  readonly lessons: number;
  readonly total: CompletionFigures;
  /** The sum over the teams shown (teams too small to show are left out). */
  readonly activity: TeamActivity;
  readonly teams: readonly TeamReportRow[];
};

/** One month of the trend. */
export type MonthReport = {
  readonly month: string;
  /** Members who completed their team's course that month. */
  readonly completed: Figure;
  /** People who read at least one lesson that month. */
  readonly active: Figure;
  /** Rounds started that month in teams large enough to show. */
  readonly reflectionRounds: number;
  readonly nextStepsRounds: number;
};

/** The organisation report as every reader may see it: aggregates only, no names, small cells suppressed. */
export type OrgReport = {
  readonly tenantId: string;
  readonly from: string;
  readonly to: string;
  readonly minGroupSize: number;
  readonly courses: readonly CourseReport[];
  readonly total: CompletionFigures;
  readonly activity: TeamActivity;
  readonly months: readonly MonthReport[];
  /** Active teams where no course is set up (not in the tables). */
  readonly teamsNotSetUp: number;
  /** How many figures were hidden: too small themselves, or because they would give a small one away. */
  readonly suppressed: { readonly primary: number; readonly secondary: number };
};

/** A month range asked for, `YYYY-MM` to `YYYY-MM` inclusive. */
export type MonthRange = { readonly from: string; readonly to: string };

/** The longest range the report covers at once. */
export const MAX_REPORT_MONTHS = 36;

/** The months of a range, oldest first; undefined when the range is malformed, backwards or too long. */
export function monthsOf(range: MonthRange): readonly string[] | undefined {
  const parse = (month: string): number | undefined => {
    const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
    return match ? Number(match[1]) * 12 + Number(match[2]) - 1 : undefined;
  };
  const from = parse(range.from);
  const to = parse(range.to);
  if (from === undefined || to === undefined || to < from || to - from + 1 > MAX_REPORT_MONTHS) return undefined;
  return Array.from({ length: to - from + 1 }, (_, i) => `${Math.floor((from + i) / 12)}-${String(((from + i) % 12) + 1).padStart(2, '0')}`);
}

/** The first instant after the month, ISO. */
function monthEnd(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, m, 1)).toISOString();
}

const MEASURES = ['members', 'completed', 'started', 'notStarted'] as const;
type Measure = (typeof MEASURES)[number];
type Counts = Record<Measure, number>;

/** An invalid range: the caller gets a 400. */
export class InvalidRangeError extends Error {
  constructor() {
    super('Invalid month range');
  }
}

/**
 * The organisation report (HR, the competence unit, union representatives, administrators): completion per team and
 * course, rounds held, plan items by status, and the trend by month.
 * @remarks
 * Completion is where current members stand now (members = completed + started + not started); it does not depend on
 * the range, and neither do the monthly figures, so comparing two ranges gives nothing away either. The range chooses
 * the months shown and the rounds counted. Every count of people goes through {@link suppress}: cells of 1 … k−1
 * people are hidden, and so are as many more as it takes that none can be worked out from a total (team rows against
 * the course and organisation totals, each row's parts against its members, the months' completions against the total).
 * Teams smaller than the minimum show no figure at all, and their rounds and plan items are left out of every sum.
 */
export class OrgReportService {
  constructor(
    private readonly deps: {
      readonly reports: OrgReportRepository;
      readonly courses: CourseCatalog;
      /** The tenant's minimum group size. */
      readonly minGroupSize: (tenantId: string) => Promise<number>;
      /** Whether the tenant has switched named progress on. */
      readonly namedProgress: (tenantId: string) => Promise<boolean>;
      /** The time source for the cache. */
      readonly clock?: Clock;
      /** How long a computed report is reused for the same tenant, range and language; 0 (the default) computes every time. */
      readonly cacheMs?: number;
    },
  ) {}

  private readonly cache = new Map<string, { readonly at: number; readonly report: Promise<OrgReport> }>();

  /** The tenant's active teams: id, name, and the course each is set up with (undefined: not set up). */
  teams(tenantId: string): Promise<readonly { readonly teamId: string; readonly name: string; readonly courseId: string | undefined }[]> {
    return this.deps.reports.teams(tenantId);
  }

  /**
   * The report for the tenant over the months of the range, course titles in `language`; throws InvalidRangeError.
   * @remarks With `cacheMs`, a report (or one being computed) is shared by requests for the same tenant, range and
   * language for that long, so readers see figures at most that old; the tenant's minimum group size is part of the key.
   */
  async build(tenantId: string, range: MonthRange, language: string): Promise<OrgReport> {
    const months = monthsOf(range);
    if (!months) throw new InvalidRangeError();
    const cacheMs = this.deps.cacheMs ?? 0;
    if (cacheMs <= 0 || !this.deps.clock) return this.compute(tenantId, months, language);
    const now = this.deps.clock.now().getTime();
    const key = JSON.stringify([tenantId, months[0], months.at(-1), language, await this.deps.minGroupSize(tenantId)]);
    const hit = this.cache.get(key);
    if (hit && now - hit.at < cacheMs) return hit.report;
    const report = this.compute(tenantId, months, language);
    this.cache.set(key, { at: now, report });
    report.catch(() => this.cache.delete(key));
    for (const [old, entry] of this.cache) if (now - entry.at >= cacheMs || this.cache.size > 200) this.cache.delete(old);
    return report;
  }

  private async compute(tenantId: string, months: readonly string[], language: string): Promise<OrgReport> {
    const { reports, courses } = this.deps;
    const k = await this.deps.minGroupSize(tenantId);
    const instants: InstantRange = { from: `${months[0]}-01T00:00:00.000Z`, until: monthEnd(months.at(-1)!) };
    // One row per team and course it runs (a team without a setup: one row without a course).
    const teams = await reports.teams(tenantId);
    const tenantCourses = await courses.forTenant(tenantId);
    const courseIds = [...new Set(teams.flatMap((team) => (team.courseId && tenantCourses.known(team.courseId) ? [team.courseId] : [])))].sort();
    const [completions, active, rounds, plans] = await Promise.all([
      Promise.all(courseIds.map((id) => reports.completion(tenantId, id, lessonIds(tenantCourses.known(id)!)))),
      reports.activeByMonth(tenantId, instants),
      reports.roundsByMonth(tenantId, instants),
      reports.planByStatus(tenantId, instants.until),
    ]);

    // The cells of people and how they add up.
    const cells: Cell[] = [];
    const relations: Relation[] = [];
    const forced: string[] = [];
    const countsOf = new Map<string, Counts>();
    const add = (key: string, counts: Counts): void => {
      countsOf.set(key, counts);
      for (const measure of MEASURES) cells.push({ id: `${key}:${measure}`, value: counts[measure] });
      relations.push({ total: `${key}:members`, parts: [`${key}:completed`, `${key}:started`, `${key}:notStarted`] });
    };
    const sum = (list: readonly Counts[]): Counts => ({
      members: list.reduce((n, c) => n + c.members, 0),
      completed: list.reduce((n, c) => n + c.completed, 0),
      started: list.reduce((n, c) => n + c.started, 0),
      notStarted: list.reduce((n, c) => n + c.notStarted, 0),
    });
    const names = new Map(teams.map((team) => [team.teamId, team.name]));
    const teamsByCourse = new Map<string, string[]>();
    const byMonth = new Map<string, number>();
    const small = new Set<string>();
    // One collator for the language (what `localeCompare(…, language)` builds for every comparison) and one for ids.
    const byName = new Intl.Collator(language);
    const byId = new Intl.Collator();
    courseIds.forEach((courseId, index) => {
      const rows = [...completions[index]!.teams].sort((a, b) => byName.compare(names.get(a.teamId) ?? '', names.get(b.teamId) ?? '') || byId.compare(a.teamId, b.teamId));
      const list: Counts[] = [];
      for (const row of rows) {
        const counts = { members: row.members, completed: row.completed, started: row.started, notStarted: row.members - row.completed - row.started };
        // A team running several courses has a row in each: its cells are per course and team.
        add(`t:${courseId}/${row.teamId}`, counts);
        list.push(counts);
        if (row.members < k) {
          small.add(row.teamId);
          for (const measure of MEASURES) forced.push(`t:${courseId}/${row.teamId}:${measure}`);
        }
      }
      teamsByCourse.set(courseId, rows.map((row) => row.teamId));
      add(`c:${courseId}`, sum(list));
      for (const measure of MEASURES) relations.push({ total: `c:${courseId}:${measure}`, parts: rows.map((row) => `t:${courseId}/${row.teamId}:${measure}`) });
      for (const { month, count } of completions[index]!.completedByMonth) byMonth.set(month, (byMonth.get(month) ?? 0) + count);
    });
    add('o', sum(courseIds.map((id) => countsOf.get(`c:${id}`)!)));
    for (const measure of MEASURES) relations.push({ total: `o:${measure}`, parts: courseIds.map((id) => `c:${id}:${measure}`) });
    // Every completion falls in some month: the months of the whole history add up to the organisation's total.
    const allMonths = [...byMonth.keys()].sort();
    for (const month of allMonths) cells.push({ id: `m:${month}:completed`, value: byMonth.get(month)! });
    relations.push({ total: 'o:completed', parts: allMonths.map((month) => `m:${month}:completed`) });
    const activeByMonth = new Map(active.map((row) => [row.month, row.count]));
    for (const month of months) cells.push({ id: `m:${month}:active`, value: activeByMonth.get(month) ?? 0 });

    const hidden = suppress(cells, relations, k, forced);
    const shown = (id: string, value: number): Figure => (hidden.has(id) ? undefined : value);
    const figures = (key: string): CompletionFigures => {
      const counts = countsOf.get(key)!;
      const [members, completed, started, notStarted] = MEASURES.map((measure) => shown(`${key}:${measure}`, counts[measure]));
      const either = (a: Figure, b: Figure, total: Figure, complement: Figure): Figure =>
        a !== undefined && b !== undefined ? a + b : total !== undefined && complement !== undefined ? total - complement : undefined;
      return { members, completed, started, notStarted, participated: either(completed, started, members, notStarted), notDone: either(started, notStarted, members, completed) };
    };

    // Rounds and plan items: facts about teams, not people, but only of teams large enough to show.
    // Per course and team: rounds of a course count under it; the plan (the team's, not a course's) and rounds of no
    // known course count under the team's first course, so nothing is counted twice.
    const activity = new Map<string, { reflectionRounds: number; nextStepsRounds: number; plan: { planned: number; inProgress: number; done: number } }>();
    const firstCourse = new Map<string, string>();
    for (const courseId of courseIds) for (const teamId of teamsByCourse.get(courseId) ?? []) if (!firstCourse.has(teamId)) firstCourse.set(teamId, courseId);
    const keyOf = (teamId: string, courseId: string | undefined): string | undefined => {
      const course = courseId && teamsByCourse.get(courseId)?.includes(teamId) ? courseId : firstCourse.get(teamId);
      return course ? `${course}/${teamId}` : undefined;
    };
    const activityOf = (key: string) => {
      let entry = activity.get(key);
      if (!entry) activity.set(key, (entry = { reflectionRounds: 0, nextStepsRounds: 0, plan: { planned: 0, inProgress: 0, done: 0 } }));
      return entry;
    };
    const monthRounds = new Map<string, { reflectionRounds: number; nextStepsRounds: number }>();
    for (const row of rounds) {
      const key = keyOf(row.teamId, row.courseId);
      if (small.has(row.teamId) || !key) continue;
      const entry = activityOf(key);
      entry.reflectionRounds += row.reflectionRounds;
      entry.nextStepsRounds += row.nextStepsRounds;
      const month = monthRounds.get(row.month) ?? { reflectionRounds: 0, nextStepsRounds: 0 };
      month.reflectionRounds += row.reflectionRounds;
      month.nextStepsRounds += row.nextStepsRounds;
      monthRounds.set(row.month, month);
    }
    for (const row of plans) {
      const key = keyOf(row.teamId, undefined);
      if (!small.has(row.teamId) && key) activityOf(key).plan[row.status] += row.count;
    }
    const teamActivity = (courseId: string, teamId: string): TeamActivity | undefined =>
      small.has(teamId) ? undefined : (activity.get(`${courseId}/${teamId}`) ?? { reflectionRounds: 0, nextStepsRounds: 0, plan: { planned: 0, inProgress: 0, done: 0 } });
    const sumActivity = (list: readonly (TeamActivity | undefined)[]): TeamActivity => {
      const present = list.filter((entry): entry is TeamActivity => entry !== undefined);
      return {
        reflectionRounds: present.reduce((n, a) => n + a.reflectionRounds, 0),
        nextStepsRounds: present.reduce((n, a) => n + a.nextStepsRounds, 0),
        plan: {
          planned: present.reduce((n, a) => n + a.plan.planned, 0),
          inProgress: present.reduce((n, a) => n + a.plan.inProgress, 0),
          done: present.reduce((n, a) => n + a.plan.done, 0),
        },
      };
    };

    const courseReports: CourseReport[] = courseIds.map((courseId) => {
      const course = tenantCourses.known(courseId)!;
      const teamRows = (teamsByCourse.get(courseId) ?? []).map((teamId) => ({ teamId, name: names.get(teamId) ?? '', completion: figures(`t:${courseId}/${teamId}`), activity: teamActivity(courseId, teamId) }));
      return {
        courseId,
        title: courseText(course, language).title,
        lessons: lessonIds(course).length,
        total: figures(`c:${courseId}`),
        activity: sumActivity(teamRows.map((row) => row.activity)),
        teams: teamRows,
      };
    });
    const counted = [...hidden.values()].reduce((n, why: Suppression) => (why === 'primary' ? { ...n, primary: n.primary + 1 } : { ...n, secondary: n.secondary + 1 }), { primary: 0, secondary: 0 });
    return {
      tenantId,
      from: months[0]!,
      to: months.at(-1)!,
      minGroupSize: k,
      courses: courseReports,
      total: figures('o'),
      activity: sumActivity(courseReports.map((course) => course.activity)),
      months: months.map((month) => ({
        month,
        completed: shown(`m:${month}:completed`, byMonth.get(month) ?? 0),
        active: shown(`m:${month}:active`, activeByMonth.get(month) ?? 0),
        reflectionRounds: monthRounds.get(month)?.reflectionRounds ?? 0,
        nextStepsRounds: monthRounds.get(month)?.nextStepsRounds ?? 0,
      })),
      teamsNotSetUp: new Set(teams.map((team) => team.teamId)).size - new Set(teams.filter((team) => team.courseId && tenantCourses.known(team.courseId)).map((team) => team.teamId)).size,
      suppressed: counted,
    };
  }

  /** Every team's plan items for the organisation's list: owners only where the tenant has switched named progress on. */
  async plan(tenantId: string, page: { readonly after?: string; readonly limit: number }): Promise<{ readonly items: readonly OrgPlanItem[]; readonly next: string | undefined; readonly ownersShown: boolean }> {
    const [named, result] = await Promise.all([this.deps.namedProgress(tenantId), this.deps.reports.planItems(tenantId, page)]);
    return { items: named ? result.items : result.items.map((item) => ({ ...item, ownerName: undefined })), next: result.next, ownersShown: named };
  }
}
