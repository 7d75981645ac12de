import type { Clock, IdGenerator, SharedReplyRepository, ThreadReplies } from './ports.js';
import type { ReflectionVisibility } from './reflection.js';
import type { ReplyContent } from './shared-reply.js';
import type { DeliveryContext } from './delivery.js';
import { SendFailure, replyPostKey } from './delivery.js';
import type { Team, TeamRef } from './team.js';

/** Where an answer was shared before, if it was. */
export type PreviousShare = { readonly replyId: string; readonly visibility: ReflectionVisibility };

/**
 * Keeps a thread in step with what an author chose for their answer: private, named or anonymous.
 * @remarks A click only writes the choice and queues it (one outbox row per change, in the same transaction); the
 * outbox worker brings the thread in step ({@link sync}), paced like every other send. Same choice: the reply is
 * edited in place. Another choice: the old reply is withdrawn and, unless the answer is now private, a new one is
 * posted, so an anonymous reply never inherits a named one's message.
 */
export class AnswerSharing {
  constructor(
    private readonly deps: {
      readonly replies: ThreadReplies;
      readonly sharedReplies: SharedReplyRepository;
      readonly ids: IdGenerator;
      readonly clock: Clock;
      /** The team as it is now (the outbox sends only to an active team). */
      readonly team: (ref: TeamRef) => Promise<Team | undefined>;
      /** Told after something was queued, so the worker sends it at once. */
      readonly queued: () => void;
    },
  ) {}

  /** Applies the author's choice; returns the id of the shared reply the thread will show, if any. */
  async apply(input: {
    readonly team: Team;
    readonly subject: { readonly courseId: string; readonly lessonId: string };
    readonly threadId: string | undefined;
    readonly previous: PreviousShare | undefined;
    readonly visibility: ReflectionVisibility;
    readonly content: ReplyContent;
  }): Promise<string | undefined> {
    const { team, content, visibility } = input;
    const previous = input.previous ? await this.deps.sharedReplies.find(input.previous.replyId) : undefined;
    const sameKind = previous !== undefined && input.previous?.visibility === visibility && visibility !== 'private';
    try {
      if (previous && !sameKind) await this.withdrawQuietly(previous.replyId, team, content.language);
      if (visibility === 'private') return undefined;
      if (sameKind && previous) {
        await this.deps.sharedReplies.share({ replyId: previous.replyId, team, courseId: previous.courseId, lessonId: previous.lessonId, threadId: previous.threadId, content }, this.deps.clock.now());
        return previous.replyId;
      }
      if (!input.threadId) return undefined;
      const replyId = this.deps.ids.next();
      await this.deps.sharedReplies.share({ replyId, team, ...input.subject, threadId: input.threadId, content }, this.deps.clock.now());
      return replyId;
    } finally {
      this.deps.queued();
    }
  }

  /**
   * Takes a shared reply out of its thread: its text and name are blanked at once, and the outbox replaces the message
   * with a "withdrawn by the author" note (when the team still has the app) and then forgets the reply.
   */
  async withdraw(replyId: string, team: Team | undefined, language: string): Promise<void> {
    await this.withdrawQuietly(replyId, team, language);
    this.deps.queued();
  }

  private async withdrawQuietly(replyId: string, team: Team | undefined, language: string): Promise<void> {
    // Without an active team nothing can be sent to the thread: the copy is simply deleted.
    if (team?.status !== 'active') return this.deps.sharedReplies.remove(replyId);
    await this.deps.sharedReplies.withdraw(replyId, language, this.deps.clock.now());
  }

  /**
   * Brings the thread in step with the reply (run by the outbox worker for a `threadReply` row): posts it once, edits it
   * to the latest version, or withdraws it.
   * @remarks Every write for one reply is made by the row holding the reply's claim, so two rows (two lanes, or two
   * instances) never write to one reply at once and an old edit cannot land after the withdrawal. A row that finds the
   * claim held by a live row is tried again later (a transient `replyBusy`); the holder loops until the thread shows
   * the latest change, so nothing the author did is left behind. A withdrawn reply of an archived team is kept (without
   * its text) until the team is active again ({@link resumeWithdrawn}).
   */
  async sync(replyId: string, context: Pick<DeliveryContext, 'claimPost'>): Promise<string | undefined> {
    if (!(await this.deps.sharedReplies.state(replyId))) return undefined;
    if ((await context.claimPost(replyPostKey(replyId), { takeOverGaveUp: true })) !== 'claimed') throw new SendFailure('replyBusy', false, { retryAfterMs: 1_000 });
    let activityId: string | undefined;
    for (;;) {
      const reply = await this.deps.sharedReplies.state(replyId);
      if (!reply) return activityId;
      const team = await this.deps.team(reply.team);
      if (!team || team.status !== 'active') {
        // Removed or deleted: the app can no longer change the message, so the copy goes. Archived: kept until it is back.
        if (reply.withdrawn && team?.status !== 'archived') await this.deps.sharedReplies.remove(replyId);
        return activityId;
      }
      if (reply.withdrawn) {
        if (reply.activityId) await this.deps.replies.retract(team, reply.threadId, reply.activityId, reply.language);
        await this.deps.sharedReplies.remove(replyId);
        return activityId;
      }
      if (reply.sentVersion >= reply.version) return activityId;
      if (!reply.content) {
        await this.deps.sharedReplies.sent(replyId, reply.version);
        continue;
      }
      if (!reply.activityId) {
        activityId = await this.deps.replies.post(team, reply.threadId, reply.content);
        await this.deps.sharedReplies.sent(replyId, reply.version, activityId);
      } else {
        await this.deps.replies.update(team, reply.threadId, reply.activityId, reply.content);
        await this.deps.sharedReplies.sent(replyId, reply.version);
      }
    }
  }

  /** Queues the withdrawn replies of a team that is active again (they were kept while it was archived). */
  async resumeWithdrawn(ref: TeamRef): Promise<void> {
    if ((await this.deps.sharedReplies.requeueWithdrawn(ref, this.deps.clock.now())) > 0) this.deps.queued();
  }
}
