import { verbs } from '../../../cards/verbs.js';
import { openPlan } from '../plan-flow.js';
import { cardInvokeResponse } from '../send.js';
import { BadCardDataError, type CardAction } from './card-action.js';
import { requireCardTeam } from './channel-scope.js';
import { cardCourseId } from '../course-choice.js';

function scheduleKind(data: Readonly<Record<string, unknown>>): 'lesson' | 'reflection' {
  if (data.kind === 'lesson' || data.kind === 'reflection') return data.kind;
  throw new BadCardDataError('kind');
}

/** The schedule card, from a leader's button. */
export const planOpenAction: CardAction = {
  verb: verbs.planOpen,
  handle: async (turn, data) => cardInvokeResponse(await openPlan(turn, requireCardTeam(turn, data), cardCourseId(data))),
};

/** Pauses lessons or reflection rounds; answers with the updated schedule card. */
export const schedulePauseAction: CardAction = {
  verb: verbs.schedulePause,
  async handle(turn, data) {
    const ref = requireCardTeam(turn, data);
    await turn.services.teams.requireLeader(ref, turn.person.userId);
    const enrollment = await turn.services.enrollments.resolve(ref, cardCourseId(data));
    await turn.services.scheduler.setPaused({ ...ref, courseId: enrollment.courseId }, scheduleKind(data), true);
    return cardInvokeResponse(await openPlan(turn, ref, enrollment.courseId));
  },
};

/** Resumes lessons or reflection rounds from the next occurrence; answers with the updated schedule card. */
export const scheduleResumeAction: CardAction = {
  verb: verbs.scheduleResume,
  async handle(turn, data) {
    const ref = requireCardTeam(turn, data);
    await turn.services.teams.requireLeader(ref, turn.person.userId);
    const enrollment = await turn.services.enrollments.resolve(ref, cardCourseId(data));
    await turn.services.scheduler.setPaused({ ...ref, courseId: enrollment.courseId }, scheduleKind(data), false);
    return cardInvokeResponse(await openPlan(turn, ref, enrollment.courseId));
  },
};
