import { verbs } from '../../../cards/verbs.js';
import { cardInvokeResponse } from '../send.js';
import { channelLessonView } from '../views/lesson-views.js';
import { requireText, type CardAction } from './card-action.js';
import { requireCardTeam } from './channel-scope.js';

/** Universal Actions refresh of a channel lesson card: each viewer gets their own view. */
export const lessonRefreshAction: CardAction = {
  verb: verbs.lessonRefresh,
  async handle(turn, data) {
    const team = requireCardTeam(turn, data);
    return cardInvokeResponse(await channelLessonView(turn, team, requireText(data, 'courseId'), requireText(data, 'lessonId')));
  },
};
