import type { Clock, IdGenerator, ReflectionVisibility, ReplyContent, SharedReplyRepository, ThreadReplies } from './ports.js';
import type { Team } from './team.js';

/** Where an answer was shared before, if it was. */
export type PreviousShare = { readonly replyId: string; readonly visibility: ReflectionVisibility };

/**
 * Keeps a thread in step with what an author chose for their answer: private, named or anonymous.
 * @remarks Same choice: the reply is edited in place. Another choice: the old reply is withdrawn and, unless the
 * answer is now private, a new one is posted, so an anonymous reply never inherits a named one's message.
 */
export class AnswerSharing {
  constructor(
    private readonly deps: {
      readonly replies: ThreadReplies;
      readonly sharedReplies: SharedReplyRepository;
      readonly ids: IdGenerator;
      readonly clock: Clock;
    },
  ) {}

  /** Applies the author's choice; returns the id of the shared reply now in the thread, if any. */
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
    if (previous && !sameKind) await this.withdrawReply(team, previous.replyId, content.language);
    if (visibility === 'private') return undefined;
    if (sameKind && previous) {
      await this.deps.replies.update(team, previous.threadId, previous.activityId, content);
      await this.deps.sharedReplies.save({ ...previous, authorName: content.authorName, answers: content.answers }, this.deps.clock.now());
      return previous.replyId;
    }
    if (!input.threadId) return undefined;
    const activityId = await this.deps.replies.post(team, input.threadId, content);
    const replyId = this.deps.ids.next();
    await this.deps.sharedReplies.save(
      { replyId, team, ...input.subject, threadId: input.threadId, activityId, authorName: content.authorName, answers: content.answers },
      this.deps.clock.now(),
    );
    return replyId;
  }

  /** Replaces a shared reply in its thread with a "withdrawn by the author" note (when the team still has the app) and forgets it. */
  async withdraw(replyId: string, team: Team | undefined, language: string): Promise<void> {
    const reply = await this.deps.sharedReplies.find(replyId);
    if (!reply) return;
    if (team?.status === 'active') await this.deps.replies.retract(team, reply.threadId, reply.activityId, language);
    await this.deps.sharedReplies.remove(replyId);
  }

  private async withdrawReply(team: Team, replyId: string, language: string): Promise<void> {
    await this.withdraw(replyId, team, language);
  }
}
