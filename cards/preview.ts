import { courseText, type Course } from '../bot/core/course.js';
import { translator } from '../bot/i18n/translator.js';
import type { AdaptiveCard } from './models.js';
import { lessonCard } from './views/lesson-card.js';

/** The lesson card exactly as the bot sends it to someone who has not read it, for validation and previews. */
export function lessonCardPreview(course: Course, language: string, lessonIndex: number): AdaptiveCard {
  const text = courseText(course, language);
  const lesson = text.lessons[lessonIndex];
  if (!lesson) throw new RangeError(`Lesson index ${lessonIndex} is outside course ${course.id} (${language})`);
  return lessonCard({ courseId: course.id, lesson, index: lessonIndex, total: text.lessons.length, read: false }, text, translator(language));
}
