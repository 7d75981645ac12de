import type { Kysely, Selectable } from 'kysely';
import type { LessonThreadRepository } from '../../core/ports.js';
import type { LessonThread } from '../../core/lesson-thread.js';
import type { CourseRef, TeamRef } from '../../core/team.js';
import type { Database, LessonThreadsTable } from '../schema.js';

/** Keys per read of several teams' threads (each key three parameters). */
const KEYS_CHUNK = 200;

/** Lesson threads in the `lesson_threads` table, one per team per lesson. */
export class SqlLessonThreadRepository implements LessonThreadRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async record(ref: TeamRef, thread: Omit<LessonThread, 'reflectionActivityId'>): Promise<void> {
    const values = {
      channel_id: thread.channelId,
      thread_id: thread.threadId,
      lesson_activity_id: thread.lessonActivityId,
      reflection_activity_id: null,
      posted_at: thread.postedAt.toISOString(),
    };
    await this.db
      .insertInto('lesson_threads')
      .values({ tenant_id: ref.tenantId, team_id: ref.teamId, course_id: thread.courseId, lesson_id: thread.lessonId, ...values })
      .onConflict((oc) => oc.columns(['tenant_id', 'team_id', 'course_id', 'lesson_id']).doUpdateSet(values))
      .execute();
  }

  async setReflectionActivity(ref: TeamRef, courseId: string, lessonId: string, activityId: string): Promise<void> {
    await this.db
      .updateTable('lesson_threads')
      .set({ reflection_activity_id: activityId })
      .where('tenant_id', '=', ref.tenantId)
      .where('team_id', '=', ref.teamId)
      .where('course_id', '=', courseId)
      .where('lesson_id', '=', lessonId)
      .execute();
  }

  async find(ref: TeamRef, courseId: string, lessonId: string): Promise<LessonThread | undefined> {
    const row = await this.db
      .selectFrom('lesson_threads')
      .selectAll()
      .where('tenant_id', '=', ref.tenantId)
      .where('team_id', '=', ref.teamId)
      .where('course_id', '=', courseId)
      .where('lesson_id', '=', lessonId)
      .executeTakeFirst();
    return row ? toThread(row) : undefined;
  }

  async listMany(refs: readonly CourseRef[]): Promise<readonly (readonly LessonThread[])[]> {
    const found = new Map<string, LessonThread[]>();
    for (let i = 0; i < refs.length; i += KEYS_CHUNK) {
      const chunk = refs.slice(i, i + KEYS_CHUNK);
      const rows = await this.db
        .selectFrom('lesson_threads')
        .selectAll()
        .where((eb) => eb.or(chunk.map((ref) => eb.and([eb('tenant_id', '=', ref.tenantId), eb('team_id', '=', ref.teamId), eb('course_id', '=', ref.courseId)]))))
        .orderBy('posted_at')
        .execute();
      for (const row of rows) {
        const key = courseKey(row.tenant_id, row.team_id, row.course_id);
        const threads = found.get(key) ?? [];
        threads.push(toThread(row));
        found.set(key, threads);
      }
    }
    return refs.map((ref) => found.get(courseKey(ref.tenantId, ref.teamId, ref.courseId)) ?? []);
  }

  async list(ref: TeamRef, courseId: string): Promise<readonly LessonThread[]> {
    const rows = await this.db
      .selectFrom('lesson_threads')
      .selectAll()
      .where('tenant_id', '=', ref.tenantId)
      .where('team_id', '=', ref.teamId)
      .where('course_id', '=', courseId)
      .orderBy('posted_at')
      .execute();
    return rows.map(toThread);
  }
}

function toThread(row: Selectable<LessonThreadsTable>): LessonThread {
  return {
    courseId: row.course_id,
    lessonId: row.lesson_id,
    channelId: row.channel_id,
    threadId: row.thread_id,
    lessonActivityId: row.lesson_activity_id,
    reflectionActivityId: row.reflection_activity_id ?? undefined,
    postedAt: new Date(row.posted_at),
  };
}

function courseKey(tenantId: string, teamId: string, courseId: string): string {
  return `${tenantId}\u0000${teamId}\u0000${courseId}`;
}
