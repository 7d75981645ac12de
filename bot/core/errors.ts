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
