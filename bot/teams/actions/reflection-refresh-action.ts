import { verbs } from '../../../cards/verbs.js';
import { cardInvokeResponse } from '../send.js';
import { channelReflectionView } from '../views/reflection-views.js';
import { requireText, type CardAction } from './card-action.js';
import { requireCardTeam } from './channel-scope.js';

/** Universal Actions refresh of a reflection round card: each viewer gets their own answers or the form. */
export const reflectionRefreshAction: CardAction = {
  verb: verbs.reflectionRefresh,
  async handle(turn, data) {
    const team = requireCardTeam(turn, data);
    return cardInvokeResponse(await channelReflectionView(turn, team, requireText(data, 'courseId'), requireText(data, 'lessonId'), 'auto'));
  },
};
