import { courseText, lessonIds, type Course, type CourseCatalog } from './course.js';
import { NotFoundError } from './errors.js';
import type { PersonRef } from './person.js';
import { safeCount } from './disclosure-control.js';
import type { TeamRef } from './team.js';

/** Where certificates are recorded, and the completion days they are made from. */
export interface CertificateRepository {
  /** The day (YYYY-MM-DD) the person read each lesson of the course they have read. */
  readDays(person: PersonRef, courseId: string): Promise<ReadonlyMap<string, string>>;
  /** Records that the person has fetched the course's certificate (idempotent; nothing else is kept). */
  record(person: PersonRef, courseId: string): Promise<void>;
  /** How many of the team's current members have fetched the course's certificate, and how many members there are. */
  countInTeam(team: TeamRef, courseId: string): Promise<{ readonly certified: number; readonly members: number }>;
}

/** What a certificate says, in one language (the name is added by whoever makes the PDF, from the sign-in). */
export type CertificateContent = {
  readonly courseId: string;
  readonly courseTitle: string;
  readonly lessons: readonly string[];
  /** The day the last lesson was read (YYYY-MM-DD). */
  readonly completedOn: string;
  readonly language: string;
};

/** A certificate, or why there is none: the course is not finished yet. */
export type CertificateOutcome =
  | { readonly ok: true; readonly content: CertificateContent }
  | { readonly ok: false; readonly read: number; readonly total: number };

/** The course certificate (*kursbevis*): for a person who has read every lesson; leaders see only a count. */
export class CertificateService {
  constructor(
    private readonly deps: {
      readonly courses: CourseCatalog;
      readonly certificates: CertificateRepository;
    },
  ) {}

  /** Whether the person has read every lesson of the course. */
  async finished(person: PersonRef, courseId: string): Promise<boolean> {
    const course = this.course(courseId);
    const days = await this.deps.certificates.readDays(person, courseId);
    return lessonIds(course).every((id) => days.has(id));
  }

  /** The certificate's content for the person, recorded as fetched; refused while any lesson is unread. */
  async issue(person: PersonRef, courseId: string, language: string): Promise<CertificateOutcome> {
    const course = this.course(courseId);
    const days = await this.deps.certificates.readDays(person, courseId);
    const ids = lessonIds(course);
    const read = ids.filter((id) => days.has(id));
    if (read.length < ids.length) return { ok: false, read: read.length, total: ids.length };
    const text = courseText(course, language);
    await this.deps.certificates.record(person, courseId);
    return {
      ok: true,
      content: {
        courseId,
        courseTitle: text.title,
        lessons: text.lessons.map((lesson) => lesson.title),
        completedOn: [...days.values()].sort().at(-1)!,
        language: course.content[language] ? language : course.defaultLanguage,
      },
    };
  }

  /**
   * How many of the team's members have a certificate; null unless the team has at least `minGroupSize` members and
   * neither those with nor those without one are a group of 1 … k−1 (either would let a small group be singled out).
   */
  async teamCount(team: TeamRef, courseId: string, minGroupSize: number): Promise<{ readonly certified: number | null; readonly members: number | null }> {
    const { certified, members } = await this.deps.certificates.countInTeam(team, courseId);
    if (members < minGroupSize) return { certified: null, members: null };
    const shown = safeCount(certified, minGroupSize) && safeCount(members - certified, minGroupSize);
    return { certified: shown ? certified : null, members };
  }

  private course(courseId: string): Course {
    const course = this.deps.courses.get(courseId);
    if (!course) throw new NotFoundError('course', courseId);
    return course;
  }
}
