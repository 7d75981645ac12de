import type { AdaptiveCard } from '../../../cards/models.js';
import { lessonCard } from '../../../cards/views/lesson-card.js';
import { verbs } from '../../../cards/verbs.js';
import { courseText } from '../../core/course.js';
import type { TeamRef } from '../../core/team.js';
import { cardInvokeResponse } from '../send.js';
import type { Turn } from '../turn.js';
import { requireText, type CardAction } from './card-action.js';
import { requireCardTeam } from './channel-scope.js';

/** A channel lesson card as one viewer sees it: their own read state and the team's count, in their language. */
export async function channelLessonView(turn: Turn, team: TeamRef, courseId: string, lessonId: string): Promise<AdaptiveCard> {
  const { learning, channelCourse } = turn.services;
  const [view, stats, refreshUserIds] = await Promise.all([
    learning.lesson(turn.person, courseId, lessonId, turn.t.language),
    channelCourse.readStats(team, courseId, lessonId),
    channelCourse.refreshUserIds(team),
  ]);
  return lessonCard(view, courseText(await turn.services.channelCourse.course(turn.person.tenantId, courseId), turn.t.language), turn.t, { teamId: team.teamId, refreshUserIds, stats });
}

/** Universal Actions refresh of a channel lesson card: each viewer gets their own view. */
export const lessonRefreshAction: CardAction = {
  verb: verbs.lessonRefresh,
  async handle(turn, data) {
    const team = requireCardTeam(turn, data);
    return cardInvokeResponse(await channelLessonView(turn, team, requireText(data, 'courseId'), requireText(data, 'lessonId')));
  },
};
