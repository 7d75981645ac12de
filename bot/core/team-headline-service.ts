import { courseText, lessonIds, type CourseCatalog } from './course.js';
import { headCount, type HeadCount } from './disclosure-control.js';
import type { ChannelCourseService } from './channel-course-service.js';
import { ForbiddenError, NotSetUpError, TeamInactiveError } from './errors.js';
import type { OrgReportRepository } from './org-report.js';
import type { Clock, ScheduleRepository, TeamRepository } from './ports.js';
import { localDay, type SchedulerService } from './scheduler-service.js';
import type { TeamService } from './team-service.js';
import type { Team, TeamRef } from './team.js';

export type { HeadCount } from './disclosure-control.js';

/** Why "send a reminder now" cannot be used: nobody left, everyone left reminded today, or the organisation has switched reminders off. */
export type ReminderBlock = 'nobodyLeft' | 'allRemindedToday' | 'remindersOff';

/** The headline at the top of a team's dashboard: "X of N have completed", the due date, how many are not done. */
export type Headline = {
  readonly team: Team;
  readonly courseId: string;
  /** The course's title, in the viewer's language. */
  readonly courseTitle: string;
  readonly dueDate: string | undefined;
  readonly minGroupSize: number;
  /** Undefined (and so every count) when the team is smaller than the minimum group size. */
  readonly members: number | undefined;
  readonly completed: HeadCount | undefined;
  readonly notDone: HeadCount | undefined;
  /** Undefined when a reminder can be sent now. */
  readonly reminderBlocked: ReminderBlock | undefined;
};

/**
 * The leader's headline and "send a reminder now".
 * @remarks Counts follow the minimum group size: nothing for a team below it (nor why a reminder is blocked, but for reminders off); where completed or not done is 1 … k−1
 * both are given as bands, since either one and the member count give the other away. Reminders only queue (one
 * delivery in the outbox, paced like every send) and reach each person at most once a day, kept in the data.
 */
export class TeamHeadlineService {
  constructor(
    private readonly deps: {
      readonly teams: TeamService;
      readonly teamRepository: TeamRepository;
      readonly channelCourse: ChannelCourseService;
      readonly reports: OrgReportRepository;
      readonly schedules: ScheduleRepository;
      readonly scheduler: SchedulerService;
      readonly courses: CourseCatalog;
      readonly clock: Clock;
      readonly minGroupSize: (tenantId: string) => Promise<number>;
      /** Whether the tenant has reminders switched on (its administrators decide). */
      readonly remindersEnabled: (tenantId: string) => Promise<boolean>;
    },
  ) {}

  /**
   * The headline of one course of the team (`courseId`, else the team's latest course) for a leader of the team; throws
   * ForbiddenError for others, NotSetUpError without a course.
   */
  async headline(ref: TeamRef, leaderId: string, courseId?: string, language?: string): Promise<Headline> {
    await this.deps.teams.requireLeader(ref, leaderId);
    const { team, enrollment } = await this.deps.channelCourse.activeEnrollment(ref, courseId ?? (await this.deps.channelCourse.enrollments(ref)).at(-1)?.courseId);
    const tenantCourses = await this.deps.courses.forTenant(ref.tenantId);
    const course = tenantCourses.known(enrollment.courseId) ?? tenantCourses.defaultCourse();
    const k = await this.deps.minGroupSize(ref.tenantId);
    const { members, notDone } = await this.deps.reports.teamNotDone(ref, course.id, lessonIds(course));
    const reminded = notDone.length > 0 ? await this.deps.schedules.remindedOn(ref, notDone, localDay(this.deps.clock.now(), enrollment.timeZone)) : new Set<string>();
    const left = notDone.filter((userId) => !reminded.has(userId)).length;
    const remindersOn = await this.deps.remindersEnabled(ref.tenantId);
    // In a team below the minimum, "nobody left" (or "everyone left reminded") would tell the leader that every member
    // completed (or who did not): the button stays available and a click reminds only those not done, once a day.
    const reminderBlocked: ReminderBlock | undefined = !remindersOn ? 'remindersOff' : members < k ? undefined : notDone.length === 0 ? 'nobodyLeft' : left === 0 ? 'allRemindedToday' : undefined;
    const base = { team, courseId: course.id, courseTitle: courseText(course, language ?? enrollment.language).title, dueDate: enrollment.dueDate, minGroupSize: k, reminderBlocked };
    if (members < k) return { ...base, members: undefined, completed: undefined, notDone: undefined };
    // One rule with the dashboard's per-lesson counts (headCount): where either is 1 … k−1, both are bands.
    return { ...base, members, completed: headCount(members - notDone.length, members, k), notDone: headCount(notDone.length, members, k) };
  }

  /** Queues a reminder about the course to every member not done and not yet reminded today; returns the new headline. */
  async remindNow(ref: TeamRef, leaderId: string, courseId?: string, language?: string): Promise<Headline> {
    await this.deps.teams.requireLeader(ref, leaderId);
    const { enrollment } = await this.deps.channelCourse.activeEnrollment(ref, courseId ?? (await this.deps.channelCourse.enrollments(ref)).at(-1)?.courseId);
    if (await this.deps.remindersEnabled(ref.tenantId)) await this.deps.scheduler.remindNow(enrollment);
    return this.headline(ref, leaderId, enrollment.courseId, language);
  }

  /** The headlines of every course of every active team the person leads, by team name (a team without a course is left out). */
  async overview(leader: { readonly tenantId: string; readonly userId: string }, language?: string): Promise<readonly Headline[]> {
    const teams = await this.deps.teamRepository.teamsOf(leader);
    const headlines: Headline[] = [];
    for (const team of [...teams].sort((a, b) => a.name.localeCompare(b.name))) {
      if ((await this.deps.teams.leadership(team, leader.userId)) === 'none') continue;
      for (const enrollment of await this.deps.channelCourse.enrollments(team)) {
        try {
          headlines.push(await this.headline(team, leader.userId, enrollment.courseId, language));
        } catch (error) {
          if (error instanceof ForbiddenError || error instanceof NotSetUpError || error instanceof TeamInactiveError) continue;
          throw error;
        }
      }
    }
    return headlines;
  }
}
