import type { Dilemma } from '../../bot/core/course.js';
import { DILEMMA_REASON_FORM, dilemmaSubject, type DilemmaTally } from '../../bot/core/dilemma.js';
import type { DilemmaProblem } from '../../bot/core/dilemma-service.js';
import type { ReflectionVisibility } from '../../bot/core/reflection.js';
import { answerBasis } from '../../bot/core/answer-basis.js';
import { MAX_ANSWER_LENGTH } from '../../bot/core/answer-rules.js';
import type { Translator } from '../../bot/i18n/translator.js';
import type { AdaptiveCard } from '../models.js';
import { renderCard } from '../render.js';
import { verbs } from '../verbs.js';
import { answerHints, refreshFor, type ChannelCardContext } from './channel-context.js';

/** "How many chose it": a count and a share, as the catalog words it. */
function countText(count: number, answered: number, t: Translator): string {
  return t('dilemma.count', { count, percent: answered > 0 ? Math.round((100 * count) / answered) : 0 });
}

/**
 * The dilemma card: the scenario, the options to choose from and a reason with its visibility; the viewer's own
 * choice; and, once the minimum group has answered, how many chose each option and what each costs and gains.
 * Every text of a person (the reason) and of the course is a TextRun, never Markdown.
 */
export function dilemmaCard(
  input: {
    readonly roundId: string;
    readonly dilemma: Dilemma;
    readonly goalNames: readonly string[];
    readonly tally: DilemmaTally;
    readonly channel: ChannelCardContext;
    readonly optionId?: string;
    readonly reason?: string;
    readonly visibility?: ReflectionVisibility;
    readonly saved?: boolean;
    readonly problems?: readonly DilemmaProblem[];
  },
  t: Translator,
): AdaptiveCard {
  const { dilemma, tally } = input;
  const chosen = dilemma.options.find((option) => option.id === input.optionId);
  const goal = (number: number): string => input.goalNames[number - 1] ?? String(number);
  const effect = (e: { readonly goal: number; readonly text: string }) => ({ text: t('dilemma.effect', { goal: String(e.goal), name: goal(e.goal), text: e.text }) });
  const status =
    tally.counts === undefined
      ? tally.answered === 0
        ? t('dilemma.noneYet', { min: tally.minGroupSize })
        : t('dilemma.answeredHidden', { count: tally.answered, min: tally.minGroupSize })
      : t('dilemma.answered', { count: tally.answered });
  const reason = input.reason ?? '';
  return renderCard('dilemma', {
    title: dilemma.title,
    scenario: dilemma.scenario,
    status,
    hasMine: input.saved === true && chosen !== undefined,
    mine: chosen ? t(`dilemma.mine.${input.visibility ?? 'private'}`, { option: chosen.label }) : '',
    problems: (input.problems ?? []).map((problem) => ({
      text:
        problem.kind === 'tooLong'
          ? t('dilemma.problem.tooLong', { length: problem.length, limit: problem.limit })
          : problem.kind === 'review'
            ? t('answers.review', { save: t('action.saveChoice') })
            : t('dilemma.problem.option'),
    })),
    revealed: tally.counts !== undefined,
    results: dilemma.options.map((option) => ({
      heading: t('dilemma.result', { option: option.label, count: countText(tally.counts?.get(option.id) ?? 0, tally.answered, t) }),
      gains: option.gains.map(effect),
      costs: option.costs.map(effect),
    })),
    gainsLabel: t('dilemma.gains'),
    costsLabel: t('dilemma.costs'),
    optionLabel: t('dilemma.choose'),
    optionError: t('dilemma.problem.option'),
    option: chosen?.id ?? '',
    options: dilemma.options.map((option) => ({ title: option.label, value: option.id })),
    reasonLabel: t('dilemma.reason'),
    reason,
    placeholder: t('reflection.placeholder', { limit: MAX_ANSWER_LENGTH }),
    maxLength: MAX_ANSWER_LENGTH,
    ...answerHints(reason === '' ? undefined : [reason], input.channel, t),
    basis: answerBasis(dilemmaSubject(input.roundId), [reason]),
    showMineLabel: t('action.showMyChoice'),
    showMineVerb: verbs.dilemmaRefresh,
    visibilityLabel: t('dilemma.visibility'),
    visibility: input.visibility ?? DILEMMA_REASON_FORM.defaultVisibility,
    visibilityChoices: DILEMMA_REASON_FORM.visibilities.map((value) => ({ title: t(`dilemma.visibility.${value}`), value })),
    hasFollowUp: dilemma.followUp !== undefined,
    followUp: dilemma.followUp ?? '',
    hasSources: (dilemma.sources ?? []).length > 0,
    sourcesLabel: t('dilemma.sources'),
    sources: (dilemma.sources ?? []).map((source) => ({ title: source.title, url: source.url })),
    submitLabel: t(input.saved ? 'action.changeChoice' : 'action.saveChoice'),
    submitVerb: verbs.dilemmaSubmit,
    roundId: input.roundId,
    teamId: input.channel.teamId,
    ...refreshFor(input.channel, verbs.dilemmaRefresh),
  });
}
