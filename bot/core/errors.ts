/** A domain error: something the user asked for does not fit the rules. */
export abstract class DomainError extends Error {
  /** A stable code that inbound adapters map to a catalog message. */
  abstract readonly code: string;
}

/**
 * What a {@link NotFoundError} did not find: a course, a lesson, a person's reflection on a lesson, a next-steps or
 * dilemma round, a plan item, a dilemma, or `lessonCourse`: the course of a lesson or a channel post, which the tenant
 * can no longer see (shown to the person as the lesson not found).
 */
export type NotFoundKind = 'course' | 'lesson' | 'lessonCourse' | 'reflection' | 'round' | 'planItem' | 'dilemma';

/** The code (catalog key) each kind is shown and stored with: a course asked for is `unknownCourse`, anything else `unknownLesson`. */
const notFoundCodes = {
  course: 'unknownCourse',
  lesson: 'unknownLesson',
  lessonCourse: 'unknownLesson',
  reflection: 'unknownLesson',
  round: 'unknownLesson',
  planItem: 'unknownLesson',
  dilemma: 'unknownLesson',
} as const satisfies Record<NotFoundKind, string>;

/** Something asked for does not exist (or is not open to the person asking). */
export class NotFoundError extends DomainError {
  readonly code: (typeof notFoundCodes)[NotFoundKind];

  constructor(
    readonly kind: NotFoundKind,
    readonly id: string,
    /** The course the lesson (or reflection) was looked for in, for logs. */
    readonly courseId?: string,
  ) {
    super(`Unknown ${kind} ${id}${courseId === undefined ? '' : ` in course ${courseId}`}`);
    this.code = notFoundCodes[kind];
  }
}

/** The person may not do this (e.g. a leader-only action by someone who is not a leader). */
export class ForbiddenError extends DomainError {
  readonly code = 'forbidden';
  constructor(readonly reason: 'leaderOnly' | 'lastLeader' | 'notMember') {
    super(`Forbidden: ${reason}`);
  }
}

/** The team has no course set up yet. */
export class NotSetUpError extends DomainError {
  readonly code = 'notSetUp';
  constructor() {
    super('The course is not set up for this team');
  }
}

/** The team is archived, deleted or has removed the app: nothing is sent there. */
export class TeamInactiveError extends DomainError {
  readonly code = 'teamInactive';
  constructor() {
    super('The team is not active');
  }
}

/** The team runs several courses and the request did not say which one: the caller asks (a choice on the card, a picker in the tab). */
export class ChooseCourseError extends DomainError {
  readonly code = 'chooseCourse';
  constructor(readonly courseIds: readonly string[]) {
    super(`Several courses: ${courseIds.join(', ')}`);
  }
}

/** The course asked for is not offered to the organisation (its settings), so a team may not start it. */
export class CourseNotOfferedError extends DomainError {
  readonly code = 'courseNotOffered';
  constructor(readonly courseId: string) {
    super(`Course ${courseId} is not offered to the organisation`);
  }
}
