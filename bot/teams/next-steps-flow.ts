import type { AdaptiveCard } from '../../cards/models.js';
import { noticeCard } from '../../cards/views/personal-cards.js';
import { channelArgs, leaderButtons } from '../../cards/views/team-cards.js';
import type { TeamRef } from '../core/team.js';
import type { Turn } from './turn.js';
import { verbs } from '../../cards/verbs.js';
import { forCourse } from './course-choice.js';

/**
 * Queues a next-steps round of the course from a command or a leader's button, and answers at once with a "sending…"
 * card; a team with several courses and none named gets a card asking which.
 */
export function startNextSteps(turn: Turn, ref: TeamRef, courseId?: string): Promise<AdaptiveCard> {
  return forCourse(turn, ref, verbs.nextStepsStart, courseId, async (chosen) => {
    const queued = await turn.services.sendNow.nextSteps(ref, turn.person.userId, chosen);
    return noticeCard({ title: turn.t('sending.nextSteps', channelArgs(queued.channel, turn.t)), text: turn.t('sending.hint'), color: 'Good', executes: leaderButtons(ref.teamId, turn.t, queued.courseId) });
  });
}
