import { verbs } from '../../../cards/verbs.js';
import { chosenVisibility } from '../../core/answer-rules.js';
import { DILEMMA_REASON_FORM } from '../../core/dilemma.js';
import { cardInvokeResponse } from '../send.js';
import { dilemmaView } from '../views/dilemma-views.js';
import { dilemmaSendingView } from '../views/send-now-views.js';
import { BadCardDataError, requireText, type CardAction } from './card-action.js';
import { requireCardTeam } from './channel-scope.js';

/** Queues the course's next dilemma from a leader's button and answers with the "sending…" card. */
export const dilemmaStartAction: CardAction = {
  verb: verbs.dilemmaStart,
  async handle(turn, data) {
    const ref = requireCardTeam(turn, data);
    const result = await turn.services.dilemmas.schedule(ref, turn.person.userId, {});
    return cardInvokeResponse(await dilemmaSendingView(turn, ref, result));
  },
};

/** Saves one person's choice (again = change it) and shares the reason as they chose: private, named or anonymous. */
export const dilemmaSubmitAction: CardAction = {
  verb: verbs.dilemmaSubmit,
  async handle(turn, data) {
    const ref = requireCardTeam(turn, data);
    const roundId = requireText(data, 'roundId');
    const visibility = chosenVisibility(DILEMMA_REASON_FORM, data.visibility);
    if (!visibility) throw new BadCardDataError('visibility');
    const result = await turn.services.dilemmas.choose(turn.person, turn.name, ref, {
      roundId,
      optionId: data.option,
      reason: data.reason,
      visibility,
      basis: data.basis ?? [],
    });
    return cardInvokeResponse(
      result.ok ? await dilemmaView(turn, ref, roundId) : await dilemmaView(turn, ref, roundId, { optionId: result.optionId, reason: result.reason, visibility, problems: result.problems }),
    );
  },
};

/** Universal Actions refresh of the dilemma card: each viewer sees their own choice, and the tally once it may be shown. */
export const dilemmaRefreshAction: CardAction = {
  verb: verbs.dilemmaRefresh,
  handle: async (turn, data) => cardInvokeResponse(await dilemmaView(turn, requireCardTeam(turn, data), requireText(data, 'roundId'))),
};
