import type { CourseText } from '../../bot/core/course.js';
import type { LessonView } from '../../bot/core/learning-service.js';
import type { Translator } from '../../bot/i18n/translator.js';
import type { AdaptiveCard } from '../models.js';
import { renderCard } from '../render.js';
import { verbs } from '../verbs.js';

/** The lesson card as one person sees it: unread with "I have read it", or read with "Next lesson". */
export function lessonCard(view: LessonView, text: CourseText, t: Translator): AdaptiveCard {
  const { lesson } = view;
  return renderCard('lesson', {
    position: t('lesson.position', { number: view.index + 1, total: view.total, minutes: lesson.minutes }),
    title: lesson.title,
    hasImage: lesson.image !== undefined,
    imageUrl: lesson.image?.url ?? '',
    imageAlt: lesson.image?.alt ?? '',
    paragraphs: lesson.body.map((paragraph) => ({ text: paragraph })),
    keyFactLabel: t('lesson.keyFact'),
    keyFact: lesson.keyFact,
    goalsLabel: t('lesson.goals'),
    goals: lesson.goals.map((goal) => ({ text: t('lesson.goal', { number: goal, name: text.goalNames[goal - 1] ?? '' }) })),
    sourcesLabel: t('lesson.sources'),
    sources: lesson.sources.map((source) => ({ text: `[${source.title}](${source.url})` })),
    read: view.read,
    hasNext: view.index + 1 < view.total,
    doneText: t('lesson.done'),
    pleaseMarkText: t('lesson.pleaseMark'),
    markReadLabel: t('action.markRead'),
    markReadVerb: verbs.lessonRead,
    nextLabel: t('action.nextLesson'),
    progressLabel: t('action.progress'),
    courseId: view.courseId,
    lessonId: lesson.id,
  });
}
