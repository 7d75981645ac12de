/** The answers to the three reflection questions. */
export type ReflectionAnswers = readonly [string, string, string];

/** Who may read a reflection besides its author. */
export type ReflectionVisibility = 'private' | 'named' | 'anonymous';

/** A stored reflection of one person on one lesson. */
export type Reflection = {
  readonly courseId: string;
  readonly lessonId: string;
  readonly answers: ReflectionAnswers;
  readonly visibility: ReflectionVisibility;
  /** The team whose round it was answered in; undefined in personal chat. */
  readonly teamId?: string;
  /** The shared reply in the channel thread, when the author shared it. */
  readonly sharedReplyId?: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
};
