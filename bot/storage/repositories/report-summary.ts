import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../schema.js';

/** Anything that runs queries: the database or an open transaction. */
type Db = Kysely<Database>;

/** The key every summary writer holds shared and a rebuild holds alone (PostgreSQL advisory locks). */
const REBUILD_KEY = 'laerekraft:report-summary';

/** Ids in chunks small enough for one `in (…)` list. */
const CHUNK = 500;

/** A course as the summary counts it: its id and its lessons. */
export type SummaryCourse = { readonly id: string; readonly lessonIds: readonly string[] };

/**
 * The organisation report's stored summary (migration 0015), kept up to date by the repositories that change what it
 * counts, inside the same transaction as their write: a lesson read (`markRead`), a roster change (`upsertMembers`,
 * `removeMembers…`), a team's course setup (`enrollments.save`), "delete my data" (`erase`) and the removal of a team's
 * data after the grace period (retention).
 * @remarks
 * What it holds follows from the raw rows alone: per team, course and month of completion the same counts the report's
 * raw query groups from `team_members` × `lesson_progress` (a team's rows are recomputed from its members whenever one
 * of them can have changed), and per tenant and month the people who read a lesson. It never reads or counts answers,
 * so it holds nothing about who wrote what or how. A team's status (removed from the app) is applied when the report
 * reads, as before.
 *
 * Concurrency: on PostgreSQL each writer takes a transaction-level advisory lock per tenant before it reads what it
 * recomputes, so a recompute always sees the writes of every transaction that recomputed before it (READ COMMITTED
 * gives each statement a fresh snapshot); a rebuild takes a key every writer holds shared. SQLite has one writer.
 */
export class ReportSummary {
  constructor(
    private readonly db: Db,
    private readonly engine: 'sqlite' | 'postgres',
  ) {}

  /** Serialises summary writers of one tenant until the transaction ends (PostgreSQL; SQLite has a single writer). */
  async lock(trx: Db, tenantId: string): Promise<void> {
    if (this.engine !== 'postgres') return;
    await sql`select pg_advisory_xact_lock_shared(hashtextextended(${REBUILD_KEY}, 0))`.execute(trx);
    await sql`select pg_advisory_xact_lock(hashtextextended(${`laerekraft:report-summary:${tenantId}`}, 0))`.execute(trx);
  }

  /**
   * After a new lesson read (the row just inserted in `trx`): counts the person as active in the month, and
   * recomputes their teams in the course when the read changed where they stand (their first lesson or their last).
   */
  async afterRead(trx: Db, tenantId: string, userId: string, courseId: string, lessonId: string, completedAt: string): Promise<void> {
    await this.lock(trx, tenantId);
    const month = completedAt.slice(0, 7);
    const inserted = await trx
      .insertInto('report_person_months')
      .values({ tenant_id: tenantId, user_id: userId, month })
      .onConflict((oc) => oc.columns(['tenant_id', 'user_id', 'month']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0) {
      await sql`insert into report_active_months (tenant_id, month, people) values (${tenantId}, ${month}, 1)
        on conflict (tenant_id, month) do update set people = report_active_months.people + 1`.execute(trx);
    }
    const registered = await trx.selectFrom('report_course_lessons').select('lesson_id').where('course_id', '=', courseId).execute();
    if (!registered.some((row) => row.lesson_id === lessonId)) return;
    const read = await trx
      .selectFrom('lesson_progress as p')
      .innerJoin('report_course_lessons as l', (join) => join.onRef('l.course_id', '=', 'p.course_id').onRef('l.lesson_id', '=', 'p.lesson_id'))
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('p.tenant_id', '=', tenantId)
      .where('p.user_id', '=', userId)
      .where('p.course_id', '=', courseId)
      .executeTakeFirstOrThrow();
    const n = Number(read.n);
    // Between the first and the last lesson a read changes nothing the report counts.
    if (n !== 1 && n !== registered.length) return;
    const teams = await trx
      .selectFrom('team_members as m')
      .innerJoin('enrollments as e', (join) => join.onRef('e.tenant_id', '=', 'm.tenant_id').onRef('e.team_id', '=', 'm.team_id'))
      .select('m.team_id')
      .where('m.tenant_id', '=', tenantId)
      .where('m.user_id', '=', userId)
      .where('e.course_id', '=', courseId)
      .execute();
    await this.refreshTeams(trx, tenantId, teams.map((row) => row.team_id));
  }

  /** The teams the person is a member of (to recompute after they leave them all). */
  async teamsOf(trx: Db, tenantId: string, userId: string): Promise<readonly string[]> {
    const rows = await trx.selectFrom('team_members').select('team_id').where('tenant_id', '=', tenantId).where('user_id', '=', userId).execute();
    return rows.map((row) => row.team_id);
  }

  /** Takes the person out of the active months ("delete my data"; their reads are deleted in the same transaction). */
  async removePerson(trx: Db, tenantId: string, userId: string): Promise<void> {
    await this.lock(trx, tenantId);
    const months = await trx.selectFrom('report_person_months').select('month').where('tenant_id', '=', tenantId).where('user_id', '=', userId).execute();
    await trx.deleteFrom('report_person_months').where('tenant_id', '=', tenantId).where('user_id', '=', userId).execute();
    for (const { month } of months) {
      await sql`update report_active_months set people = people - 1 where tenant_id = ${tenantId} and month = ${month}`.execute(trx);
    }
    if (months.length > 0) await trx.deleteFrom('report_active_months').where('tenant_id', '=', tenantId).where('people', '<=', 0).execute();
  }

  /** Recomputes the teams' rows from their current members and reads. */
  async refreshTeams(trx: Db, tenantId: string, teamIds: readonly string[]): Promise<void> {
    const ids = [...new Set(teamIds)].sort();
    if (ids.length === 0) return;
    await this.lock(trx, tenantId);
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      await trx.deleteFrom('report_team_progress').where('tenant_id', '=', tenantId).where('team_id', 'in', chunk).execute();
      const list = sql.join(chunk);
      await this.fill(
        trx,
        sql`and p.tenant_id = ${tenantId} and p.user_id in (select tm.user_id from team_members tm where tm.tenant_id = ${tenantId} and tm.team_id in (${list}))`,
        sql`and m.tenant_id = ${tenantId} and m.team_id in (${list})`,
      );
    }
  }

  /**
   * Registers the catalog's courses; a course whose lessons differ from those registered (or that is new) has its rows
   * rebuilt for every tenant. Returns the ids of the courses rebuilt. Run at start-up.
   */
  async registerCourses(courses: readonly SummaryCourse[]): Promise<readonly string[]> {
    const rebuilt: string[] = [];
    for (const course of courses) {
      const wanted = [...new Set(course.lessonIds)].sort();
      const have = (await this.db.selectFrom('report_course_lessons').select('lesson_id').where('course_id', '=', course.id).execute()).map((row) => row.lesson_id).sort();
      if (wanted.length === have.length && wanted.every((id, i) => id === have[i])) continue;
      await this.db.transaction().execute(async (trx) => {
        await this.lockAll(trx);
        await trx.deleteFrom('report_course_lessons').where('course_id', '=', course.id).execute();
        if (wanted.length > 0) await trx.insertInto('report_course_lessons').values(wanted.map((lesson_id) => ({ course_id: course.id, lesson_id }))).execute();
        await trx.deleteFrom('report_team_progress').where('course_id', '=', course.id).execute();
        await this.fill(trx, sql`and p.course_id = ${course.id}`, sql`and e.course_id = ${course.id}`);
      });
      rebuilt.push(course.id);
    }
    return rebuilt;
  }

  /** Recomputes the whole summary from the raw rows (after rows were written around the repositories, e.g. by a bench). */
  async rebuild(): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await this.lockAll(trx);
      await trx.deleteFrom('report_team_progress').execute();
      await this.fill(trx, sql``, sql``);
      await trx.deleteFrom('report_active_months').execute();
      await trx.deleteFrom('report_person_months').execute();
      await sql`insert into report_person_months (tenant_id, user_id, month) select distinct tenant_id, user_id, substr(completed_at, 1, 7) from lesson_progress`.execute(trx);
      await sql`insert into report_active_months (tenant_id, month, people) select tenant_id, month, count(*) from report_person_months group by tenant_id, month`.execute(trx);
    });
  }

  /** The lessons registered for the course, or an empty list. */
  async registeredLessons(courseId: string): Promise<readonly string[]> {
    return (await this.db.selectFrom('report_course_lessons').select('lesson_id').where('course_id', '=', courseId).execute()).map((row) => row.lesson_id);
  }

  private async lockAll(trx: Db): Promise<void> {
    if (this.engine === 'postgres') await sql`select pg_advisory_xact_lock(hashtextextended(${REBUILD_KEY}, 0))`.execute(trx);
  }

  /**
   * Inserts the grouped rows of the members in scope: per team, course (registered) and month of completion.
   * The same grouping as the report's raw query (SqlOrgReportRepository, `source: 'raw'`).
   */
  private async fill(trx: Db, progressScope: RawBuilder<unknown>, memberScope: RawBuilder<unknown>): Promise<void> {
    const n = sql`coalesce(pu.n, 0)`;
    const month = sql`case when ${n} >= c.total then substr(pu.last_at, 1, 7) else '' end`;
    await sql`
      insert into report_team_progress (tenant_id, team_id, course_id, month, members, completed, started)
      select m.tenant_id, m.team_id, e.course_id, ${month},
        count(*),
        sum(case when ${n} >= c.total then 1 else 0 end),
        sum(case when ${n} > 0 and ${n} < c.total then 1 else 0 end)
      from team_members m
      join enrollments e on e.tenant_id = m.tenant_id and e.team_id = m.team_id
      join (select course_id, count(*) as total from report_course_lessons group by course_id) c on c.course_id = e.course_id
      left join (
        select p.tenant_id, p.user_id, p.course_id, count(*) as n, max(p.completed_at) as last_at
        from lesson_progress p
        join report_course_lessons l on l.course_id = p.course_id and l.lesson_id = p.lesson_id
        where 1 = 1 ${progressScope}
        group by p.tenant_id, p.user_id, p.course_id
      ) pu on pu.tenant_id = m.tenant_id and pu.user_id = m.user_id and pu.course_id = e.course_id
      where 1 = 1 ${memberScope}
      group by m.tenant_id, m.team_id, e.course_id, ${month}`.execute(trx);
  }
}
