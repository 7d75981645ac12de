import { lessonCardPreview } from '../../cards/preview.js';
import { cardBytes, unexpandedBindings, validateAdaptiveCard } from '../../cards/validate-card.js';
import type { Course } from '../core/course.js';
import { pointer } from './json-pointer.js';
import { packLimits } from './pack-limits.js';
import { packIssue, type PackIssue } from './pack-problem.js';

/** Renders the Adaptive Card of one lesson exactly as the bot sends it. */
export type LessonCardRenderer = (course: Course, language: string, lessonIndex: number) => unknown;

/** Kilobytes to one decimal, as the messages show them. */
const kilobytes = (bytes: number): number => Math.round((bytes / 1024) * 10) / 10;

/**
 * Renders every lesson in every language and checks the card: it renders, it is a valid Adaptive Card 1.5,
 * it shows no raw template placeholder, and it is within the size limit.
 * @remarks Needs a pack that passed the JSON Schema.
 */
export function checkLessonCards(course: Course, render: LessonCardRenderer = lessonCardPreview): PackIssue[] {
  const issues: PackIssue[] = [];
  for (const language of course.languages) {
    const lessons = course.content[language]?.lessons ?? [];
    lessons.forEach((_lesson, index) => {
      const path = pointer('content', language, 'lessons', index);
      let card: unknown;
      try {
        card = render(course, language, index);
      } catch (error) {
        issues.push(packIssue(path, language, 'lessonCardRender', { detail: error instanceof Error ? error.message : String(error) }));
        return;
      }
      const bytes = cardBytes(card);
      if (bytes > packLimits.cardBytes) {
        issues.push(packIssue(path, language, 'lessonCardSize', { size: kilobytes(bytes), limit: kilobytes(packLimits.cardBytes) }));
      }
      const schemaErrors = validateAdaptiveCard(card);
      if (schemaErrors.length > 0) {
        issues.push(packIssue(path, language, 'lessonCardInvalid', { detail: schemaErrors.slice(0, 3).join('; ') }));
      }
      const placeholders = unexpandedBindings(card);
      if (placeholders.length > 0) {
        issues.push(packIssue(path, language, 'lessonCardPlaceholders', { placeholders: [...new Set(placeholders)].join(', ') }));
      }
    });
  }
  return issues;
}
