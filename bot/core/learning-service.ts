import { courseText, lessonIds, type Course, type CourseCatalog, type Lesson } from './course.js';
import { NotFoundError } from './errors.js';
import type { PersonRef } from './person.js';
import type { Clock, PersonRepository, ProgressRepository, ReflectionRepository } from './ports.js';
import type { Reflection, ReflectionAnswers, ReflectionVisibility } from './reflection.js';
import { checkAnswers, type AnswerForm, type AnswerProblem } from './answer-rules.js';

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
  | { readonly ok: false; readonly problems: readonly AnswerProblem[]; readonly answers: ReflectionAnswers };

/** A reflection submission as it arrives from a card. */
export type ReflectionSubmission = {
  readonly courseId: string;
  readonly lessonId: string;
  readonly answers: readonly unknown[];
  readonly visibility?: ReflectionVisibility;
  /** What the card showed in each field (see answerBasis); absent when every stored answer was shown. */
  readonly basis?: unknown;
};

/** The reflection form: three questions, at least one answered; private, or shared with or without the author's name. */
export const REFLECTION_FORM: AnswerForm<3> = { questions: 3, required: true, visibilities: ['private', 'named', 'anonymous'], defaultVisibility: 'private' };

/** The subject an answer basis is salted with for a reflection on a lesson. */
export function reflectionSubject(courseId: string, lessonId: string): string {
  return `reflection/${courseId}/${lessonId}`;
}

/**
 * The answers of a submission with its problems; empty fields where the card did not show a saved answer get that
 * answer back and a `review` problem, so nothing saved elsewhere is cleared without the person seeing it.
 */
export function checkReflection(submission: ReflectionSubmission, earlier: Reflection | undefined): { readonly answers: ReflectionAnswers; readonly problems: readonly AnswerProblem[] } {
  return checkAnswers(REFLECTION_FORM, { subject: reflectionSubject(submission.courseId, submission.lessonId), submitted: submission.answers, stored: earlier?.answers, basis: submission.basis });
}

/** The learning loop: lessons, completion, reflections and progress, per person per course. */
export class LearningService {
  constructor(
    private readonly deps: {
      readonly courses: CourseCatalog;
      readonly progress: ProgressRepository;
      readonly reflections: ReflectionRepository;
      readonly clock: Clock;
      /**
       * Where a person's language and course choice for personal chat are kept (without it: no language chosen, and
       * always the tenant's default course).
       */
      readonly people?: Pick<PersonRepository, 'language' | 'chosenCourse' | 'chooseCourse'>;
    },
  ) {}

  /** The language the person chose (the bot's language command), if any. */
  language(person: PersonRef): Promise<string | undefined> {
    return this.deps.people ? this.deps.people.language(person) : Promise.resolve(undefined);
  }

  /** The course served to a person of the tenant when none is named or chosen. */
  async defaultCourseId(tenantId: string): Promise<string> {
    return (await this.deps.courses.forTenant(tenantId)).defaultCourse().id;
  }

  /**
   * The courses a person may continue in personal chat: those the tenant offers, and any other course the person has
   * already chosen (a course no longer offered stays open to those who started it).
   */
  async coursesFor(person: PersonRef): Promise<readonly Course[]> {
    const courses = await this.deps.courses.forTenant(person.tenantId);
    const chosen = await this.deps.people?.chosenCourse(person);
    const extra = chosen && !courses.get(chosen) ? courses.known(chosen) : undefined;
    return extra ? [...courses.all(), extra] : courses.all();
  }

  /** The course `start` and `neste` continue for the person: their choice if it is still open to them, else the tenant's default course. */
  async currentCourseId(person: PersonRef): Promise<string> {
    const chosen = await this.deps.people?.chosenCourse(person);
    if (chosen && (await this.deps.courses.forTenant(person.tenantId)).known(chosen)) return chosen;
    return this.defaultCourseId(person.tenantId);
  }

  /** Stores the course the person continues in personal chat; a course not open to them is refused (NotFoundError). */
  async chooseCourse(person: PersonRef, courseId: string): Promise<Course> {
    const course = (await this.coursesFor(person)).find((candidate) => candidate.id === courseId);
    if (!course) throw new NotFoundError('course', courseId);
    await this.deps.people?.chooseCourse(person, course.id, this.deps.clock.now());
    return course;
  }

  /** The first lesson the person has not read, or that the course is complete. */
  async next(person: PersonRef, courseId: string, language: string): Promise<NextStep> {
    const course = await this.course(person.tenantId, courseId);
    const read = await this.deps.progress.readLessonIds(person, courseId);
    const lessons = courseText(course, language).lessons;
    const index = lessons.findIndex((lesson) => !read.has(lesson.id));
    if (index < 0) return { kind: 'complete', total: lessons.length };
    return { kind: 'lesson', view: this.view(course, lessons, index, false) };
  }

  /** One lesson as the person sees it. */
  async lesson(person: PersonRef, courseId: string, lessonId: string, language: string): Promise<LessonView> {
    const course = await this.course(person.tenantId, courseId);
    const lessons = courseText(course, language).lessons;
    const index = this.indexOf(course, lessons, lessonId);
    const read = await this.deps.progress.readLessonIds(person, courseId);
    return this.view(course, lessons, index, read.has(lessonId));
  }

  /** Records that the person has read the lesson (idempotent) and returns their view of it. */
  async markRead(person: PersonRef, courseId: string, lessonId: string, language: string): Promise<LessonView & { readonly firstTime: boolean }> {
    const course = await this.course(person.tenantId, courseId);
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
    const course = await this.course(person.tenantId, submission.courseId);
    if (!lessonIds(course).includes(submission.lessonId)) throw new NotFoundError('lesson', submission.lessonId, course.id);
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
    const course = await this.course(person.tenantId, courseId);
    if (!lessonIds(course).includes(lessonId)) throw new NotFoundError('lesson', lessonId, course.id);
    return this.deps.reflections.find(person, courseId, lessonId);
  }

  /** Lessons read of total and reflections given. */
  async progress(person: PersonRef, courseId: string, language: string): Promise<ProgressView> {
    const course = await this.course(person.tenantId, courseId);
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

  /** A course the tenant can see (offered, or one its people already started). */
  private async course(tenantId: string, courseId: string): Promise<Course> {
    const course = (await this.deps.courses.forTenant(tenantId)).known(courseId);
    if (!course) throw new NotFoundError('course', courseId);
    return course;
  }

  private indexOf(course: Course, lessons: readonly Lesson[], lessonId: string): number {
    const index = lessons.findIndex((lesson) => lesson.id === lessonId);
    if (index < 0) throw new NotFoundError('lesson', lessonId, course.id);
    return index;
  }

  private view(course: Course, lessons: readonly Lesson[], index: number, read: boolean): LessonView {
    return { courseId: course.id, lesson: lessons[index]!, index, total: lessons.length, read };
  }
}
