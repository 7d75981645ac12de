import type { AdaptiveCard } from '../../../cards/models.js';
import { dilemmaCard } from '../../../cards/views/dilemma-card.js';
import { verbs } from '../../../cards/verbs.js';
import type { DilemmaProblem } from '../../core/dilemma-service.js';
import type { ReflectionVisibility } from '../../core/ports.js';
import type { TeamRef } from '../../core/team.js';
import { startDilemma } from '../dilemma-flow.js';
import { cardInvokeResponse } from '../send.js';
import type { Turn } from '../turn.js';
import { BadCardDataError, requireText, type CardAction } from './card-action.js';
import { requireCardTeam } from './channel-scope.js';

const visibilities: readonly ReflectionVisibility[] = ['private', 'named', 'anonymous'];

/** The card as this viewer sees it: their own choice and reason (or what they just sent back), and the tally anyone may see. */
async function view(
  turn: Turn,
  ref: TeamRef,
  roundId: string,
  extra: { optionId?: string; reason?: string; visibility?: ReflectionVisibility; problems?: readonly DilemmaProblem[] } = {},
): Promise<AdaptiveCard> {
  const { dilemmas, channelCourse } = turn.services;
  const { round, dilemma, goalNames, tally } = await dilemmas.view(ref, roundId, turn.t.language);
  const own = await dilemmas.ownChoice(turn.person, round.id);
  const failed = extra.problems !== undefined && extra.problems.length > 0;
  return dilemmaCard(
    {
      roundId: round.id,
      dilemma,
      goalNames,
      tally,
      channel: { teamId: ref.teamId, refreshUserIds: await channelCourse.refreshUserIds(ref) },
      optionId: failed ? extra.optionId : own?.optionId,
      reason: failed ? extra.reason : own?.reason,
      visibility: failed ? extra.visibility : own?.visibility,
      saved: !failed && own !== undefined,
      problems: extra.problems,
    },
    turn.t,
  );
}

/** Posts the course's next dilemma from a leader's button. */
export const dilemmaStartAction: CardAction = {
  verb: verbs.dilemmaStart,
  handle: async (turn, data) => cardInvokeResponse(await startDilemma(turn, requireCardTeam(turn, data))),
};

/** Saves one person's choice (again = change it) and shares the reason as they chose: private, named or anonymous. */
export const dilemmaSubmitAction: CardAction = {
  verb: verbs.dilemmaSubmit,
  async handle(turn, data) {
    const ref = requireCardTeam(turn, data);
    const roundId = requireText(data, 'roundId');
    const visibility = (data.visibility ?? 'private') as ReflectionVisibility;
    if (!visibilities.includes(visibility)) throw new BadCardDataError('visibility');
    const result = await turn.services.dilemmas.choose(turn.person, turn.name, ref, {
      roundId,
      optionId: data.option,
      reason: data.reason,
      visibility,
      basis: data.basis ?? [],
    });
    return cardInvokeResponse(
      result.ok ? await view(turn, ref, roundId) : await view(turn, ref, roundId, { optionId: result.optionId, reason: result.reason, visibility, problems: result.problems }),
    );
  },
};

/** Universal Actions refresh of the dilemma card: each viewer sees their own choice, and the tally once it may be shown. */
export const dilemmaRefreshAction: CardAction = {
  verb: verbs.dilemmaRefresh,
  handle: async (turn, data) => cardInvokeResponse(await view(turn, requireCardTeam(turn, data), requireText(data, 'roundId'))),
};
