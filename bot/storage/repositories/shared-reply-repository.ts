import type { Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import type { SharedReplyRepository } from '../../core/ports.js';
import type { ReflectionAnswers } from '../../core/reflection.js';
import type { ReplyContent, ReplyToShare, SharedReply, SharedReplyState } from '../../core/shared-reply.js';
import type { TeamRef } from '../../core/team.js';
import type { DeliveryPayload } from '../../core/delivery.js';
import { truncateWal } from '../database.js';
import type { Database, SharedRepliesTable } from '../schema.js';
import type { SqlScheduleRepository } from './schedule-repository.js';

/** What frames a reply in its thread: everything in its content but the author and the answers. */
type ReplyFrame = Omit<ReplyContent, 'authorName' | 'answers'>;

/**
 * Public copies of shared replies in the `shared_replies` table; no author id is stored.
 * @remarks Each change is written with its outbox row (a `threadReply` delivery) in one transaction; the outbox worker
 * brings the thread in step. The row's version says which change the outbox row was queued for, so each is its own
 * delivery and none is skipped as a duplicate of an earlier one.
 */
export class SqlSharedReplyRepository implements SharedReplyRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly engine: 'sqlite' | 'postgres',
    private readonly schedules: Pick<SqlScheduleRepository, 'insertFiring'>,
  ) {}

  async share(reply: ReplyToShare, at: Date): Promise<void> {
    const { authorName, answers, ...frame } = reply.content;
    const values = {
      author_name: authorName ?? null,
      answers: JSON.stringify(answers),
      frame: JSON.stringify(frame satisfies ReplyFrame),
      withdrawn: 0,
    };
    await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('shared_replies')
        .values({
          reply_id: reply.replyId,
          tenant_id: reply.team.tenantId,
          team_id: reply.team.teamId,
          course_id: reply.courseId,
          lesson_id: reply.lessonId,
          thread_id: reply.threadId,
          activity_id: '',
          posted_on: at.toISOString().slice(0, 10),
          version: 1,
          sent_version: 0,
          ...values,
        })
        .onConflict((oc) => oc.column('reply_id').doUpdateSet({ ...values, version: sql<number>`shared_replies.version + 1` }))
        .returning(['tenant_id', 'team_id', 'course_id', 'version'])
        .executeTakeFirstOrThrow();
      await this.queue(trx, row, reply.replyId, at);
    });
  }

  async withdraw(replyId: string, language: string, at: Date): Promise<boolean> {
    const withdrawn = await this.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('shared_replies').select('frame').where('reply_id', '=', replyId).executeTakeFirst();
      if (!before) return false;
      // Only the language stays (for the "withdrawn by the author" note): not the title, nor a dilemma's chosen option.
      const frame: ReplyFrame = { kind: before.frame ? (JSON.parse(before.frame) as ReplyFrame).kind : 'reflection', title: '', questions: [], language };
      const row = await trx
        .updateTable('shared_replies')
        .set({ withdrawn: 1, answers: '[]', author_name: null, frame: JSON.stringify(frame), version: sql<number>`version + 1` })
        .where('reply_id', '=', replyId)
        .returning(['tenant_id', 'team_id', 'course_id', 'version'])
        .executeTakeFirstOrThrow();
      await this.queue(trx, row, replyId, at);
      return true;
    });
    // The text and name are gone from the database at once, on SQLite also from the earlier page versions in the -wal file.
    if (withdrawn) await truncateWal(this.db, this.engine);
    return withdrawn;
  }

  async requeueWithdrawn(team: TeamRef, at: Date): Promise<number> {
    const rows = await this.db
      .selectFrom('shared_replies')
      .select(['reply_id', 'tenant_id', 'team_id', 'course_id', 'version'])
      .where('tenant_id', '=', team.tenantId)
      .where('team_id', '=', team.teamId)
      .where('withdrawn', '=', 1)
      .execute();
    for (const row of rows) {
      // A delivery of its own, beside the one that found the team archived.
      await this.db.transaction().execute((trx) => this.schedules.insertFiring(trx, { tenantId: row.tenant_id, teamId: row.team_id, courseId: row.course_id }, 'threadReply', { occurrenceKey: `reply:${row.reply_id}:${Number(row.version)}:${at.toISOString()}`, dueAt: at, status: 'queued', targets: [{ targetKey: 'thread', payload: { kind: 'threadReply', replyId: row.reply_id } }] }, at));
    }
    return rows.length;
  }

  /** One delivery per change of the reply, with one outbox row that carries only the reply id. */
  private async queue(trx: Kysely<Database>, row: { tenant_id: string; team_id: string; course_id: string; version: number }, replyId: string, at: Date): Promise<void> {
    const payload: DeliveryPayload = { kind: 'threadReply', replyId };
    await this.schedules.insertFiring(
      trx,
      { tenantId: row.tenant_id, teamId: row.team_id, courseId: row.course_id },
      'threadReply',
      { occurrenceKey: `reply:${replyId}:${Number(row.version)}`, dueAt: at, status: 'queued', targets: [{ targetKey: 'thread', payload }] },
      at,
    );
  }

  async find(replyId: string): Promise<SharedReply | undefined> {
    const row = await this.db.selectFrom('shared_replies').selectAll().where('reply_id', '=', replyId).where('withdrawn', '=', 0).executeTakeFirst();
    return row ? toReply(row) : undefined;
  }

  async state(replyId: string): Promise<SharedReplyState | undefined> {
    const row = await this.db.selectFrom('shared_replies').selectAll().where('reply_id', '=', replyId).executeTakeFirst();
    if (!row) return undefined;
    const reply = toReply(row);
    const frame = row.frame ? (JSON.parse(row.frame) as ReplyFrame) : undefined;
    return {
      ...reply,
      content: frame && !row.withdrawn ? { ...frame, authorName: reply.authorName, answers: reply.answers } : undefined,
      language: frame?.language ?? 'nb',
      version: Number(row.version),
      sentVersion: Number(row.sent_version),
      withdrawn: Number(row.withdrawn) === 1,
    };
  }

  async sent(replyId: string, version: number, activityId?: string): Promise<void> {
    let update = this.db
      .updateTable('shared_replies')
      .set({ sent_version: sql<number>`case when sent_version > ${version} then sent_version else ${version} end` })
      .where('reply_id', '=', replyId);
    if (activityId !== undefined) update = update.set({ activity_id: activityId });
    await update.execute();
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
      .where('withdrawn', '=', 0)
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
      .where('withdrawn', '=', 0)
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
