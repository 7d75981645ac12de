import type { AdaptiveCard } from '../../../cards/models.js';
import { nextStepInputIds, nextStepsCard } from '../../../cards/views/next-steps-card.js';
import { verbs } from '../../../cards/verbs.js';
import type { NextStepAnswer } from '../../core/next-steps.js';
import type { TeamRef } from '../../core/team.js';
import { startNextSteps } from '../next-steps-flow.js';
import { cardInvokeResponse } from '../send.js';
import type { Turn } from '../turn.js';
import { BadCardDataError, requireText, type CardAction } from './card-action.js';
import { requireCardTeam } from './channel-scope.js';
import { cardCourseId } from '../course-choice.js';

async function view(
  turn: Turn,
  ref: TeamRef,
  roundId: string,
  extra: { answers?: readonly string[]; visibility?: NextStepAnswer['visibility']; saved?: boolean; problems?: Parameters<typeof nextStepsCard>[0]['problems'] } = {},
): Promise<AdaptiveCard> {
  const { nextSteps, channelCourse } = turn.services;
  // The round's own course (a round of a team with several courses belongs to one of them).
  const round = await nextSteps.round(ref, roundId);
  const { team, enrollment } = await channelCourse.activeEnrollment(ref, round?.courseId ?? (await channelCourse.enrollments(ref)).at(-1)?.courseId);
  const own = extra.answers ? undefined : await nextSteps.ownAnswer(turn.person, roundId);
  return nextStepsCard(
    {
      teamName: team.name,
      roundId,
      questions: await nextSteps.questions(enrollment, turn.t.language),
      channel: { teamId: ref.teamId, refreshUserIds: await channelCourse.refreshUserIds(ref) },
      answers: extra.answers ?? own?.answers,
      visibility: extra.visibility ?? own?.visibility,
      saved: extra.saved ?? own !== undefined,
      problems: extra.problems,
    },
    turn.t,
  );
}

/** Starts a next-steps round from a leader's button. */
export const nextStepsStartAction: CardAction = {
  verb: verbs.nextStepsStart,
  handle: async (turn, data) => cardInvokeResponse(await startNextSteps(turn, requireCardTeam(turn, data), cardCourseId(data))),
};

/** Saves one person's next-step answers (again = edit; a card that did not show saved answers asks first) and shares them named or anonymously. */
export const nextStepsSubmitAction: CardAction = {
  verb: verbs.nextStepsSubmit,
  async handle(turn, data) {
    const ref = requireCardTeam(turn, data);
    const roundId = requireText(data, 'roundId');
    const visibility = data.visibility ?? 'named';
    if (visibility !== 'named' && visibility !== 'anonymous') throw new BadCardDataError('visibility');
    const result = await turn.services.nextSteps.answer(turn.person, turn.name, ref, { roundId, answers: nextStepInputIds.map((id) => data[id]), visibility, basis: data.basis ?? [] });
    return cardInvokeResponse(
      await view(turn, ref, roundId, { answers: result.answers, visibility, saved: result.ok, problems: result.ok ? undefined : result.problems }),
    );
  },
};

/** Universal Actions refresh of the next-steps card: each viewer sees their own answers or the empty form. */
export const nextStepsRefreshAction: CardAction = {
  verb: verbs.nextStepsRefresh,
  handle: async (turn, data) => cardInvokeResponse(await view(turn, requireCardTeam(turn, data), requireText(data, 'roundId'))),
};
