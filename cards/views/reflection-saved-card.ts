import type { CourseText, Lesson } from '../../bot/core/course.js';
import type { ReflectionAnswers } from '../../bot/core/ports.js';
import type { Translator } from '../../bot/i18n/translator.js';
import type { AdaptiveCard } from '../models.js';
import { renderCard } from '../render.js';
import { verbs } from '../verbs.js';

/** The confirmation after a reflection is saved, showing the answers and an edit button. */
export function reflectionSavedCard(
  input: {
    readonly courseId: string;
    readonly lesson: Lesson;
    readonly text: CourseText;
    readonly answers: ReflectionAnswers;
    readonly created: boolean;
    readonly hasNext: boolean;
  },
  t: Translator,
): AdaptiveCard {
  return renderCard('reflection-saved', {
    title: t('reflection.savedTitle'),
    subtitle: input.lesson.title,
    status: t(input.created ? 'reflection.created' : 'reflection.updated'),
    answers: input.text.reflectionQuestions.map((question, index) => ({
      question,
      answer: input.answers[index] || t('reflection.answerEmpty'),
    })),
    editLabel: t('action.editReflection'),
    editVerb: verbs.reflectionEdit,
    hasNext: input.hasNext,
    nextLabel: t('action.nextLesson'),
    progressLabel: t('action.progress'),
    courseId: input.courseId,
    lessonId: input.lesson.id,
  });
}
