import type { Enrollment, Weekday } from '../../core/enrollment.js';
import type { EnrollmentRepository } from '../../core/ports.js';
import type { CourseRef, TeamRef } from '../../core/team.js';
import type { Kysely, Selectable } from 'kysely';
import type { EnrollmentsTable } from '../schema.js';
import type { Database } from '../schema.js';
import type { ReportSummary } from './report-summary.js';

/** Keys per read of several setups (each key three parameters). */
const KEYS_CHUNK = 200;

/** Team course setups in the `enrollments` table, one per team and course. */
export class SqlEnrollmentRepository implements EnrollmentRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly summary: ReportSummary,
  ) {}

  async save(enrollment: Enrollment): Promise<void> {
    const values = {
      channel_id: enrollment.channelId,
      language: enrollment.language,
      start_date: enrollment.startDate,
      mandatory: enrollment.mandatory ? 1 : 0,
      due_date: enrollment.dueDate ?? null,
      lesson_weekday: enrollment.lessonWeekday,
      lesson_time: enrollment.lessonTime,
      interval_weeks: enrollment.intervalWeeks,
      reflection_days_after: enrollment.reflectionDaysAfter,
      reflection_time: enrollment.reflectionTime,
      time_zone: enrollment.timeZone,
      updated_at: enrollment.updatedAt.toISOString(),
    };
    // The course may have changed: the team's rows in the report summary follow in the same transaction.
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('enrollments')
        .values({ tenant_id: enrollment.tenantId, team_id: enrollment.teamId, course_id: enrollment.courseId, created_by: enrollment.createdBy, ...values })
        .onConflict((oc) => oc.columns(['tenant_id', 'team_id', 'course_id']).doUpdateSet(values))
        .execute();
      await this.summary.refreshTeams(trx, enrollment.tenantId, [enrollment.teamId]);
    });
  }

  async teamIdsInTenant(tenantId: string, page: { readonly after?: string; readonly limit: number }): Promise<readonly string[]> {
    let query = this.db.selectFrom('enrollments').select('team_id').distinct().where('tenant_id', '=', tenantId);
    if (page.after !== undefined) query = query.where('team_id', '>', page.after);
    return (await query.orderBy('team_id').limit(page.limit).execute()).map((row) => row.team_id);
  }

  async find(ref: CourseRef): Promise<Enrollment | undefined> {
    const row = await this.db
      .selectFrom('enrollments')
      .selectAll()
      .where('tenant_id', '=', ref.tenantId)
      .where('team_id', '=', ref.teamId)
      .where('course_id', '=', ref.courseId)
      .executeTakeFirst();
    return row ? toEnrollment(row) : undefined;
  }

  async findMany(refs: readonly CourseRef[]): Promise<readonly (Enrollment | undefined)[]> {
    const found = new Map<string, Enrollment>();
    for (let i = 0; i < refs.length; i += KEYS_CHUNK) {
      const chunk = refs.slice(i, i + KEYS_CHUNK);
      const rows = await this.db
        .selectFrom('enrollments')
        .selectAll()
        .where((eb) => eb.or(chunk.map((ref) => eb.and([eb('tenant_id', '=', ref.tenantId), eb('team_id', '=', ref.teamId), eb('course_id', '=', ref.courseId)]))))
        .execute();
      for (const row of rows) found.set(courseKey(row.tenant_id, row.team_id, row.course_id), toEnrollment(row));
    }
    return refs.map((ref) => found.get(courseKey(ref.tenantId, ref.teamId, ref.courseId)));
  }

  async list(ref: TeamRef): Promise<readonly Enrollment[]> {
    const rows = await this.db
      .selectFrom('enrollments')
      .selectAll()
      .where('tenant_id', '=', ref.tenantId)
      .where('team_id', '=', ref.teamId)
      .orderBy('start_date')
      .orderBy('course_id')
      .execute();
    return rows.map(toEnrollment);
  }
}

function toEnrollment(row: Selectable<EnrollmentsTable>): Enrollment {
  return {
    tenantId: row.tenant_id,
    teamId: row.team_id,
    courseId: row.course_id,
    channelId: row.channel_id,
    language: row.language,
    startDate: row.start_date,
    mandatory: Number(row.mandatory) === 1,
    dueDate: row.due_date ?? undefined,
    lessonWeekday: Number(row.lesson_weekday) as Weekday,
    lessonTime: row.lesson_time,
    intervalWeeks: Number(row.interval_weeks),
    reflectionDaysAfter: Number(row.reflection_days_after),
    reflectionTime: row.reflection_time,
    timeZone: row.time_zone,
    createdBy: row.created_by,
    updatedAt: new Date(row.updated_at),
  };
}

function courseKey(tenantId: string, teamId: string, courseId: string): string {
  return `${tenantId}\u0000${teamId}\u0000${courseId}`;
}
