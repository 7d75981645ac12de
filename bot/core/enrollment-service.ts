import type { Course, CourseCatalog } from './course.js';
import type { TenantSettingsSource } from './tenant-settings.js';
import type { Enrollment } from './enrollment.js';
import type { Clock, EnrollmentRepository } from './ports.js';
import { checkSetup, todayIn, type SetupProblem } from './setup-rules.js';
import type { TeamService } from './team-service.js';
import type { TeamRef } from './team.js';

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
      readonly enrollments: EnrollmentRepository;
      readonly teams: TeamService;
      readonly courses: CourseCatalog;
      readonly languages: readonly string[];
      readonly clock: Clock;
      /** Each tenant's settings: which courses it offers its teams. */
      readonly settings?: TenantSettingsSource;
    },
  ) {}

  /** The courses the tenant offers its teams: those its administrators chose, or every course; never none. */
  async offeredCourses(tenantId: string): Promise<readonly Course[]> {
    const tenantCourses = this.deps.courses.forTenant(tenantId);
    const all = tenantCourses.all();
    const chosen = this.deps.settings ? (await this.deps.settings.get(tenantId)).courseIds : 'all';
    const offered = chosen === 'all' ? all : all.filter((course) => chosen.includes(course.id));
    // The tenant's own published packs are offered with the chosen courses (administrators choose among the deployment's).
    const own = all.filter((course) => !this.deps.courses.get(course.id) && !offered.includes(course));
    const result = [...offered, ...own];
    return result.length > 0 ? result : [tenantCourses.defaultCourse()];
  }

  /** The team's setup, if any. */
  find(ref: TeamRef): Promise<Enrollment | undefined> {
    return this.deps.enrollments.find(ref);
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
    const existing = await this.deps.enrollments.find(ref);
    const firstLeader = await this.deps.teams.hasNoLeader(ref);
    if (!firstLeader) await this.deps.teams.requireLeader(ref, userId);
    const timeZone = existing?.timeZone ?? DEFAULT_TIME_ZONE;
    const check = checkSetup(raw, { channelIds, languages: this.deps.languages, today: todayIn(timeZone, this.deps.clock.now()) });
    if (!check.ok) return check;
    const enrollment: Enrollment = {
      ...check.input,
      tenantId: ref.tenantId,
      teamId: ref.teamId,
      courseId: await this.courseFor(ref.tenantId, raw.courseId, existing?.courseId),
      timeZone,
      createdBy: existing?.createdBy ?? userId,
      updatedAt: this.deps.clock.now(),
    };
    await this.deps.enrollments.save(enrollment);
    if (firstLeader) await this.deps.teams.makeLeader(ref, userId);
    return { ok: true, enrollment, created: existing === undefined };
  }

  /** The course a setup gets: the one the leader chose if the organisation offers it, else the team's current course (kept even if no longer offered), else the default course if offered, else the first offered. */
  private async courseFor(tenantId: string, asked: unknown, current: string | undefined): Promise<string> {
    const offered = await this.offeredCourses(tenantId);
    if (typeof asked === 'string' && offered.some((course) => course.id === asked)) return asked;
    if (current) return current;
    const fallback = this.deps.courses.defaultCourse();
    return offered.some((course) => course.id === fallback.id) ? fallback.id : offered[0]!.id;
  }
}
