import { sql, type Kysely } from 'kysely';
import type { InsightsRepository } from '../../core/ports.js';
import type { DailyCount, MemberCounts } from '../../core/insights.js';
import type { TeamRef } from '../../core/team.js';
import type { Database } from '../schema.js';

/** Aggregate queries for dashboards; every one is scoped to one tenant and one team's current roster. */
export class SqlInsightsRepository implements InsightsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async readCounts(team: TeamRef, courseId: string): Promise<ReadonlyMap<string, number>> {
    const rows = await this.progressOfMembers(team, courseId)
      .select((eb) => ['p.lesson_id', eb.fn.countAll<string | number>().as('n')])
      .groupBy('p.lesson_id')
      .execute();
    return new Map(rows.map((row) => [row.lesson_id, Number(row.n)]));
  }

  async reflectionCounts(team: TeamRef, courseId: string): Promise<ReadonlyMap<string, number>> {
    const rows = await this.db
      .selectFrom('reflections')
      .select((eb) => ['lesson_id', eb.fn.countAll<string | number>().as('n')])
      .where('tenant_id', '=', team.tenantId)
      .where('team_id', '=', team.teamId)
      .where('course_id', '=', courseId)
      .groupBy('lesson_id')
      .execute();
    return new Map(rows.map((row) => [row.lesson_id, Number(row.n)]));
  }

  async readsPerDay(team: TeamRef, courseId: string): Promise<readonly DailyCount[]> {
    const day = sql<string>`substr(p.completed_at, 1, 10)`;
    const rows = await this.progressOfMembers(team, courseId)
      .select((eb) => [day.as('day'), eb.fn.countAll<string | number>().as('n')])
      .groupBy(day)
      .orderBy(day)
      .execute();
    return rows.map((row) => ({ day: row.day, count: Number(row.n) }));
  }

  async reflectionsPerDay(team: TeamRef, courseId: string): Promise<readonly DailyCount[]> {
    const rows = await this.db
      .selectFrom('reflections')
      .select((eb) => ['created_on', eb.fn.countAll<string | number>().as('n')])
      .where('tenant_id', '=', team.tenantId)
      .where('team_id', '=', team.teamId)
      .where('course_id', '=', courseId)
      .groupBy('created_on')
      .orderBy('created_on')
      .execute();
    return rows.map((row) => ({ day: row.created_on, count: Number(row.n) }));
  }

  async memberCounts(team: TeamRef, courseId: string): Promise<readonly MemberCounts[]> {
    const rows = await this.db
      .selectFrom('team_members as m')
      .select((eb) => [
        'm.user_id',
        'm.name',
        eb
          .selectFrom('lesson_progress as p')
          .select((inner) => inner.fn.countAll<string | number>().as('c'))
          .whereRef('p.tenant_id', '=', 'm.tenant_id')
          .whereRef('p.user_id', '=', 'm.user_id')
          .where('p.course_id', '=', courseId)
          .as('lessons_read'),
        eb
          .selectFrom('reflections as r')
          .select((inner) => inner.fn.countAll<string | number>().as('c'))
          .whereRef('r.tenant_id', '=', 'm.tenant_id')
          .whereRef('r.user_id', '=', 'm.user_id')
          .whereRef('r.team_id', '=', 'm.team_id')
          .where('r.course_id', '=', courseId)
          .as('reflections'),
      ])
      .where('m.tenant_id', '=', team.tenantId)
      .where('m.team_id', '=', team.teamId)
      .orderBy('m.name')
      .execute();
    return rows.map((row) => ({ userId: row.user_id, name: row.name, lessonsRead: Number(row.lessons_read ?? 0), reflections: Number(row.reflections ?? 0) }));
  }

  /**
   * The progress rows of the team's current members.
   * @remarks The roster is an `in` list, not a join: joined, SQLite without statistics scans every progress row of
   * the tenant and looks each one up in the roster (hundreds of ms at 300,000 rows); as a list, both engines look up
   * each member's rows by primary key.
   */
  private progressOfMembers(team: TeamRef, courseId: string) {
    return this.db
      .selectFrom('lesson_progress as p')
      .where('p.tenant_id', '=', team.tenantId)
      .where('p.course_id', '=', courseId)
      .where('p.user_id', 'in', (eb) => eb.selectFrom('team_members as m').select('m.user_id').where('m.tenant_id', '=', team.tenantId).where('m.team_id', '=', team.teamId));
  }
}
