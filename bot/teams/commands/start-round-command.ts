import { noticeCard } from '../../../cards/views/personal-cards.js';
import { channelArgs, leaderButtons } from '../../../cards/views/team-cards.js';
import type { AdaptiveCard } from '../../../cards/models.js';
import type { TeamRef } from '../../core/team.js';
import { sendCard } from '../send.js';
import type { Turn } from '../turn.js';
import type { Command } from './command.js';
import { verbs } from '../../../cards/verbs.js';
import { forCourse } from '../course-choice.js';

/**
 * Queues the reflection round for the latest lesson of the course (leaders only) and returns the "sending…" card at
 * once; a team with several courses and none named gets a card asking which.
 */
export function startRoundNow(turn: Turn, ref: TeamRef, courseId?: string): Promise<AdaptiveCard> {
  return forCourse(turn, ref, verbs.roundStart, courseId, async (chosen) => {
  const round = await turn.services.sendNow.round(ref, turn.person.userId, chosen);
  const title =
    round.status === 'noLesson'
      ? turn.t('posted.noLesson')
      : turn.t(round.status === 'queued' ? 'sending.round' : 'sending.roundStarted', { title: round.lessonTitle, ...channelArgs(round.channel, turn.t) });
  const color = round.status === 'queued' ? 'Good' : round.status === 'alreadyStarted' ? 'Default' : 'Attention';
  return noticeCard({ title, text: round.status === 'queued' ? turn.t('sending.hint') : '', color, executes: leaderButtons(ref.teamId, turn.t, round.status === 'noLesson' ? chosen : round.courseId) });
  });
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
