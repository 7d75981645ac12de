import type { ChannelCourseService, LessonToPost } from './channel-course-service.js';
import type { SchedulerService } from './scheduler-service.js';
import type { TeamService } from './team-service.js';
import type { Enrollment } from './enrollment.js';
import type { CourseRef, TeamChannel, TeamRef } from './team.js';
import { lessonPostKey } from './delivery.js';
import type { OutboxRepository } from './ports.js';

/** The channel a team's course goes to, as last reported by Teams; undefined when it is no longer in the list. */
export type CourseChannel = TeamChannel | undefined;

/**
 * A lesson queued to be posted now, and the channel it goes to; `earlierTryGaveUp` when an earlier try to post it gave
 * up after transient failures (it may have reached the channel all the same, so the coordinator is told to look).
 */
export type LessonNow = LessonToPost & { readonly channel: CourseChannel; readonly earlierTryGaveUp: boolean };

/** What a "start the reflection round now" led to. */
export type RoundNow =
  | { readonly status: 'queued' | 'alreadyStarted'; readonly courseId: string; readonly lessonTitle: string; readonly channel: CourseChannel }
  | { readonly status: 'noLesson' };

/**
 * "Send now" for leaders, from a command, a card or the tab: picks what to send and queues it in the outbox.
 * @remarks Never sends: the outbox worker does, paced like every scheduled send, with the delivery visible to the
 * leader. The lesson is chosen here and claimed per team when it is sent, so a "send now" that meets a due schedule
 * (or a second click) posts it once.
 */
export class SendNowService {
  constructor(
    private readonly deps: {
      readonly teams: TeamService;
      readonly channelCourse: ChannelCourseService;
      readonly scheduler: SchedulerService;
      /** Whether an earlier try of a post gave up (without it: never said). */
      readonly postClaims?: Pick<OutboxRepository, 'postGaveUp'>;
      /** The team's latest next-steps round, so a double click queues rows that claim the same post (without it: none). */
      readonly latestRound?: (ref: CourseRef) => Promise<{ readonly id: string } | undefined>;
    },
  ) {}

  /**
   * Queues the next lesson not yet posted of the course (the team's only course when `courseId` is left out); undefined
   * when every lesson is posted.
   */
  async lesson(ref: TeamRef, leaderId: string, courseId?: string): Promise<LessonNow | undefined> {
    await this.deps.teams.requireLeader(ref, leaderId);
    const next = await this.deps.channelCourse.nextLessonToPost(ref, courseId);
    if (!next) return undefined;
    const course = { ...ref, courseId: next.enrollment.courseId };
    const earlierTryGaveUp = (await this.deps.postClaims?.postGaveUp(ref, lessonPostKey(next.enrollment.courseId, next.lesson.id))) ?? false;
    // `again`: a coordinator's "send now" may take over the claim of an earlier try that gave up (a scheduled firing may not).
    await this.deps.scheduler.sendNow(course, 'lesson', { kind: 'channelLesson', courseId: course.courseId, lessonId: next.lesson.id, again: true });
    return { ...next, channel: await this.courseChannel(ref, next.enrollment), earlierTryGaveUp };
  }

  /** Queues the reflection round for the latest posted lesson of the course, unless it has one. */
  async round(ref: TeamRef, leaderId: string, courseId?: string): Promise<RoundNow> {
    await this.deps.teams.requireLeader(ref, leaderId);
    const { enrollment } = await this.deps.channelCourse.activeEnrollment(ref, courseId);
    const latest = await this.deps.channelCourse.latestThread(ref, enrollment.courseId);
    if (!latest) return { status: 'noLesson' };
    const lessonTitle = (await this.deps.channelCourse.lessonInfo(ref.tenantId, enrollment.courseId, latest.lessonId, enrollment.language)).lesson.title;
    const channel = await this.courseChannel(ref, enrollment);
    if (latest.reflectionActivityId !== undefined) return { status: 'alreadyStarted', courseId: enrollment.courseId, lessonTitle, channel };
    await this.deps.scheduler.sendNow({ ...ref, courseId: enrollment.courseId }, 'reflection', { kind: 'reflectionRound', courseId: enrollment.courseId, lessonId: latest.lessonId, again: true });
    return { status: 'queued', courseId: enrollment.courseId, lessonTitle, channel };
  }

  /** Queues a next-steps round of the course as a new thread in the course's channel; returns that channel. */
  async nextSteps(ref: TeamRef, leaderId: string, courseId?: string): Promise<{ readonly channel: CourseChannel; readonly courseId: string }> {
    await this.deps.teams.requireLeader(ref, leaderId);
    const { enrollment } = await this.deps.channelCourse.activeEnrollment(ref, courseId);
    const course = { ...ref, courseId: enrollment.courseId };
    const after = this.deps.latestRound ? ((await this.deps.latestRound(course))?.id ?? '') : undefined;
    await this.deps.scheduler.sendNow(course, 'nextSteps', { kind: 'nextStepsRound', courseId: course.courseId, leaderId, ...(after === undefined ? {} : { after }) });
    return { channel: await this.courseChannel(ref, enrollment), courseId: enrollment.courseId };
  }

  /** The course's channel among the team's stored channels (the General channel's id is the team id). */
  async courseChannel(ref: TeamRef, enrollment: Enrollment): Promise<CourseChannel> {
    const found = (await this.deps.teams.channels(ref)).find((channel) => channel.channelId === enrollment.channelId);
    return found ?? (enrollment.channelId === ref.teamId ? { channelId: ref.teamId, name: '' } : undefined);
  }
}
