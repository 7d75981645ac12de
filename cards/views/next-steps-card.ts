import type { NextStepAnswer } from '../../bot/core/next-steps.js';
import type { NextStepProblem } from '../../bot/core/next-steps-service.js';
import { MAX_ANSWER_LENGTH } from '../../bot/core/reflection-rules.js';
import type { Translator } from '../../bot/i18n/translator.js';
import type { AdaptiveCard } from '../models.js';
import { renderCard } from '../render.js';
import { verbs } from '../verbs.js';
import { refreshFor, type ChannelCardContext } from './channel-context.js';

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
  const visibility = input.visibility ?? 'named';
  return renderCard('next-steps', {
    title: t('nextSteps.title', { team: input.teamName }),
    intro: t('nextSteps.intro'),
    saved: input.saved ?? false,
    status: t(`nextSteps.saved.${visibility}`),
    problems: (input.problems ?? []).map((problem) => ({
      text:
        'length' in problem
          ? t('reflection.problem.tooLong', { question: Number(problem.field.slice(8)) + 1, length: problem.length, limit: problem.limit })
          : t('reflection.problem.empty'),
    })),
    questions: input.questions.map((label, index) => ({ id: nextStepInputIds[index]!, label, value: input.answers?.[index] ?? '' })),
    placeholder: t('reflection.placeholder'),
    maxLength: MAX_ANSWER_LENGTH,
    visibilityLabel: t('nextSteps.visibility'),
    visibility,
    visibilityChoices: (['named', 'anonymous'] as const).map((value) => ({ title: t(`nextSteps.visibility.${value}`), value })),
    limitText: t('reflection.limit', { limit: MAX_ANSWER_LENGTH }),
    submitLabel: t(input.saved ? 'action.editReflection' : 'action.saveNextSteps'),
    submitVerb: verbs.nextStepsSubmit,
    roundId: input.roundId,
    teamId: input.channel.teamId,
    ...refreshFor(input.channel, verbs.nextStepsRefresh),
  });
}
