import { verbs } from '../../../cards/verbs.js';
import { postLessonNow } from '../commands/post-lesson-command.js';
import { startRoundNow } from '../commands/start-round-command.js';
import { cardInvokeResponse } from '../send.js';
import type { CardAction } from './card-action.js';
import { requireCardTeam } from './channel-scope.js';
import { cardCourseId } from '../course-choice.js';

/** "Post the next lesson now" from a leader's card. */
export const lessonPostAction: CardAction = {
  verb: verbs.lessonPost,
  handle: async (turn, data) => cardInvokeResponse(await postLessonNow(turn, requireCardTeam(turn, data), cardCourseId(data))),
};

/** "Start the reflection round now" from a leader's card. */
export const roundStartAction: CardAction = {
  verb: verbs.roundStart,
  handle: async (turn, data) => cardInvokeResponse(await startRoundNow(turn, requireCardTeam(turn, data), cardCourseId(data))),
};
