import type { Course, CourseCatalog } from './course.js';
import { pickEnrollment, type Enrollment } from './enrollment.js';
import type { Clock, EnrollmentRepository } from './ports.js';
import { checkSetup, todayIn, type SetupProblem } from './setup-rules.js';
import type { TeamService } from './team-service.js';
import type { CourseRef, TeamRef } from './team.js';
import { ChooseCourseError, CourseNotOfferedError } from './errors.js';

/** The default time zone of every schedule. */
export const DEFAULT_TIME_ZONE = 'Europe/Oslo';

/** The outcome of saving a setup. */
export type SetupResult =
  | { readonly ok: true; readonly enrollment: Enrollment; readonly created: boolean }
  | { readonly ok: false; readonly problems: readonly SetupProblem[] };

/** A team's course setup: who may change it, the rules it must follow, and where it is kept. */
export class EnrollmentService {
  constructor(
    private readonly deps: {
      readonly enrollmentRepository: EnrollmentRepository;
      readonly teams: TeamService;
      readonly courses: CourseCatalog;
      readonly languages: readonly string[];
      readonly clock: Clock;
    },
  ) {}

  /** The courses the tenant offers its teams: those its administrators chose, or every course; never none. */
  async offeredCourses(tenantId: string): Promise<readonly Course[]> {
    return (await this.deps.courses.forTenant(tenantId)).all();
  }

  /** The team's setup of a course, if any. */
  find(ref: CourseRef): Promise<Enrollment | undefined> {
    return this.deps.enrollmentRepository.find(ref);
  }

  /** Every course the team runs (or ran), oldest start first. */
  list(ref: TeamRef): Promise<readonly Enrollment[]> {
    return this.deps.enrollmentRepository.list(ref);
  }

  /** The team's setup of the course named (a non-empty id), else of its latest course; undefined when there is none. */
  async running(ref: TeamRef, courseId?: string): Promise<Enrollment | undefined> {
    const running = await this.deps.enrollmentRepository.list(ref);
    return courseId ? running.find((candidate) => candidate.courseId === courseId) : running.at(-1);
  }

  /**
   * The team's setup of the course asked for, or of its only course.
   * @remarks Throws NotSetUpError when the team has no setup (of that course), ChooseCourseError when it runs several and none was named.
   */
  async resolve(ref: TeamRef, courseId?: unknown): Promise<Enrollment> {
    return pickEnrollment(await this.deps.enrollmentRepository.list(ref), courseId);
  }

  /** Today in the team's time zone, for the setup card's defaults. */
  today(timeZone = DEFAULT_TIME_ZONE): string {
    return todayIn(timeZone, this.deps.clock.now());
  }

  /** Whether the person may open and save the setup: a leader, or anyone while the team has no leader. */
  async maySetUp(ref: TeamRef, userId: string): Promise<boolean> {
    return (await this.deps.teams.hasNoLeader(ref)) || (await this.deps.teams.leadership(ref, userId)) !== 'none';
  }

  /**
   * Checks and stores the setup; the first person to set the course up becomes the team's leader.
   * @remarks `channelIds` is what Teams reports now, so a channel deleted since the card was sent is refused.
   */
  async save(ref: TeamRef, userId: string, raw: Readonly<Record<string, unknown>>, channelIds: readonly string[]): Promise<SetupResult> {
    const firstLeader = await this.deps.teams.hasNoLeader(ref);
    if (!firstLeader) await this.deps.teams.requireLeader(ref, userId);
    const courseId = await this.courseFor(ref, raw.courseId);
    const existing = await this.deps.enrollmentRepository.find({ ...ref, courseId });
    const timeZone = existing?.timeZone ?? DEFAULT_TIME_ZONE;
    const check = checkSetup(raw, { channelIds, languages: this.deps.languages, today: todayIn(timeZone, this.deps.clock.now()) });
    if (!check.ok) return check;
    const enrollment: Enrollment = {
      ...check.input,
      tenantId: ref.tenantId,
      teamId: ref.teamId,
      courseId,
      timeZone,
      createdBy: existing?.createdBy ?? userId,
      updatedAt: this.deps.clock.now(),
    };
    await this.deps.enrollmentRepository.save(enrollment);
    if (firstLeader) await this.deps.teams.makeLeader(ref, userId);
    return { ok: true, enrollment, created: existing === undefined };
  }

  /**
   * The course a setup is of: the one asked for, if the organisation offers it or the team already runs it (a course no
   * longer offered keeps running); without one, the team's only course, else the default course if offered, else the first offered.
   * @remarks A course the organisation does not offer is refused (CourseNotOfferedError); with several courses and none asked for, ChooseCourseError.
   */
  private async courseFor(ref: TeamRef, asked: unknown): Promise<string> {
    const tenantCourses = await this.deps.courses.forTenant(ref.tenantId);
    const running = await this.deps.enrollmentRepository.list(ref);
    if (typeof asked === 'string' && asked !== '') {
      if (tenantCourses.get(asked) || running.some((enrollment) => enrollment.courseId === asked)) return asked;
      throw new CourseNotOfferedError(asked);
    }
    if (running.length === 1) return running[0]!.courseId;
    if (running.length > 1) throw new ChooseCourseError(running.map((enrollment) => enrollment.courseId));
    return tenantCourses.defaultCourse().id;
  }
}
