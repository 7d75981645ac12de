import type { AdaptiveCard } from '../../../cards/models.js';
import { nextStepsCard } from '../../../cards/views/next-steps-card.js';
import type { NextStepAnswer } from '../../core/next-steps.js';
import type { TeamRef } from '../../core/team.js';
import type { Turn } from '../turn.js';

/** The next-steps card as this viewer sees it: their own answers (or what they just sent back), or the empty form. */
export async function nextStepsView(
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
