import type { CourseText, Lesson } from '../../bot/core/course.js';
import type { ReflectionAnswers, ReflectionVisibility } from '../../bot/core/reflection.js';
import { MAX_ANSWER_LENGTH, type AnswerProblem } from '../../bot/core/answer-rules.js';
import type { Translator } from '../../bot/i18n/translator.js';
import type { AdaptiveCard } from '../models.js';
import { renderCard } from '../render.js';
import { verbs } from '../verbs.js';
import { answerHints, refreshFor, type ChannelCardContext } from './channel-context.js';
import { answerBasis } from '../../bot/core/answer-basis.js';
import { REFLECTION_FORM, reflectionSubject } from '../../bot/core/learning-service.js';

/** Input ids of the three answers on the reflection card. */
export const answerInputIds = ['answer1', 'answer2', 'answer3'] as const;

/** The visibility choices, in the order shown. */
export const visibilities: readonly ReflectionVisibility[] = REFLECTION_FORM.visibilities;

/**
 * The reflection form, prefilled with earlier answers and showing any problems with them.
 * @remarks In a channel round it also asks whether to keep the answer private or share it, named or anonymously.
 */
export function reflectionCard(
  input: {
    readonly courseId: string;
    readonly lesson: Lesson;
    readonly text: CourseText;
    readonly answers?: ReflectionAnswers;
    readonly problems?: readonly AnswerProblem[];
    readonly visibility?: ReflectionVisibility;
    readonly channel?: ChannelCardContext;
  },
  t: Translator,
): AdaptiveCard {
  return renderCard('reflection', {
    title: t('reflection.title', { lesson: input.lesson.title }),
    intro: t(input.channel ? 'round.intro' : 'reflection.intro'),
    problems: (input.problems ?? []).map((problem) => ({ text: problemText(problem, input.text.reflectionQuestions, t) })),
    questions: input.text.reflectionQuestions.map((label, index) => ({
      id: answerInputIds[index]!,
      label,
      value: input.answers?.[index] ?? '',
    })),
    placeholder: t('reflection.placeholder', { limit: MAX_ANSWER_LENGTH }),
    maxLength: MAX_ANSWER_LENGTH,
    ...answerHints(input.answers, input.channel, t),
    basis: answerBasis(reflectionSubject(input.courseId, input.lesson.id), input.answers ?? []),
    showMineLabel: t('action.showMyAnswers'),
    showMineVerb: verbs.reflectionEdit,
    limitText: t('reflection.limit', { limit: MAX_ANSWER_LENGTH }),
    submitLabel: t('action.submitReflection'),
    submitVerb: verbs.reflectionSubmit,
    courseId: input.courseId,
    lessonId: input.lesson.id,
    teamId: input.channel?.teamId ?? '',
    showVisibility: input.channel !== undefined,
    visibilityLabel: t('round.visibility'),
    visibility: input.visibility ?? REFLECTION_FORM.defaultVisibility,
    visibilityChoices: visibilities.map((value) => ({ title: t(`round.visibility.${value}`), value })),
    ...refreshFor(input.channel, verbs.reflectionRefresh),
  });
}

function problemText(problem: AnswerProblem, questions: readonly string[], t: Translator): string {
  switch (problem.kind) {
    case 'empty':
      return t('reflection.problem.empty');
    case 'review':
      return t('answers.review', { save: t('action.submitReflection') });
    case 'tooLong':
      return t('reflection.problem.tooLong', { question: questions[problem.question] ?? String(problem.question + 1), length: problem.length, limit: problem.limit });
  }
}
