import type { AdaptiveCard } from '../../../cards/models.js';
import { noticeCard } from '../../../cards/views/personal-cards.js';
import { courseText, type Course } from '../../core/course.js';
import { ChooseCourseError } from '../../core/errors.js';
import type { TeamRef } from '../../core/team.js';
import type { Translator } from '../../i18n/translator.js';
import type { Turn } from '../turn.js';

/**
 * Builds the answer for one course of the team; when the team runs several and none was named, answers instead with a
 * card that asks which one: a button per course, each calling `verb` again with that course.
 */
export async function forCourse(turn: Turn, ref: TeamRef, verb: string, courseId: string | undefined, build: (courseId: string | undefined) => Promise<AdaptiveCard>): Promise<AdaptiveCard> {
  try {
    return await build(courseId);
  } catch (error) {
    if (!(error instanceof ChooseCourseError)) throw error;
    return chooseCourseCard(turn, ref, verb, error.courseIds);
  }
}

/** "Which course?": one button per course of the team, in the order the team started them. */
export async function chooseCourseCard(turn: Turn, ref: TeamRef, verb: string, courseIds: readonly string[]): Promise<AdaptiveCard> {
  const courses = await turn.services.courses.forTenant(ref.tenantId);
  return noticeCard({
    title: turn.t('courses.choose.title'),
    text: turn.t('courses.choose.text'),
    executes: courseIds.map((courseId) => {
      const course = courses.known(courseId);
      return { label: course ? courseText(course, turn.t.language).title : courseId, verb, data: { teamId: ref.teamId, courseId } };
    }),
  });
}

/** "Choose a course" in personal chat: the person's current course, and a button per course open to them (`<word> <id>`). */
export function personalCourseChoiceCard(open: readonly Course[], currentCourseId: string, word: string, t: Translator): AdaptiveCard {
  const title = (id: string): string => {
    const course = open.find((candidate) => candidate.id === id);
    return course ? courseText(course, t.language).title : id;
  };
  return noticeCard({
    title: t('courses.personal.title'),
    text: t('courses.personal.text', { course: title(currentCourseId) }),
    actions: open.map((course) => ({ label: courseText(course, t.language).title, command: `${word} ${course.id}` })),
  });
}
