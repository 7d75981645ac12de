import type { NextStepProblem } from '../../bot/core/next-steps-service.js';
import { MAX_ANSWER_LENGTH } from '../../bot/core/answer-rules.js';
import type { Translator } from '../../bot/i18n/translator.js';
import type { AdaptiveCard } from '../models.js';
import { renderCard } from '../render.js';
import { verbs } from '../verbs.js';
import { answerHints, refreshFor, type ChannelCardContext } from './channel-context.js';
import { answerBasis } from '../../bot/core/answer-basis.js';
import { NEXT_STEPS_FORM, nextStepsSubject, type NextStepAnswer } from '../../bot/core/next-steps.js';

/** Input ids of the four next-step answers. */
export const nextStepInputIds = ['step1', 'step2', 'step3', 'step4'] as const;

/** The next-steps card: the form for everyone, or one person's saved view with their answers. */
export function nextStepsCard(
  input: {
    readonly teamName: string;
    readonly roundId: string;
    readonly questions: readonly string[];
    readonly channel: ChannelCardContext;
    readonly answers?: readonly string[];
    readonly visibility?: NextStepAnswer['visibility'];
    readonly saved?: boolean;
    readonly problems?: readonly NextStepProblem[];
  },
  t: Translator,
): AdaptiveCard {
  const visibility = input.visibility ?? NEXT_STEPS_FORM.defaultVisibility;
  return renderCard('next-steps', {
    title: t('nextSteps.title', { team: input.teamName }),
    intro: t('nextSteps.intro'),
    saved: input.saved ?? false,
    status: t(`nextSteps.saved.${visibility}`),
    problems: (input.problems ?? []).map((problem) => ({
      text:
        'length' in problem
          ? t('reflection.problem.tooLong', { question: input.questions[Number(problem.field.slice(8))] ?? problem.field.slice(8), length: problem.length, limit: problem.limit })
          : t(problem.kind === 'review' ? 'answers.review' : 'reflection.problem.empty', { save: t(input.saved ? 'action.editReflection' : 'action.saveNextSteps') }),
    })),
    questions: input.questions.map((label, index) => ({ id: nextStepInputIds[index]!, label, value: input.answers?.[index] ?? '' })),
    placeholder: t('reflection.placeholder', { limit: MAX_ANSWER_LENGTH }),
    maxLength: MAX_ANSWER_LENGTH,
    ...answerHints(input.answers, input.channel, t),
    basis: answerBasis(nextStepsSubject(input.roundId), input.answers ?? []),
    showMineLabel: t('action.showMyAnswers'),
    showMineVerb: verbs.nextStepsRefresh,
    visibilityLabel: t('nextSteps.visibility'),
    visibility,
    visibilityChoices: NEXT_STEPS_FORM.visibilities.map((value) => ({ title: t(`nextSteps.visibility.${value}`), value })),
    limitText: t('reflection.limit', { limit: MAX_ANSWER_LENGTH }),
    submitLabel: t(input.saved ? 'action.editReflection' : 'action.saveNextSteps'),
    submitVerb: verbs.nextStepsSubmit,
    roundId: input.roundId,
    teamId: input.channel.teamId,
    ...refreshFor(input.channel, verbs.nextStepsRefresh),
  });
}
