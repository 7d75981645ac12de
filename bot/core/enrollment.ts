import { ChooseCourseError, NotSetUpError } from './errors.js';

/** ISO weekday: 1 is Monday, 7 is Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** A local wall-clock time, `HH:MM`. */
export type LocalTime = string;

/** A calendar date, `YYYY-MM-DD`. */
export type LocalDate = string;

/** A team's course setup: where and when lessons and reflection rounds go, and whether the course is mandatory. */
export type Enrollment = {
  readonly tenantId: string;
  readonly teamId: string;
  readonly courseId: string;
  readonly channelId: string;
  /** Language of channel posts. */
  readonly language: string;
  readonly startDate: LocalDate;
  readonly mandatory: boolean;
  readonly dueDate: LocalDate | undefined;
  readonly lessonWeekday: Weekday;
  readonly lessonTime: LocalTime;
  /** A lesson every N weeks. */
  readonly intervalWeeks: number;
  /** The reflection round comes this many days after each lesson. */
  readonly reflectionDaysAfter: number;
  readonly reflectionTime: LocalTime;
  /** IANA time zone, Europe/Oslo by default. */
  readonly timeZone: string;
  readonly createdBy: string;
  readonly updatedAt: Date;
};

/** The fields a leader fills in on the setup card. */
export type EnrollmentInput = Omit<Enrollment, 'tenantId' | 'teamId' | 'createdBy' | 'updatedAt' | 'timeZone' | 'courseId'>;

/** The team's latest setup among its setups (oldest first, as the repository lists them), if it has any. */
export function latestEnrollment(enrollments: readonly Enrollment[]): Enrollment | undefined {
  return enrollments.at(-1);
}

/** The setup of the course asked for among a team's setups, or its only one (see `EnrollmentService.resolve`). */
export function pickEnrollment(enrollments: readonly Enrollment[], courseId?: unknown): Enrollment {
  if (typeof courseId === 'string' && courseId !== '') {
    const found = enrollments.find((enrollment) => enrollment.courseId === courseId);
    if (!found) throw new NotSetUpError();
    return found;
  }
  if (enrollments.length === 0) throw new NotSetUpError();
  if (enrollments.length > 1) throw new ChooseCourseError(enrollments.map((enrollment) => enrollment.courseId));
  return enrollments[0]!;
}
