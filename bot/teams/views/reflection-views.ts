import type { AdaptiveCard } from '../../../cards/models.js';
import { reflectionCard } from '../../../cards/views/reflection-card.js';
import { reflectionSavedCard } from '../../../cards/views/reflection-saved-card.js';
import type { ChannelCourseService } from '../../core/channel-course-service.js';
import { courseText, type Lesson } from '../../core/course.js';
import type { TeamRef } from '../../core/team.js';
import { translator } from '../../i18n/translator.js';
import type { Turn } from '../turn.js';

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

/** The reflection round card as posted in the lesson's thread for everyone: the empty form with per-viewer refresh, in the course's language. */
export async function postedReflectionCard(channelCourse: ChannelCourseService, ref: TeamRef, courseId: string, lesson: Lesson, language: string): Promise<AdaptiveCard> {
  const text = courseText(await channelCourse.course(ref.tenantId, courseId), language);
  const refreshUserIds = await channelCourse.refreshUserIds(ref);
  return reflectionCard({ courseId, lesson, text, channel: { teamId: ref.teamId, refreshUserIds } }, translator(language));
}
