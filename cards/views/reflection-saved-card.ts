import type { CourseText, Lesson } from '../../bot/core/course.js';
import type { ReflectionAnswers, ReflectionVisibility } from '../../bot/core/reflection.js';
import type { Translator } from '../../bot/i18n/translator.js';
import type { AdaptiveCard } from '../models.js';
import { renderCard } from '../render.js';
import { verbs } from '../verbs.js';
import { refreshFor, type ChannelCardContext } from './channel-context.js';

/** The confirmation after a reflection is saved, showing the answers, where they went, and an edit button. */
export function reflectionSavedCard(
  input: {
    readonly courseId: string;
    readonly lesson: Lesson;
    readonly text: CourseText;
    readonly answers: ReflectionAnswers;
    readonly created: boolean;
    readonly hasNext: boolean;
    readonly visibility?: ReflectionVisibility;
    readonly channel?: ChannelCardContext;
  },
  t: Translator,
): AdaptiveCard {
  const status = input.channel ? t(`round.saved.${input.visibility ?? 'private'}`) : t(input.created ? 'reflection.created' : 'reflection.updated');
  return renderCard('reflection-saved', {
    title: t('reflection.savedTitle'),
    subtitle: input.lesson.title,
    status,
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
    teamId: input.channel?.teamId ?? '',
    ...refreshFor(input.channel, verbs.reflectionRefresh),
  });
}
