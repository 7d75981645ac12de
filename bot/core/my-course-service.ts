import type { ChannelCourseService } from './channel-course-service.js';
import { courseText, type CourseCatalog, type CourseText } from './course.js';
import { UnknownLessonError } from './errors.js';
import type { LearningService, LessonView, ReflectionResult } from './learning-service.js';
import type { PersonRef } from './person.js';
import type { Reflection, ReflectionRepository } from './ports.js';

/** The personal tab: one's own lessons and reflections, with editing and deleting. */
export class MyCourseService {
  constructor(
    private readonly deps: {
      readonly courses: CourseCatalog;
      readonly learning: LearningService;
      readonly channelCourse: ChannelCourseService;
      readonly reflections: ReflectionRepository;
    },
  ) {}

  /** The course in the language, with which lessons the person has read and their reflections. */
  async overview(person: PersonRef, language: string): Promise<{ readonly courseId: string; readonly text: CourseText; readonly read: ReadonlySet<string>; readonly reflections: readonly Reflection[] }> {
    const course = this.deps.courses.defaultCourse();
    const [progress, reflections] = await Promise.all([this.deps.learning.progress(person, course.id, language), this.deps.reflections.listForPerson(person, course.id)]);
    return { courseId: course.id, text: courseText(course, language), read: new Set(progress.lessons.filter((l) => l.read).map((l) => l.id)), reflections };
  }

  /** One lesson to read. */
  lesson(person: PersonRef, lessonId: string, language: string): Promise<LessonView> {
    return this.deps.learning.lesson(person, this.courseId(), lessonId, language);
  }

  /** Marks a lesson read (idempotent). */
  markRead(person: PersonRef, lessonId: string, language: string): Promise<LessonView> {
    return this.deps.learning.markRead(person, this.courseId(), lessonId, language);
  }

  /**
   * Edits the person's reflection with the same rules as on the card; a shared one is updated in its thread too.
   * @remarks Editing keeps the visibility the author chose; there must be a reflection to edit.
   */
  async editReflection(person: PersonRef, authorName: string, lessonId: string, answers: readonly unknown[]): Promise<ReflectionResult & { readonly reflection?: Reflection }> {
    const courseId = this.courseId();
    if (!(await this.deps.reflections.find(person, courseId, lessonId))) throw new UnknownLessonError(courseId, lessonId);
    const result = await this.reflectKeepingChoice(person, authorName, courseId, lessonId, answers);
    return result.ok ? { ...result, reflection: await this.deps.reflections.find(person, courseId, lessonId) } : result;
  }

  /**
   * Saves a reflection given outside a channel round (personal chat, the tab), keeping how the author shared it:
   * a reply they shared in a thread is edited there too, never left behind.
   */
  async reflectKeepingChoice(person: PersonRef, authorName: string, courseId: string, lessonId: string, answers: readonly unknown[], basis?: unknown): Promise<ReflectionResult> {
    const existing = await this.deps.reflections.find(person, courseId, lessonId);
    if (existing?.teamId && existing.visibility !== 'private') {
      return this.deps.channelCourse.reflect(person, authorName, { tenantId: person.tenantId, teamId: existing.teamId }, { courseId, lessonId, answers, visibility: existing.visibility, basis });
    }
    return this.deps.learning.reflect(person, { courseId, lessonId, answers, basis });
  }

  /** Deletes the person's reflection (and withdraws it from the thread if it was shared). */
  deleteReflection(person: PersonRef, lessonId: string): Promise<boolean> {
    return this.deps.channelCourse.withdrawReflection(person, this.courseId(), lessonId);
  }

  private courseId(): string {
    return this.deps.courses.defaultCourse().id;
  }
}
