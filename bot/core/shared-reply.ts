import type { TeamRef } from './team.js';

/** The public copy of an answer shared in a thread (a lesson's reflection round, or a next-steps round). */
export type SharedReply = {
  readonly replyId: string;
  readonly team: TeamRef;
  /** The course, or `next-steps` for a next-steps round. */
  readonly courseId: string;
  /** The lesson, or the next-steps round id. */
  readonly lessonId: string;
  readonly threadId: string;
  /** `''` until the outbox has posted the reply. */
  readonly activityId: string;
  /** The name shown with a named reply; undefined for an anonymous one. */
  readonly authorName: string | undefined;
  readonly answers: readonly string[];
};

/** A shared reply as the outbox sees it: what the thread should show, and how far the thread is behind. */
export type SharedReplyState = SharedReply & {
  /** What the thread should show; undefined for a reply posted before migration 0020 and not changed since. */
  readonly content: ReplyContent | undefined;
  /** The reply's language (for the "withdrawn by the author" note). */
  readonly language: string;
  /** How many times the author has changed it; the thread shows `sentVersion`. */
  readonly version: number;
  readonly sentVersion: number;
  /** To be taken out of the thread: its answers and name are already blanked. */
  readonly withdrawn: boolean;
};

/** A reply to share, or a new version of it. */
export type ReplyToShare = {
  readonly replyId: string;
  readonly team: TeamRef;
  readonly courseId: string;
  readonly lessonId: string;
  readonly threadId: string;
  readonly content: ReplyContent;
};

/** What a shared reply says; the Teams side renders it. */
export type ReplyContent = {
  /** A reflection on a lesson, an answer in a next-steps round, or a reason in a dilemma round. */
  readonly kind: 'reflection' | 'nextSteps' | 'dilemma';
  /** Shown for a named reply; undefined for an anonymous one. */
  readonly authorName: string | undefined;
  /** The lesson's title (reflections). */
  readonly title: string;
  readonly questions: readonly string[];
  readonly answers: readonly string[];
  readonly language: string;
  /** Dilemma rounds: the option the author chose. */
  readonly choice?: string;
};
