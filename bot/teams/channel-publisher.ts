import type { ChannelCourseService } from '../core/channel-course-service.js';
import type { TeamRef } from '../core/team.js';
import type { BotConnector } from './bot-connector.js';
import { postedLessonCard } from './views/lesson-views.js';
import { postedReflectionCard } from './views/reflection-views.js';

/** A reflection round that was started in a lesson thread. */
export type StartedRound = { readonly lessonTitle: string; readonly activityId: string };

/**
 * Posts lessons and reflection rounds to a team's channel and keeps the lesson card's count current.
 * @remarks Posts show everyone the unread view; each viewer's own state comes from Universal Actions refresh. Called only
 * by the outbox's delivery handler, never from a request: lesson and round posts, and the read count on a posted lesson.
 */
export class ChannelPublisher {
  constructor(
    private readonly deps: {
      readonly connector: BotConnector;
      readonly channelCourse: ChannelCourseService;
    },
  ) {}

  /**
   * Posts one lesson as a new thread in the team's channel and records the thread; returns the message id.
   * @remarks Posting a lesson that already has a thread returns that thread's message instead, so a retried delivery never posts twice.
   */
  async postLesson(ref: TeamRef, courseId: string | undefined, lessonId: string): Promise<string> {
    const { team, enrollment } = await this.deps.channelCourse.activeEnrollment(ref, courseId);
    const existing = await this.deps.channelCourse.thread(ref, enrollment.courseId, lessonId);
    if (existing) return existing.lessonActivityId;
    const card = await postedLessonCard(this.deps.channelCourse, ref, enrollment.courseId, lessonId, enrollment.language);
    const { threadId, activityId } = await this.deps.connector.postToChannel(team, enrollment.channelId, card);
    await this.deps.channelCourse.recordLessonThread(ref, { courseId: enrollment.courseId, lessonId, channelId: enrollment.channelId, threadId, lessonActivityId: activityId });
    return activityId;
  }

  /** The lesson of the course the next reflection round is for: the latest posted lesson without a round, if any. */
  async lessonAwaitingRound(ref: TeamRef, courseId: string | undefined): Promise<string | undefined> {
    const { enrollment } = await this.deps.channelCourse.activeEnrollment(ref, courseId);
    const latest = await this.deps.channelCourse.latestThread(ref, enrollment.courseId);
    return latest && latest.reflectionActivityId === undefined ? latest.lessonId : undefined;
  }

  /** Posts the reflection round in the thread of the course's lesson (the latest posted one when none is named). */
  async startRound(ref: TeamRef, courseId: string | undefined, lessonId?: string): Promise<StartedRound | undefined> {
    const { team, enrollment } = await this.deps.channelCourse.activeEnrollment(ref, courseId);
    const thread = lessonId ? await this.deps.channelCourse.thread(ref, enrollment.courseId, lessonId) : await this.deps.channelCourse.latestThread(ref, enrollment.courseId);
    if (!thread) return undefined;
    if (lessonId && thread.reflectionActivityId) {
      return { lessonTitle: (await this.deps.channelCourse.lessonInfo(ref.tenantId, enrollment.courseId, thread.lessonId, enrollment.language)).lesson.title, activityId: thread.reflectionActivityId };
    }
    const { lesson } = await this.deps.channelCourse.lessonInfo(ref.tenantId, enrollment.courseId, thread.lessonId, enrollment.language);
    const card = await postedReflectionCard(this.deps.channelCourse, ref, enrollment.courseId, lesson, enrollment.language);
    const activityId = await this.deps.connector.replyInThread(team, thread.threadId, card);
    await this.deps.channelCourse.recordReflectionRound(ref, enrollment.courseId, thread.lessonId, activityId);
    return { lessonTitle: lesson.title, activityId };
  }

  /**
   * Updates the posted lesson card so everyone sees the team's read count as it is now.
   * @remarks Sent by the outbox for a `lessonCount` row, which a read queues unless one is already waiting: one write
   * per waiting row however many people read at once, paced with every other send of the organisation.
   */
  async updateLessonCount(ref: TeamRef, courseId: string, lessonId: string): Promise<void> {
    const { team, enrollment } = await this.deps.channelCourse.activeEnrollment(ref, courseId);
    const thread = await this.deps.channelCourse.thread(ref, courseId, lessonId);
    if (!thread) return;
    const card = await postedLessonCard(this.deps.channelCourse, ref, courseId, lessonId, enrollment.language);
    await this.deps.connector.updateInThread(team, thread.threadId, thread.lessonActivityId, card);
  }
}
