import { noticeCard } from '../../../cards/views/personal-cards.js';
import { channelArgs, leaderButtons } from '../../../cards/views/team-cards.js';
import type { AdaptiveCard } from '../../../cards/models.js';
import type { TeamRef } from '../../core/team.js';
import { sendCard } from '../send.js';
import type { Turn } from '../turn.js';
import type { Command } from './command.js';

/** Queues the reflection round for the latest lesson (leaders only) and returns the "sending…" card at once. */
export async function startRoundNow(turn: Turn, ref: TeamRef): Promise<AdaptiveCard> {
  const round = await turn.services.sendNow.round(ref, turn.person.userId);
  const title =
    round.status === 'noLesson'
      ? turn.t('posted.noLesson')
      : turn.t(round.status === 'queued' ? 'sending.round' : 'sending.roundStarted', { title: round.lessonTitle, ...channelArgs(round.channel, turn.t) });
  const color = round.status === 'queued' ? 'Good' : round.status === 'alreadyStarted' ? 'Default' : 'Attention';
  return noticeCard({ title, text: round.status === 'queued' ? turn.t('sending.hint') : '', color, executes: leaderButtons(ref.teamId, turn.t) });
}

/** `start refleksjon` / `start reflection`: queues the reflection round in the latest lesson's thread. */
export const startRoundCommand: Command = {
  aliasKey: 'command.startRound',
  menuKey: 'help.command.startRound',
  takesArgument: false,
  scope: 'team',
  async handle(turn) {
    await sendCard(turn.context, await startRoundNow(turn, turn.team!));
  },
};
