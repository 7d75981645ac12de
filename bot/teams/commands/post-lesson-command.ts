import { noticeCard } from '../../../cards/views/personal-cards.js';
import { channelArgs, leaderButtons } from '../../../cards/views/team-cards.js';
import type { AdaptiveCard } from '../../../cards/models.js';
import type { TeamRef } from '../../core/team.js';
import { sendCard } from '../send.js';
import type { Turn } from '../turn.js';
import type { Command } from './command.js';

/** Queues the team's next lesson to be posted now (leaders only) and returns the "sending…" card at once. */
export async function postLessonNow(turn: Turn, ref: TeamRef): Promise<AdaptiveCard> {
  const queued = await turn.services.sendNow.lesson(ref, turn.person.userId);
  const title = queued ? turn.t('sending.lesson', { number: queued.index + 1, total: queued.total, title: queued.lesson.title, ...channelArgs(queued.channel, turn.t) }) : turn.t('posted.allDone');
  const text = queued ? (queued.earlierTryGaveUp ? `${turn.t('sending.earlierTryGaveUp')} ` : '') + turn.t('sending.hint') : '';
  return noticeCard({ title, text, color: queued ? 'Good' : 'Default', executes: leaderButtons(ref.teamId, turn.t) });
}

/** `send leksjon` / `send lesson`: queues the next lesson for the team's channel now. */
export const postLessonCommand: Command = {
  aliasKey: 'command.postLesson',
  menuKey: 'help.command.postLesson',
  takesArgument: false,
  scope: 'team',
  async handle(turn) {
    await sendCard(turn.context, await postLessonNow(turn, turn.team!));
  },
};
