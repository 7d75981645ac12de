import type { AdaptiveCard } from '../../cards/models.js';
import { noticeCard } from '../../cards/views/personal-cards.js';
import { channelArgs, leaderButtons } from '../../cards/views/team-cards.js';
import type { TeamRef } from '../core/team.js';
import type { Turn } from './turn.js';

/** Queues a next-steps round from a command or a leader's button, and answers at once with a "sending…" card. */
export async function startNextSteps(turn: Turn, ref: TeamRef): Promise<AdaptiveCard> {
  const { channel } = await turn.services.sendNow.nextSteps(ref, turn.person.userId);
  return noticeCard({ title: turn.t('sending.nextSteps', channelArgs(channel, turn.t)), text: turn.t('sending.hint'), color: 'Good', executes: leaderButtons(ref.teamId, turn.t) });
}
