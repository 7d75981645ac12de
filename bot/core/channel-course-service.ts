import type { TenantSettingsSource } from './tenant-settings.js';
import { courseText, lessonIds, type Lesson } from './course.js';
import type { Course, CourseCatalog } from './course.js';
import { pickEnrollment, type Enrollment } from './enrollment.js';
import { NotFoundError, NotSetUpError, TeamInactiveError } from './errors.js';
import type { PersonRef } from './person.js';
import type { Clock, EnrollmentRepository, LessonThreadRepository, ProgressRepository, ReflectionRepository, TeamRepository } from './ports.js';
import type { LessonThread } from './lesson-thread.js';
import type { ReflectionVisibility } from './reflection.js';
import type { AnswerSharing } from './answer-sharing.js';
import { checkReflection, type ReflectionResult } from './learning-service.js';
import type { Team, TeamRef } from './team.js';

/** How many have read a lesson in a team; the count is shown only for a group at least the minimum size. */
export type ReadStats = {
  readonly read: number;
  readonly members: number;
  readonly visible: boolean;
  readonly minGroupSize: number;
};

/** A lesson ready to be posted in the team's channel. */
export type LessonToPost = {
  readonly team: Team;
  readonly enrollment: Enrollment;
  readonly lesson: Lesson;
  readonly index: number;
  readonly total: number;
};

/** Teams on which per-user card refresh is allowed (Teams' limit for `refresh.userIds`). */
export const MAX_REFRESH_USERS = 60;

/** The course as a team runs it in its channel: lesson threads, read counts and reflection rounds. */
export class ChannelCourseService {
  constructor(
    private readonly deps: {
      readonly courses: CourseCatalog;
      readonly teamRepository: TeamRepository;
      readonly enrollmentRepository: EnrollmentRepository;
      readonly threads: LessonThreadRepository;
      readonly progress: ProgressRepository;
      readonly reflections: ReflectionRepository;
      readonly sharing: AnswerSharing;
      readonly clock: Clock;
      /** Each tenant's settings: its minimum group size decides whether counts are shown. */
      readonly settings: TenantSettingsSource;
    },
  ) {}

  /**
   * The team and its setup of the course (its only course when `courseId` is left out); throws when the team is gone or
   * not set up (NotSetUpError), or runs several courses and none was named (ChooseCourseError).
   * @remarks With `otherwise`, a course left out or not run by the team is not an error: `otherwise` picks one of the
   * team's setups (oldest first) instead, for what belongs to the team rather than to one course (the plan, say);
   * NotSetUpError when it picks none.
   */
  async activeEnrollment(
    ref: TeamRef,
    courseId?: unknown,
    otherwise?: (enrollments: readonly Enrollment[]) => Enrollment | undefined,
  ): Promise<{ readonly team: Team; readonly enrollment: Enrollment }> {
    // Both read at once: a send reads this before every post, and each round trip is paid by every lane waiting behind it.
    const [team, enrollments] = await Promise.all([this.deps.teamRepository.find(ref), this.deps.enrollmentRepository.list(ref)]);
    if (!team || team.status !== 'active') throw new TeamInactiveError();
    if (otherwise && !(typeof courseId === 'string' && courseId !== '' && enrollments.some((enrollment) => enrollment.courseId === courseId))) {
      const enrollment = otherwise(enrollments);
      if (!enrollment) throw new NotSetUpError();
      return { team, enrollment };
    }
    return { team, enrollment: pickEnrollment(enrollments, courseId) };
  }

  /** The courses the team runs (or ran). */
  enrollments(ref: TeamRef): Promise<readonly Enrollment[]> {
    return this.deps.enrollmentRepository.list(ref);
  }

  /** The first lesson of the course not yet posted in the team's channel, or undefined when all are posted. */
  async nextLessonToPost(ref: TeamRef, courseId?: string): Promise<LessonToPost | undefined> {
    const { team, enrollment } = await this.activeEnrollment(ref, courseId);
    const course = await this.course(ref.tenantId, enrollment.courseId);
    const posted = new Set((await this.deps.threads.list(ref, course.id)).map((thread) => thread.lessonId));
    const lessons = courseText(course, enrollment.language).lessons;
    const index = lessons.findIndex((lesson) => !posted.has(lesson.id));
    if (index < 0) return undefined;
    return { team, enrollment, lesson: lessons[index]!, index, total: lessons.length };
  }

  /** Records the thread a lesson was posted as. */
  recordLessonThread(ref: TeamRef, thread: Omit<LessonThread, 'reflectionActivityId' | 'postedAt'>): Promise<void> {
    return this.deps.threads.record(ref, { ...thread, postedAt: this.deps.clock.now() });
  }

  /** Records the reflection-round card posted in a lesson thread. */
  recordReflectionRound(ref: TeamRef, courseId: string, lessonId: string, activityId: string): Promise<void> {
    return this.deps.threads.setReflectionActivity(ref, courseId, lessonId, activityId);
  }

  /** The thread of a lesson, if it was posted. */
  thread(ref: TeamRef, courseId: string, lessonId: string): Promise<LessonThread | undefined> {
    return this.deps.threads.find(ref, courseId, lessonId);
  }

  /** The most recently posted lesson thread, for a reflection round started by hand. */
  async latestThread(ref: TeamRef, courseId: string): Promise<LessonThread | undefined> {
    return (await this.deps.threads.list(ref, courseId)).at(-1);
  }

  /** Lesson, position and total for a lesson of the team's course in a language. */
  async lessonInfo(tenantId: string, courseId: string, lessonId: string, language: string): Promise<{ readonly lesson: Lesson; readonly index: number; readonly total: number }> {
    const course = await this.course(tenantId, courseId);
    const lessons = courseText(course, language).lessons;
    const index = lessons.findIndex((lesson) => lesson.id === lessonId);
    if (index < 0) throw new NotFoundError('lesson', lessonId, courseId);
    return { lesson: lessons[index]!, index, total: lessons.length };
  }

  /** How many of the team's members have read the lesson. */
  async readStats(ref: TeamRef, courseId: string, lessonId: string): Promise<ReadStats> {
    const [read, members, settings] = await Promise.all([this.deps.progress.readCountInTeam(ref, courseId, lessonId), this.deps.teamRepository.memberCount(ref), this.deps.settings.get(ref.tenantId)]);
    return { read, members, visible: members >= settings.minGroupSize, minGroupSize: settings.minGroupSize };
  }

  /** Teams user ids for per-user card refresh, or undefined when the team is larger than Teams allows. */
  async refreshUserIds(ref: TeamRef): Promise<readonly string[] | undefined> {
    const members = await this.deps.teamRepository.members(ref, { limit: MAX_REFRESH_USERS + 1 });
    return members.length > MAX_REFRESH_USERS ? undefined : members.map((member) => member.teamsUserId);
  }

  /**
   * Saves a reflection given in a channel round and shares it as the author chose.
   * @remarks Answers are saved before anything is posted, so a failed post loses nothing. Switching between
   * named and anonymous retracts the old reply and posts a new one, so an anonymous reply never inherits a named one's message.
   */
  async reflect(
    person: PersonRef,
    authorName: string,
    ref: TeamRef,
    submission: { readonly courseId: string; readonly lessonId: string; readonly answers: readonly unknown[]; readonly visibility: ReflectionVisibility; readonly basis?: unknown },
  ): Promise<ReflectionResult & { readonly visibility: ReflectionVisibility }> {
    const { team, enrollment } = await this.activeEnrollment(ref, submission.courseId);
    const course = await this.course(ref.tenantId, submission.courseId);
    if (!lessonIds(course).includes(submission.lessonId)) throw new NotFoundError('lesson', submission.lessonId, course.id);
    let earlier = await this.deps.reflections.find(person, course.id, submission.lessonId);
    const { answers, problems } = checkReflection(submission, earlier);
    if (problems.length > 0) return { ok: false, problems, answers, visibility: submission.visibility };

    if (earlier?.sharedReplyId && earlier.teamId && earlier.teamId !== ref.teamId) {
      // Shared in another team's round: withdraw it there; this team's thread gets its own reply.
      const otherRef = { tenantId: ref.tenantId, teamId: earlier.teamId };
      const [otherTeam, otherEnrollment] = await Promise.all([this.deps.teamRepository.find(otherRef), this.deps.enrollmentRepository.find({ ...otherRef, courseId: course.id })]);
      await this.deps.sharing.withdraw(earlier.sharedReplyId, otherTeam, otherEnrollment?.language ?? enrollment.language);
      earlier = { ...earlier, sharedReplyId: undefined };
    }
    const base = { courseId: course.id, lessonId: submission.lessonId, answers, visibility: submission.visibility, teamId: ref.teamId };
    const { created } = await this.deps.reflections.save(person, { ...base, sharedReplyId: earlier?.sharedReplyId }, this.deps.clock.now());

    const thread = await this.deps.threads.find(ref, course.id, submission.lessonId);
    const text = courseText(course, enrollment.language);
    const lesson = text.lessons.find((l) => l.id === submission.lessonId)!;
    const sharedReplyId = await this.deps.sharing.apply({
      team,
      subject: { courseId: course.id, lessonId: submission.lessonId },
      threadId: thread?.threadId,
      previous: earlier?.sharedReplyId ? { replyId: earlier.sharedReplyId, visibility: earlier.visibility } : undefined,
      visibility: submission.visibility,
      content: {
        kind: 'reflection',
        authorName: submission.visibility === 'named' ? authorName : undefined,
        title: lesson.title,
        questions: text.reflectionQuestions,
        answers,
        language: enrollment.language,
      },
    });
    if (sharedReplyId !== earlier?.sharedReplyId) {
      await this.deps.reflections.save(person, { ...base, sharedReplyId }, this.deps.clock.now());
    }
    return { ok: true, created, answers, visibility: submission.visibility };
  }

  /**
   * Deletes the person's reflection on a lesson; a reply they shared is replaced in the thread by a
   * "withdrawn by the author" note. Returns false when there was nothing to delete.
   */
  async withdrawReflection(person: PersonRef, courseId: string, lessonId: string): Promise<boolean> {
    const reflection = await this.deps.reflections.find(person, courseId, lessonId);
    if (!reflection) return false;
    if (reflection.sharedReplyId && reflection.teamId) {
      const ref = { tenantId: person.tenantId, teamId: reflection.teamId };
      const [team, enrollment] = await Promise.all([this.deps.teamRepository.find(ref), this.deps.enrollmentRepository.find({ ...ref, courseId })]);
      await this.deps.sharing.withdraw(reflection.sharedReplyId, team, enrollment?.language ?? 'nb');
    }
    return this.deps.reflections.remove(person, courseId, lessonId);
  }

  /** A course the tenant can see (offered, or already run by a team). */
  async course(tenantId: string, courseId: string): Promise<Course> {
    const course = (await this.deps.courses.forTenant(tenantId)).known(courseId);
    if (!course) throw new NotFoundError('lessonCourse', courseId);
    return course;
  }
}
