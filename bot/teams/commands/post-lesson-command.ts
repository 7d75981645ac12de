import { noticeCard } from '../../../cards/views/personal-cards.js';
import { leaderButtons } from '../../../cards/views/team-cards.js';
import type { AdaptiveCard } from '../../../cards/models.js';
import type { TeamRef } from '../../core/team.js';
import { sendCard } from '../send.js';
import type { Turn } from '../turn.js';
import type { Command } from './command.js';

/** Posts the team's next lesson now (leaders only) and returns the confirmation card. */
export async function postLessonNow(turn: Turn, ref: TeamRef): Promise<AdaptiveCard> {
  await turn.services.teams.requireLeader(ref, turn.person.userId);
  const posted = await turn.services.publisher.postNextLesson(ref);
  const text = posted
    ? turn.t('posted.lesson', { number: posted.index + 1, total: posted.total, title: posted.lesson.title })
    : turn.t('posted.allDone');
  return noticeCard({ title: text, text: '', color: posted ? 'Good' : 'Default', executes: leaderButtons(ref.teamId, turn.t) });
}

/** `send leksjon` / `send lesson`: posts the next lesson to the team's channel now. */
export const postLessonCommand: Command = {
  aliasKey: 'command.postLesson',
  takesArgument: false,
  scope: 'team',
  async handle(turn) {
    await sendCard(turn.context, await postLessonNow(turn, turn.team!));
  },
};
