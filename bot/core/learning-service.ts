import { courseText, lessonIds, type Course, type CourseCatalog, type Lesson } from './course.js';
import { UnknownCourseError, UnknownLessonError } from './errors.js';
import type { PersonRef } from './person.js';
import type { Clock, ProgressRepository, Reflection, ReflectionAnswers, ReflectionRepository, ReflectionVisibility } from './ports.js';
import { keepUnseenAnswers } from './answer-basis.js';
import { normaliseAnswers, reflectionProblems, type ReflectionProblem } from './reflection-rules.js';

/** A lesson as one person sees it. */
export type LessonView = {
  readonly courseId: string;
  readonly lesson: Lesson;
  /** Zero-based position in the course. */
  readonly index: number;
  readonly total: number;
  readonly read: boolean;
};

/** What comes next for a person in a course. */
export type NextStep = { readonly kind: 'lesson'; readonly view: LessonView } | { readonly kind: 'complete'; readonly total: number };

/** A person's progress in one course. */
export type ProgressView = {
  readonly courseId: string;
  readonly courseTitle: string;
  readonly lessons: readonly { readonly id: string; readonly title: string; readonly read: boolean }[];
  readonly lessonsRead: number;
  readonly lessonsTotal: number;
  readonly reflections: number;
};

/** The outcome of submitting a reflection. */
export type ReflectionResult =
  | { readonly ok: true; readonly created: boolean; readonly answers: ReflectionAnswers }
  | { readonly ok: false; readonly problems: readonly ReflectionProblem[]; readonly answers: ReflectionAnswers };

/** A reflection submission as it arrives from a card. */
export type ReflectionSubmission = {
  readonly courseId: string;
  readonly lessonId: string;
  readonly answers: readonly unknown[];
  readonly visibility?: ReflectionVisibility;
  /** What the card showed in each field (see answerBasis); absent when every stored answer was shown. */
  readonly basis?: unknown;
};

/** The subject an answer basis is salted with for a reflection on a lesson. */
export function reflectionSubject(courseId: string, lessonId: string): string {
  return `reflection/${courseId}/${lessonId}`;
}

/**
 * The answers of a submission with its problems; empty fields where the card did not show a saved answer get that
 * answer back and a `review` problem, so nothing saved elsewhere is cleared without the person seeing it.
 */
export function checkReflection(submission: ReflectionSubmission, earlier: Reflection | undefined): { readonly answers: ReflectionAnswers; readonly problems: readonly ReflectionProblem[] } {
  const submitted = normaliseAnswers(submission.answers);
  const merged = keepUnseenAnswers(reflectionSubject(submission.courseId, submission.lessonId), submitted, earlier?.answers, submission.basis);
  const answers = normaliseAnswers(merged.answers);
  const problems = reflectionProblems(answers);
  return { answers, problems: merged.kept.length > 0 ? [{ kind: 'review' }, ...problems] : problems };
}

/** The learning loop: lessons, completion, reflections and progress, per person per course. */
export class LearningService {
  constructor(
    private readonly deps: {
      readonly courses: CourseCatalog;
      readonly progress: ProgressRepository;
      readonly reflections: ReflectionRepository;
      readonly clock: Clock;
    },
  ) {}

  /** The course served when none is named. */
  defaultCourseId(): string {
    return this.deps.courses.defaultCourse().id;
  }

  /** The first lesson the person has not read, or that the course is complete. */
  async next(person: PersonRef, courseId: string, language: string): Promise<NextStep> {
    const course = this.course(person.tenantId, courseId);
    const read = await this.deps.progress.readLessonIds(person, courseId);
    const lessons = courseText(course, language).lessons;
    const index = lessons.findIndex((lesson) => !read.has(lesson.id));
    if (index < 0) return { kind: 'complete', total: lessons.length };
    return { kind: 'lesson', view: this.view(course, lessons, index, false) };
  }

  /** One lesson as the person sees it. */
  async lesson(person: PersonRef, courseId: string, lessonId: string, language: string): Promise<LessonView> {
    const course = this.course(person.tenantId, courseId);
    const lessons = courseText(course, language).lessons;
    const index = this.indexOf(course, lessons, lessonId);
    const read = await this.deps.progress.readLessonIds(person, courseId);
    return this.view(course, lessons, index, read.has(lessonId));
  }

  /** Records that the person has read the lesson (idempotent) and returns their view of it. */
  async markRead(person: PersonRef, courseId: string, lessonId: string, language: string): Promise<LessonView & { readonly firstTime: boolean }> {
    const course = this.course(person.tenantId, courseId);
    const lessons = courseText(course, language).lessons;
    const index = this.indexOf(course, lessons, lessonId);
    const firstTime = await this.deps.progress.markRead(person, courseId, lessonId, this.deps.clock.now());
    return { ...this.view(course, lessons, index, true), firstTime };
  }

  /**
   * Validates and stores a reflection; submitting again replaces the earlier answers.
   * @remarks The earlier choice of sharing and its reply are kept; use ChannelCourseService to change them.
   */
  async reflect(person: PersonRef, submission: ReflectionSubmission): Promise<ReflectionResult> {
    const course = this.course(person.tenantId, submission.courseId);
    if (!lessonIds(course).includes(submission.lessonId)) throw new UnknownLessonError(course.id, submission.lessonId);
    const earlier = await this.deps.reflections.find(person, course.id, submission.lessonId);
    const { answers, problems } = checkReflection(submission, earlier);
    if (problems.length > 0) return { ok: false, problems, answers };
    const { created } = await this.deps.reflections.save(
      person,
      {
        courseId: course.id,
        lessonId: submission.lessonId,
        answers,
        visibility: submission.visibility ?? earlier?.visibility ?? 'private',
        teamId: earlier?.teamId,
        sharedReplyId: earlier?.sharedReplyId,
      },
      this.deps.clock.now(),
    );
    return { ok: true, created, answers };
  }

  /** The person's earlier reflection on the lesson, if any. */
  async reflection(person: PersonRef, courseId: string, lessonId: string): Promise<Reflection | undefined> {
    const course = this.course(person.tenantId, courseId);
    if (!lessonIds(course).includes(lessonId)) throw new UnknownLessonError(course.id, lessonId);
    return this.deps.reflections.find(person, courseId, lessonId);
  }

  /** Lessons read of total and reflections given. */
  async progress(person: PersonRef, courseId: string, language: string): Promise<ProgressView> {
    const course = this.course(person.tenantId, courseId);
    const text = courseText(course, language);
    const [read, reflections] = await Promise.all([
      this.deps.progress.readLessonIds(person, courseId),
      this.deps.reflections.count(person, courseId),
    ]);
    const lessons = text.lessons.map((lesson) => ({ id: lesson.id, title: lesson.title, read: read.has(lesson.id) }));
    return {
      courseId,
      courseTitle: text.title,
      lessons,
      lessonsRead: lessons.filter((lesson) => lesson.read).length,
      lessonsTotal: lessons.length,
      reflections,
    };
  }

  private course(tenantId: string, courseId: string): Course {
    const course = this.deps.courses.forTenant(tenantId).get(courseId);
    if (!course) throw new UnknownCourseError(courseId);
    return course;
  }

  private indexOf(course: Course, lessons: readonly Lesson[], lessonId: string): number {
    const index = lessons.findIndex((lesson) => lesson.id === lessonId);
    if (index < 0) throw new UnknownLessonError(course.id, lessonId);
    return index;
  }

  private view(course: Course, lessons: readonly Lesson[], index: number, read: boolean): LessonView {
    return { courseId: course.id, lesson: lessons[index]!, index, total: lessons.length, read };
  }
}
