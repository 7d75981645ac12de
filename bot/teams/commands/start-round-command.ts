import { noticeCard } from '../../../cards/views/personal-cards.js';
import { leaderButtons } from '../../../cards/views/team-cards.js';
import type { AdaptiveCard } from '../../../cards/models.js';
import type { TeamRef } from '../../core/team.js';
import { sendCard } from '../send.js';
import type { Turn } from '../turn.js';
import type { Command } from './command.js';

/** Starts the reflection round for the latest lesson (leaders only) and returns the confirmation card. */
export async function startRoundNow(turn: Turn, ref: TeamRef): Promise<AdaptiveCard> {
  await turn.services.teams.requireLeader(ref, turn.person.userId);
  const round = await turn.services.publisher.startRound(ref);
  const text = round ? turn.t('posted.round', { title: round.lessonTitle }) : turn.t('posted.noLesson');
  return noticeCard({ title: text, text: '', color: round ? 'Good' : 'Attention', executes: leaderButtons(ref.teamId, turn.t) });
}

/** `start refleksjon` / `start reflection`: the reflection round in the latest lesson's thread. */
export const startRoundCommand: Command = {
  aliasKey: 'command.startRound',
  takesArgument: false,
  scope: 'team',
  async handle(turn) {
    await sendCard(turn.context, await startRoundNow(turn, turn.team!));
  },
};
