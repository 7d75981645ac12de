import type { ChannelCourseService } from './channel-course-service.js';
import { courseText, type CourseCatalog, type CourseText } from './course.js';
import { NotFoundError } from './errors.js';
import type { LearningService, LessonView, ReflectionResult } from './learning-service.js';
import type { PersonRef } from './person.js';
import type { ReflectionRepository } from './ports.js';
import type { Reflection } from './reflection.js';

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

  /**
   * The course (the person's current one when left out) in the language, with which lessons the person has read, their
   * reflections, and every course they may choose.
   */
  async overview(
    person: PersonRef,
    language: string,
    courseId?: string,
  ): Promise<{ readonly courseId: string; readonly text: CourseText; readonly read: ReadonlySet<string>; readonly reflections: readonly Reflection[]; readonly courses: readonly { readonly id: string; readonly title: string }[] }> {
    const open = await this.deps.learning.coursesFor(person);
    const id = await this.courseId(person, courseId);
    const course = open.find((candidate) => candidate.id === id) ?? (await this.deps.courses.forTenant(person.tenantId)).known(id);
    if (!course) throw new NotFoundError('course', id);
    const [progress, reflections] = await Promise.all([this.deps.learning.progress(person, course.id, language), this.deps.reflections.listForPerson(person, course.id)]);
    return {
      courseId: course.id,
      text: courseText(course, language),
      read: new Set(progress.lessons.filter((l) => l.read).map((l) => l.id)),
      reflections,
      courses: open.map((candidate) => ({ id: candidate.id, title: courseText(candidate, language).title })),
    };
  }

  /** One lesson to read. */
  async lesson(person: PersonRef, lessonId: string, language: string, courseId?: string): Promise<LessonView> {
    return this.deps.learning.lesson(person, await this.courseId(person, courseId), lessonId, language);
  }

  /** Marks a lesson read (idempotent). */
  async markRead(person: PersonRef, lessonId: string, language: string, courseId?: string): Promise<LessonView> {
    return this.deps.learning.markRead(person, await this.courseId(person, courseId), lessonId, language);
  }

  /**
   * Edits the person's reflection with the same rules as on the card; a shared one is updated in its thread too.
   * @remarks Editing keeps the visibility the author chose; there must be a reflection to edit.
   */
  async editReflection(person: PersonRef, authorName: string, lessonId: string, answers: readonly unknown[], asked?: string): Promise<ReflectionResult & { readonly reflection?: Reflection }> {
    const courseId = await this.courseId(person, asked);
    if (!(await this.deps.reflections.find(person, courseId, lessonId))) throw new NotFoundError('reflection', lessonId, courseId);
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
  async deleteReflection(person: PersonRef, lessonId: string, courseId?: string): Promise<boolean> {
    return this.deps.channelCourse.withdrawReflection(person, await this.courseId(person, courseId), lessonId);
  }

  /** The course asked for, or the person's current course. */
  private async courseId(person: PersonRef, asked?: string): Promise<string> {
    return asked || this.deps.learning.currentCourseId(person);
  }
}
