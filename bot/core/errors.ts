/** A domain error: something the user asked for does not fit the rules. */
export abstract class DomainError extends Error {
  /** A stable code that inbound adapters map to a catalog message. */
  abstract readonly code: string;
}

/** The course asked for does not exist. */
export class UnknownCourseError extends DomainError {
  readonly code = 'unknownCourse';
  constructor(readonly courseId: string) {
    super(`Unknown course ${courseId}`);
  }
}

/** The lesson asked for does not exist in the course. */
export class UnknownLessonError extends DomainError {
  readonly code = 'unknownLesson';
  constructor(
    readonly courseId: string,
    readonly lessonId: string,
  ) {
    super(`Unknown lesson ${lessonId} in course ${courseId}`);
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
