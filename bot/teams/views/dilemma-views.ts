import type { AdaptiveCard } from '../../../cards/models.js';
import { dilemmaCard } from '../../../cards/views/dilemma-card.js';
import type { DilemmaProblem } from '../../core/dilemma-service.js';
import type { ReflectionVisibility } from '../../core/reflection.js';
import type { TeamRef } from '../../core/team.js';
import type { Turn } from '../turn.js';

/** The dilemma card as this viewer sees it: their own choice and reason (or what they just sent back), and the tally anyone may see. */
export async function dilemmaView(
  turn: Turn,
  ref: TeamRef,
  roundId: string,
  extra: { optionId?: string; reason?: string; visibility?: ReflectionVisibility; problems?: readonly DilemmaProblem[] } = {},
): Promise<AdaptiveCard> {
  const { dilemmas, channelCourse } = turn.services;
  const { round, dilemma, goalNames, tally } = await dilemmas.view(ref, roundId, turn.t.language);
  const own = await dilemmas.ownChoice(turn.person, round.id);
  const failed = extra.problems !== undefined && extra.problems.length > 0;
  return dilemmaCard(
    {
      roundId: round.id,
      dilemma,
      goalNames,
      tally,
      channel: { teamId: ref.teamId, refreshUserIds: await channelCourse.refreshUserIds(ref) },
      optionId: failed ? extra.optionId : own?.optionId,
      reason: failed ? extra.reason : own?.reason,
      visibility: failed ? extra.visibility : own?.visibility,
      saved: !failed && own !== undefined,
      problems: extra.problems,
    },
    turn.t,
  );
}
