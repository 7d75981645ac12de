import type { AdaptiveCard } from '../../../cards/models.js';
import { lessonCard } from '../../../cards/views/lesson-card.js';
import { courseCompleteCard } from '../../../cards/views/personal-cards.js';
import type { ChannelCourseService } from '../../core/channel-course-service.js';
import { courseText } from '../../core/course.js';
import type { TeamRef } from '../../core/team.js';
import { translator } from '../../i18n/translator.js';
import type { Turn } from '../turn.js';

/** The first lesson the person has not read in their current course (see `LearningService.currentCourseId`), or the course-complete card. */
export async function nextLessonView(turn: Turn): Promise<AdaptiveCard> {
  const { learning, courses } = turn.services;
  const courseId = await learning.currentCourseId(turn.person);
  const step = await learning.next(turn.person, courseId, turn.t.language);
  if (step.kind === 'complete') return courseCompleteCard(step.total, turn.t, courseId);
  const text = courseText((await courses.forTenant(turn.person.tenantId)).known(courseId)!, turn.t.language);
  return lessonCard(step.view, text, turn.t);
}

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

/** The lesson card as posted in the channel for everyone: unread, with the team's count and per-viewer refresh, in the course's language. */
export async function postedLessonCard(channelCourse: ChannelCourseService, ref: TeamRef, courseId: string, lessonId: string, language: string): Promise<AdaptiveCard> {
  const info = await channelCourse.lessonInfo(ref.tenantId, courseId, lessonId, language);
  const [stats, refreshUserIds] = await Promise.all([channelCourse.readStats(ref, courseId, lessonId), channelCourse.refreshUserIds(ref)]);
  const text = courseText(await channelCourse.course(ref.tenantId, courseId), language);
  return lessonCard({ courseId, ...info, read: false }, text, translator(language), { teamId: ref.teamId, refreshUserIds, stats });
}
