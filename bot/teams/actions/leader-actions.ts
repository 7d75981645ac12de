import { verbs } from '../../../cards/verbs.js';
import { cardInvokeResponse } from '../send.js';
import { forCourse } from '../views/course-choice-views.js';
import { lessonSendingView, roundSendingView } from '../views/send-now-views.js';
import { cardCourseId, type CardAction } from './card-action.js';
import { requireCardTeam } from './channel-scope.js';

/** "Post the next lesson now" from a leader's card: queues it and answers with the "sending…" card (or "which course?"). */
export const lessonPostAction: CardAction = {
  verb: verbs.lessonPost,
  async handle(turn, data) {
    const ref = requireCardTeam(turn, data);
    const card = await forCourse(turn, ref, verbs.lessonPost, cardCourseId(data), async (courseId) =>
      lessonSendingView(turn, ref, courseId, await turn.services.sendNow.lesson(ref, turn.person.userId, courseId)),
    );
    return cardInvokeResponse(card);
  },
};

/** "Start the reflection round now" from a leader's card: queues it and answers with the "sending…" card (or "which course?"). */
export const roundStartAction: CardAction = {
  verb: verbs.roundStart,
  async handle(turn, data) {
    const ref = requireCardTeam(turn, data);
    const card = await forCourse(turn, ref, verbs.roundStart, cardCourseId(data), async (courseId) =>
      roundSendingView(turn, ref, courseId, await turn.services.sendNow.round(ref, turn.person.userId, courseId)),
    );
    return cardInvokeResponse(card);
  },
};
