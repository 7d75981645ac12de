import type { AdaptiveCard } from '../../../cards/models.js';
import { reflectionCard } from '../../../cards/views/reflection-card.js';
import { reflectionSavedCard } from '../../../cards/views/reflection-saved-card.js';
import { verbs } from '../../../cards/verbs.js';
import { courseText } from '../../core/course.js';
import type { TeamRef } from '../../core/team.js';
import { cardInvokeResponse } from '../send.js';
import type { Turn } from '../turn.js';
import { requireText, type CardAction } from './card-action.js';
import { requireCardTeam } from './channel-scope.js';

/** A channel reflection card as one viewer sees it: their saved answers, or the empty form. */
export async function channelReflectionView(turn: Turn, team: TeamRef, courseId: string, lessonId: string, mode: 'auto' | 'form'): Promise<AdaptiveCard> {
  const { learning, channelCourse } = turn.services;
  const [earlier, view, refreshUserIds] = await Promise.all([
    learning.reflection(turn.person, courseId, lessonId),
    learning.lesson(turn.person, courseId, lessonId, turn.t.language),
    channelCourse.refreshUserIds(team),
  ]);
  const text = courseText(await turn.services.channelCourse.course(turn.person.tenantId, courseId), turn.t.language);
  const channel = { teamId: team.teamId, refreshUserIds };
  if (earlier && mode === 'auto') {
    return reflectionSavedCard(
      { courseId, lesson: view.lesson, text, answers: earlier.answers, created: false, hasNext: false, visibility: earlier.visibility, channel },
      turn.t,
    );
  }
  return reflectionCard({ courseId, lesson: view.lesson, text, answers: earlier?.answers, visibility: earlier?.visibility, channel }, turn.t);
}

/** Universal Actions refresh of a reflection round card: each viewer gets their own answers or the form. */
export const reflectionRefreshAction: CardAction = {
  verb: verbs.reflectionRefresh,
  async handle(turn, data) {
    const team = requireCardTeam(turn, data);
    return cardInvokeResponse(await channelReflectionView(turn, team, requireText(data, 'courseId'), requireText(data, 'lessonId'), 'auto'));
  },
};
