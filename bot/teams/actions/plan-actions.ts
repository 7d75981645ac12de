import type { AdaptiveCard } from '../../../cards/models.js';
import { verbs } from '../../../cards/verbs.js';
import type { TeamRef } from '../../core/team.js';
import { cardInvokeResponse } from '../send.js';
import type { Turn } from '../turn.js';
import { forCourse } from '../views/course-choice-views.js';
import { planView } from '../views/plan-views.js';
import { BadCardDataError, cardCourseId, type CardAction } from './card-action.js';
import { requireCardTeam } from './channel-scope.js';

function scheduleKind(data: Readonly<Record<string, unknown>>): 'lesson' | 'reflection' {
  if (data.kind === 'lesson' || data.kind === 'reflection') return data.kind;
  throw new BadCardDataError('kind');
}

/** The schedule card of one course, for the team's leaders; a team with several courses and none named gets a card asking which. */
async function openPlan(turn: Turn, ref: TeamRef, courseId: string | undefined): Promise<AdaptiveCard> {
  await turn.services.teams.requireLeader(ref, turn.person.userId);
  return forCourse(turn, ref, verbs.planOpen, courseId, (chosen) => planView(turn, ref, chosen));
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
