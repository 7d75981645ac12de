/** A lesson posted as a channel thread. */
export type LessonThread = {
  readonly courseId: string;
  readonly lessonId: string;
  readonly channelId: string;
  /** The thread's conversation id, `<channel>;messageid=<root>`. */
  readonly threadId: string;
  readonly lessonActivityId: string;
  readonly reflectionActivityId: string | undefined;
  readonly postedAt: Date;
};
