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
 * Queues the next lesson of the course (leaders only) and returns the "sending…" card at once; a team with several
 * courses and none named gets a card asking which.
 */
export function postLessonNow(turn: Turn, ref: TeamRef, courseId?: string): Promise<AdaptiveCard> {
  return forCourse(turn, ref, verbs.lessonPost, courseId, async (chosen) => {
  const queued = await turn.services.sendNow.lesson(ref, turn.person.userId, chosen);
  const title = queued ? turn.t('sending.lesson', { number: queued.index + 1, total: queued.total, title: queued.lesson.title, ...channelArgs(queued.channel, turn.t) }) : turn.t('posted.allDone');
  const text = queued ? (queued.earlierTryGaveUp ? `${turn.t('sending.earlierTryGaveUp')} ` : '') + turn.t('sending.hint') : '';
  return noticeCard({ title, text, color: queued ? 'Good' : 'Default', executes: leaderButtons(ref.teamId, turn.t, queued?.enrollment.courseId ?? chosen) });
  });
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
