import { headCount, type HeadCount } from './disclosure-control.js';
import type { TenantSettingsSource } from './tenant-settings.js';
import { courseText, type CourseCatalog, type Lesson } from './course.js';
import type { DeliveryRecord, ScheduleState } from './delivery.js';
import type { Enrollment } from './enrollment.js';
import { ForbiddenError, NotFoundError, NotSetUpError, TeamInactiveError } from './errors.js';
import type { LearningService, ProgressView } from './learning-service.js';
import type { EnrollmentRepository, InsightsRepository, LessonThreadRepository, SharedReplyRepository, TeamRepository } from './ports.js';
import type { DailyCount, MemberCounts } from './insights.js';
import type { SharedReply } from './shared-reply.js';
import type { PersonRef } from './person.js';
import type { SchedulerService } from './scheduler-service.js';
import type { Leadership, TeamService } from './team-service.js';
import type { Team, TeamRef } from './team.js';

/** One lesson's figures for the team; counts are undefined when the team is too small to show. */
export type LessonFigures = {
  readonly lesson: Lesson;
  readonly number: number;
  readonly posted: boolean;
  /** People in the team who read it, by the headline's rule (headCount): exact, or a band; undefined below the minimum. */
  readonly read: HeadCount | undefined;
  /** Reflections on it in the team, by the same rule. */
  readonly reflections: HeadCount | undefined;
  readonly shared: readonly SharedReply[];
};

/** Activity in one ISO week (Monday date), rounded down to a multiple of the minimum group size; undefined when too small to show. */
export type WeekFigures = { readonly weekStart: string; readonly lessonsRead: number | undefined; readonly reflections: number | undefined };

/** What one viewer may see of a team, decided here and nowhere else. */
export type Dashboard = {
  readonly team: Team;
  readonly role: Leadership;
  readonly enrollment: Enrollment | undefined;
  /** The course shown: the one asked for, else the team's latest (the tenant's default course when none is set up). */
  readonly courseId: string;
  readonly courseTitle: string;
  /** True when the team's course is no longer offered (its organisation withdrew every version of its own pack). */
  readonly courseWithdrawn: boolean;
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
      readonly enrollmentRepository: EnrollmentRepository;
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
   * Who may look at a team (its members, and its owners), and what the tenant's minimum group size makes of it:
   * the one gate of the dashboard and of the meeting stage. `courseId` picks one of the team's courses (else its
   * latest); NotSetUpError for a course the team does not run.
   */
  private async access(viewer: PersonRef, ref: TeamRef, courseId?: string) {
    const { teams, teamRepository, enrollmentRepository, courses } = this.deps;
    if (viewer.tenantId !== ref.tenantId) throw new ForbiddenError('notMember');
    const { minGroupSize, namedProgress: namedProgressEnabled } = await this.deps.settings.get(ref.tenantId);
    const team = await teamRepository.find(ref);
    if (!team) throw new TeamInactiveError();
    const role = await teams.leadership(ref, viewer.userId);
    const isMember = (await teamRepository.findMember(ref, viewer.userId)) !== undefined;
    if (!isMember && role !== 'owner') throw new ForbiddenError('notMember');
    const running = await enrollmentRepository.list(ref);
    if (courseId && !running.some((candidate) => candidate.courseId === courseId)) throw new NotSetUpError();
    const enrollment = running.find((candidate) => candidate.courseId === courseId) ?? running.at(-1);
    const tenantCourses = await courses.forTenant(ref.tenantId);
    const course = (enrollment && tenantCourses.known(enrollment.courseId)) || tenantCourses.defaultCourse();
    const courseRef = { ...ref, courseId: course.id };
    const memberCount = await teamRepository.memberCount(ref);
    const tooFew = memberCount < minGroupSize;
    const hide = <T>(value: T): T | undefined => (tooFew ? undefined : value);
    return { team, role, running, tenantCourses, enrollment, course, courseRef, memberCount, tooFew, hide, minGroupSize, namedProgressEnabled };
  }

  /**
   * The dashboard of one course of the team (`courseId`, else the team's latest course) as this viewer may see it;
   * throws ForbiddenError for someone outside the team, NotSetUpError for a course the team does not run.
   */
  async build(viewer: PersonRef, ref: TeamRef, language: string, courseId?: string): Promise<Dashboard> {
    const { insights } = this.deps;
    const { team, role, running, tenantCourses, enrollment, course, courseRef, memberCount, tooFew, hide, minGroupSize, namedProgressEnabled } = await this.access(viewer, ref, courseId);
    const text = courseText(course, language);

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
        // The headline's rule (headCount), so the page never shows a count the headline gives as a band.
        read: hide(headCount(readCounts.get(lesson.id) ?? 0, memberCount, minGroupSize)),
        reflections: hide(headCount(reflectionCounts.get(lesson.id) ?? 0, memberCount, minGroupSize)),
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
      courseWithdrawn: enrollment !== undefined && !tenantCourses.known(enrollment.courseId),
      courses: running.flatMap((candidate) => {
        const known = tenantCourses.known(candidate.courseId);
        return known ? [{ id: known.id, title: courseText(known, language).title }] : [];
      }),
      language,
      members: hide(memberCount),
      tooFewToShow: tooFew,
      minGroupSize,
      lessons,
      weeks: byWeek(readsPerDay, reflectionsPerDay, tooFew, minGroupSize),
      own,
      schedules,
      deliveries,
      namedProgress,
      namedProgressEnabled,
    };
  }

  /**
   * The team's reflection rounds (the lessons posted to the channel), newest first, for the meeting side panel:
   * the same rounds, titles and rules as the dashboard's.
   */
  async rounds(viewer: PersonRef, ref: TeamRef, language: string): Promise<{ readonly team: Team; readonly role: Leadership; readonly rounds: readonly RoundFigures[] }> {
    const { team, role, course, hide, minGroupSize } = await this.access(viewer, ref);
    const text = courseText(course, language);
    const [threads, reflectionCounts, shared] = await Promise.all([this.deps.threads.list(ref, course.id), this.deps.insights.reflectionCounts(ref, course.id), this.deps.sharedReplies.listForCourse(ref, course.id)]);
    const posted = new Set(threads.map((thread) => thread.lessonId));
    const rounds = text.lessons
      .map((lesson, index) => ({ lesson, index }))
      .filter(({ lesson }) => posted.has(lesson.id))
      .map(({ lesson, index }) => ({
        lesson,
        number: index + 1,
        questions: text.reflectionQuestions,
        members: undefined,
        reflections: hide(reflectionCounts.get(lesson.id) ?? 0),
        shared: shared.filter((reply) => reply.lessonId === lesson.id),
        minGroupSize,
      }))
      .reverse();
    return { team, role, rounds };
  }

  /**
   * One reflection round as the dashboard shows it, for the meeting stage: the questions, how many of the team have
   * answered (hidden for a team smaller than the minimum group size) and the answers their authors shared.
   * @throws NotFoundError (a lesson) for a lesson not in the course or not posted to the channel (no round yet).
   */
  async round(viewer: PersonRef, ref: TeamRef, lessonId: string, language: string): Promise<{ readonly team: Team; readonly round: RoundFigures }> {
    const { team, course, memberCount, hide, minGroupSize } = await this.access(viewer, ref);
    const text = courseText(course, language);
    const index = text.lessons.findIndex((lesson) => lesson.id === lessonId);
    const lesson = text.lessons[index];
    if (!lesson || !(await this.deps.threads.find(ref, course.id, lessonId))) throw new NotFoundError('lesson', lessonId, course.id);
    const [reflectionCounts, shared] = await Promise.all([this.deps.insights.reflectionCounts(ref, course.id), this.deps.sharedReplies.listForLesson(ref, course.id, lessonId)]);
    return {
      team,
      round: { lesson, number: index + 1, questions: text.reflectionQuestions, members: hide(memberCount), reflections: hide(reflectionCounts.get(lessonId) ?? 0), shared, minGroupSize },
    };
  }
}

/** One reflection round as a viewer may see it; counts are undefined when the team is too small to show. */
export type RoundFigures = {
  readonly lesson: Lesson;
  readonly number: number;
  readonly questions: readonly string[];
  /** The team's size (only where {@link RoundFigures.reflections} is given). */
  readonly members: number | undefined;
  readonly reflections: number | undefined;
  /** Only what the authors shared; an anonymous one has no author name. */
  readonly shared: readonly SharedReply[];
  readonly minGroupSize: number;
};

/**
 * Sums daily counts into ISO weeks (keyed by their Monday), oldest first: reads and reflections per week, each rounded down to a multiple of the minimum group size k.
 * @remarks A week's count is of reads, not people, but in a week when only one lesson was read it is that lesson's read
 * count, which the dashboard gives as a band ("16–19") where the rest of the team is 1 … k−1: exact, it would undo the
 * band. Rounded down to a multiple of k (17 → 15 for k = 5) it says no more than the band does.
 */
function byWeek(reads: readonly DailyCount[], reflections: readonly DailyCount[], hidden: boolean, minGroupSize: number): readonly WeekFigures[] {
  const step = Math.max(1, minGroupSize);
  const rounded = (count: number): number => Math.floor(count / step) * step;
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
    .map(([weekStart, counts]) => ({ weekStart, lessonsRead: hidden ? undefined : rounded(counts.reads), reflections: hidden ? undefined : rounded(counts.reflections) }));
}

/** The Monday of the ISO week a `YYYY-MM-DD` day is in (plain UTC date arithmetic; luxon per row cost ~2 ms a dashboard). */
function mondayOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}
