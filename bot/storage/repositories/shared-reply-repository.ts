import type { Kysely, Selectable } from 'kysely';
import type { ReflectionAnswers, SharedReply, SharedReplyRepository } from '../../core/ports.js';
import type { TeamRef } from '../../core/team.js';
import { truncateWal } from '../database.js';
import type { Database, SharedRepliesTable } from '../schema.js';

/** Public copies of shared replies in the `shared_replies` table; no author id is stored. */
export class SqlSharedReplyRepository implements SharedReplyRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly engine: 'sqlite' | 'postgres',
  ) {}

  async save(reply: SharedReply, at: Date): Promise<void> {
    const values = {
      thread_id: reply.threadId,
      activity_id: reply.activityId,
      author_name: reply.authorName ?? null,
      answers: JSON.stringify(reply.answers),
      posted_on: at.toISOString().slice(0, 10),
    };
    await this.db
      .insertInto('shared_replies')
      .values({
        reply_id: reply.replyId,
        tenant_id: reply.team.tenantId,
        team_id: reply.team.teamId,
        course_id: reply.courseId,
        lesson_id: reply.lessonId,
        ...values,
      })
      .onConflict((oc) => oc.column('reply_id').doUpdateSet(values))
      .execute();
  }

  async find(replyId: string): Promise<SharedReply | undefined> {
    const row = await this.db.selectFrom('shared_replies').selectAll().where('reply_id', '=', replyId).executeTakeFirst();
    return row ? toReply(row) : undefined;
  }

  /** Deletes the public copy; on SQLite also the earlier versions of its page in the -wal file. */
  async remove(replyId: string): Promise<void> {
    await this.db.deleteFrom('shared_replies').where('reply_id', '=', replyId).execute();
    await truncateWal(this.db, this.engine);
  }

  async listForLesson(ref: TeamRef, courseId: string, lessonId: string): Promise<readonly SharedReply[]> {
    const rows = await this.db
      .selectFrom('shared_replies')
      .selectAll()
      .where('tenant_id', '=', ref.tenantId)
      .where('team_id', '=', ref.teamId)
      .where('course_id', '=', courseId)
      .where('lesson_id', '=', lessonId)
      .orderBy('reply_id')
      .execute();
    return rows.map(toReply);
  }

  async listForCourse(ref: TeamRef, courseId: string): Promise<readonly SharedReply[]> {
    const rows = await this.db
      .selectFrom('shared_replies')
      .selectAll()
      .where('tenant_id', '=', ref.tenantId)
      .where('team_id', '=', ref.teamId)
      .where('course_id', '=', courseId)
      .orderBy('lesson_id')
      .orderBy('reply_id')
      .execute();
    return rows.map(toReply);
  }
}

function toReply(row: Selectable<SharedRepliesTable>): SharedReply {
  return {
    replyId: row.reply_id,
    team: { tenantId: row.tenant_id, teamId: row.team_id },
    courseId: row.course_id,
    lessonId: row.lesson_id,
    threadId: row.thread_id,
    activityId: row.activity_id,
    authorName: row.author_name ?? undefined,
    answers: JSON.parse(row.answers) as ReflectionAnswers,
  };
}
