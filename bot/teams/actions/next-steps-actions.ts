import { nextStepInputIds } from '../../../cards/views/next-steps-card.js';
import { chosenVisibility } from '../../core/answer-rules.js';
import { NEXT_STEPS_FORM } from '../../core/next-steps.js';
import { verbs } from '../../../cards/verbs.js';
import { cardInvokeResponse } from '../send.js';
import { forCourse } from '../views/course-choice-views.js';
import { nextStepsView } from '../views/next-steps-views.js';
import { nextStepsSendingView } from '../views/send-now-views.js';
import { BadCardDataError, cardCourseId, requireText, type CardAction } from './card-action.js';
import { requireCardTeam } from './channel-scope.js';

/** Starts a next-steps round from a leader's button: queues it and answers with the "sending…" card (or "which course?"). */
export const nextStepsStartAction: CardAction = {
  verb: verbs.nextStepsStart,
  async handle(turn, data) {
    const ref = requireCardTeam(turn, data);
    const card = await forCourse(turn, ref, verbs.nextStepsStart, cardCourseId(data), async (courseId) =>
      nextStepsSendingView(turn, ref, await turn.services.sendNow.nextSteps(ref, turn.person.userId, courseId)),
    );
    return cardInvokeResponse(card);
  },
};

/** Saves one person's next-step answers (again = edit; a card that did not show saved answers asks first) and shares them named or anonymously. */
export const nextStepsSubmitAction: CardAction = {
  verb: verbs.nextStepsSubmit,
  async handle(turn, data) {
    const ref = requireCardTeam(turn, data);
    const roundId = requireText(data, 'roundId');
    const visibility = chosenVisibility(NEXT_STEPS_FORM, data.visibility);
    if (!visibility) throw new BadCardDataError('visibility');
    const result = await turn.services.nextSteps.answer(turn.person, turn.name, ref, { roundId, answers: nextStepInputIds.map((id) => data[id]), visibility, basis: data.basis ?? [] });
    return cardInvokeResponse(
      await nextStepsView(turn, ref, roundId, { answers: result.answers, visibility, saved: result.ok, problems: result.ok ? undefined : result.problems }),
    );
  },
};

/** Universal Actions refresh of the next-steps card: each viewer sees their own answers or the empty form. */
export const nextStepsRefreshAction: CardAction = {
  verb: verbs.nextStepsRefresh,
  handle: async (turn, data) => cardInvokeResponse(await nextStepsView(turn, requireCardTeam(turn, data), requireText(data, 'roundId'))),
};
