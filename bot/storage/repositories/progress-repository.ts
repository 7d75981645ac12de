import type { Kysely } from 'kysely';
import type { PersonRef } from '../../core/person.js';
import type { ProgressRepository } from '../../core/ports.js';
import type { TeamRef } from '../../core/team.js';
import type { Database } from '../schema.js';
import type { ReportSummary } from './report-summary.js';

/** Ids per `in (…)` list, well inside either engine's parameter limit. */
const IN_CHUNK = 500;

/** Lesson completions in the `lesson_progress` table. */
export class SqlProgressRepository implements ProgressRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly summary: ReportSummary,
  ) {}

  /**
   * Records a lesson as read, to the day only.
   * @remarks An exact time would tell, next to the thread's reply times, who answered right after reading. The
   * organisation report's summary follows in the same transaction.
   */
  async markRead(person: PersonRef, courseId: string, lessonId: string, at: Date): Promise<boolean> {
    const completedAt = `${at.toISOString().slice(0, 10)}T00:00:00.000Z`;
    return this.db.transaction().execute(async (trx) => {
      const result = await trx
        .insertInto('lesson_progress')
        .values({ tenant_id: person.tenantId, user_id: person.userId, course_id: courseId, lesson_id: lessonId, completed_at: completedAt })
        .onConflict((oc) => oc.columns(['tenant_id', 'user_id', 'course_id', 'lesson_id']).doNothing())
        .executeTakeFirst();
      const inserted = Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
      if (inserted) await this.summary.afterRead(trx, person.tenantId, person.userId, courseId, lessonId, completedAt);
      return inserted;
    });
  }

  async readLessonIds(person: PersonRef, courseId: string): Promise<ReadonlySet<string>> {
    const rows = await this.db
      .selectFrom('lesson_progress')
      .select('lesson_id')
      .where('tenant_id', '=', person.tenantId)
      .where('user_id', '=', person.userId)
      .where('course_id', '=', courseId)
      .execute();
    return new Set(rows.map((row) => row.lesson_id));
  }

  async readLessonIdsOf(tenantId: string, userIds: readonly string[], courseId: string): Promise<ReadonlyMap<string, ReadonlySet<string>>> {
    const read = new Map<string, Set<string>>();
    for (let i = 0; i < userIds.length; i += IN_CHUNK) {
      const rows = await this.db
        .selectFrom('lesson_progress')
        .select(['user_id', 'lesson_id'])
        .where('tenant_id', '=', tenantId)
        .where('course_id', '=', courseId)
        .where('user_id', 'in', userIds.slice(i, i + IN_CHUNK))
        .execute();
      for (const row of rows) {
        const lessons = read.get(row.user_id) ?? new Set<string>();
        lessons.add(row.lesson_id);
        read.set(row.user_id, lessons);
      }
    }
    return read;
  }

  async readCountInTeam(team: TeamRef, courseId: string, lessonId: string): Promise<number> {
    const row = await this.db
      .selectFrom('lesson_progress as p')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('p.tenant_id', '=', team.tenantId)
      .where('p.course_id', '=', courseId)
      .where('p.lesson_id', '=', lessonId)
      .where('p.user_id', 'in', (eb) => eb.selectFrom('team_members as m').select('m.user_id').where('m.tenant_id', '=', team.tenantId).where('m.team_id', '=', team.teamId))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
