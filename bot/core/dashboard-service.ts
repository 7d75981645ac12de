import type { TenantSettingsSource } from './tenant-settings.js';
import { courseText, type CourseCatalog, type Lesson } from './course.js';
import type { DeliveryRecord, ScheduleState } from './delivery.js';
import type { Enrollment } from './enrollment.js';
import { ForbiddenError, NotSetUpError, TeamInactiveError } from './errors.js';
import type { LearningService, ProgressView } from './learning-service.js';
import type { DailyCount, EnrollmentRepository, InsightsRepository, LessonThreadRepository, MemberCounts, SharedReply, SharedReplyRepository, TeamRepository } from './ports.js';
import type { PersonRef } from './person.js';
import type { SchedulerService } from './scheduler-service.js';
import type { Leadership, TeamService } from './team-service.js';
import type { Team, TeamRef } from './team.js';

/** One lesson's figures for the team; counts are undefined when the team is too small to show. */
export type LessonFigures = {
  readonly lesson: Lesson;
  readonly number: number;
  readonly posted: boolean;
  readonly read: number | undefined;
  readonly reflections: number | undefined;
  readonly shared: readonly SharedReply[];
};

/** Activity in one ISO week (Monday date); counts undefined when too small to show. */
export type WeekFigures = { readonly weekStart: string; readonly lessonsRead: number | undefined; readonly reflections: number | undefined };

/** What one viewer may see of a team, decided here and nowhere else. */
export type Dashboard = {
  readonly team: Team;
  readonly role: Leadership;
  readonly enrollment: Enrollment | undefined;
  /** The course shown: the one asked for, else the team's latest (the tenant's default course when none is set up). */
  readonly courseId: string;
  readonly courseTitle: string;
  /** Every course the team runs (or ran), for the course picker, in the order the team started them. */
  readonly courses: readonly { readonly id: string; readonly title: string }[];
  readonly language: string;
  readonly members: number | undefined;
  readonly tooFewToShow: boolean;
  readonly minGroupSize: number;
  readonly lessons: readonly LessonFigures[];
  readonly weeks: readonly WeekFigures[];
  readonly own: ProgressView;
  /** Leaders only. */
  readonly schedules: readonly ScheduleState[] | undefined;
  /** Leaders only. */
  readonly deliveries: readonly DeliveryRecord[] | undefined;
  /** Leaders only, and only when the organisation has switched named progress on. */
  readonly namedProgress: readonly MemberCounts[] | undefined;
  readonly namedProgressEnabled: boolean;
};

/**
 * The privacy rules of insight: leaders see aggregates, never for a group smaller than the minimum; names only
 * where the organisation has switched named progress on; reflection text only where its author shared it;
 * members see their own progress and the team's totals; nobody sees another team.
 */
export class DashboardService {
  constructor(
    private readonly deps: {
      readonly teams: TeamService;
      readonly teamRepository: TeamRepository;
      readonly enrollments: EnrollmentRepository;
      readonly threads: LessonThreadRepository;
      readonly sharedReplies: SharedReplyRepository;
      readonly insights: InsightsRepository;
      readonly learning: LearningService;
      readonly scheduler: SchedulerService;
      readonly courses: CourseCatalog;
      /** Each tenant's settings: minimum group size and named progress are the team's tenant's. */
      readonly settings: TenantSettingsSource;
    },
  ) {}

  /**
   * The dashboard of one course of the team (`courseId`, else the team's latest course) as this viewer may see it;
   * throws ForbiddenError for someone outside the team, NotSetUpError for a course the team does not run.
   */
  async build(viewer: PersonRef, ref: TeamRef, language: string, courseId?: string): Promise<Dashboard> {
    const { teams, teamRepository, enrollments, courses, insights } = this.deps;
    if (viewer.tenantId !== ref.tenantId) throw new ForbiddenError('notMember');
    const { minGroupSize, namedProgress: namedProgressEnabled } = await this.deps.settings.get(ref.tenantId);
    const team = await teamRepository.find(ref);
    if (!team) throw new TeamInactiveError();
    const role = await teams.leadership(ref, viewer.userId);
    const isMember = (await teamRepository.findMember(ref, viewer.userId)) !== undefined;
    if (!isMember && role !== 'owner') throw new ForbiddenError('notMember');
    const running = await enrollments.list(ref);
    if (courseId && !running.some((candidate) => candidate.courseId === courseId)) throw new NotSetUpError();
    const enrollment = running.find((candidate) => candidate.courseId === courseId) ?? running.at(-1);
    const tenantCourses = await courses.forTenant(ref.tenantId);
    const course = (enrollment && tenantCourses.known(enrollment.courseId)) || tenantCourses.defaultCourse();
    const text = courseText(course, language);
    const courseRef = { ...ref, courseId: course.id };
    const memberCount = await teamRepository.memberCount(ref);
    const tooFew = memberCount < minGroupSize;
    const hide = <T>(value: T): T | undefined => (tooFew ? undefined : value);

    const [readCounts, reflectionCounts, threads, readsPerDay, reflectionsPerDay, own, allShared] = await Promise.all([
      insights.readCounts(ref, course.id),
      insights.reflectionCounts(ref, course.id),
      this.deps.threads.list(ref, course.id),
      insights.readsPerDay(ref, course.id),
      insights.reflectionsPerDay(ref, course.id),
      this.deps.learning.progress(viewer, course.id, language),
      this.deps.sharedReplies.listForCourse(ref, course.id),
    ]);
    const posted = new Set(threads.map((thread) => thread.lessonId));
    const sharedByLesson = new Map<string, SharedReply[]>();
    for (const reply of allShared) sharedByLesson.set(reply.lessonId, [...(sharedByLesson.get(reply.lessonId) ?? []), reply]);
    const lessons = await Promise.all(
      text.lessons.map(async (lesson, index) => ({
        lesson,
        number: index + 1,
        posted: posted.has(lesson.id),
        read: hide(readCounts.get(lesson.id) ?? 0),
        reflections: hide(reflectionCounts.get(lesson.id) ?? 0),
        shared: posted.has(lesson.id) ? (sharedByLesson.get(lesson.id) ?? []) : [],
      })),
    );
    const leads = role !== 'none';
    const [schedules, deliveries] = leads ? await Promise.all([this.deps.scheduler.states(courseRef), this.deps.scheduler.recentDeliveries(courseRef, 30)]) : [undefined, undefined];
    const namedProgress = leads && namedProgressEnabled ? await insights.memberCounts(ref, course.id) : undefined;
    return {
      team,
      role,
      enrollment,
      courseId: course.id,
      courseTitle: text.title,
      courses: running.flatMap((candidate) => {
        const known = tenantCourses.known(candidate.courseId);
        return known ? [{ id: known.id, title: courseText(known, language).title }] : [];
      }),
      language,
      members: hide(memberCount),
      tooFewToShow: tooFew,
      minGroupSize,
      lessons,
      weeks: byWeek(readsPerDay, reflectionsPerDay, tooFew),
      own,
      schedules,
      deliveries,
      namedProgress,
      namedProgressEnabled,
    };
  }
}

/** Sums daily counts into ISO weeks (keyed by their Monday), oldest first. */
function byWeek(reads: readonly DailyCount[], reflections: readonly DailyCount[], hidden: boolean): readonly WeekFigures[] {
  const weeks = new Map<string, { reads: number; reflections: number }>();
  const monday = mondayOf;
  for (const { day, count } of reads) {
    const week = weeks.get(monday(day)) ?? { reads: 0, reflections: 0 };
    week.reads += count;
    weeks.set(monday(day), week);
  }
  for (const { day, count } of reflections) {
    const week = weeks.get(monday(day)) ?? { reads: 0, reflections: 0 };
    week.reflections += count;
    weeks.set(monday(day), week);
  }
  return [...weeks.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([weekStart, counts]) => ({ weekStart, lessonsRead: hidden ? undefined : counts.reads, reflections: hidden ? undefined : counts.reflections }));
}

/** The Monday of the ISO week a `YYYY-MM-DD` day is in (plain UTC date arithmetic; luxon per row cost ~2 ms a dashboard). */
function mondayOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}
