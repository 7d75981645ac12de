import { courseText } from '../../core/course.js';
import { reflectionCard } from '../../../cards/views/reflection-card.js';
import { verbs } from '../../../cards/verbs.js';
import { cardInvokeResponse } from '../send.js';
import { requireText, type CardAction } from './card-action.js';
import { cardTeam } from './channel-scope.js';
import { channelReflectionView } from '../views/reflection-views.js';

/** Reopens the reflection form with the stored answers (and, in a channel, the chosen visibility). */
export const reflectionEditAction: CardAction = {
  verb: verbs.reflectionEdit,
  async handle(turn, data) {
    const courseId = requireText(data, 'courseId');
    const lessonId = requireText(data, 'lessonId');
    const team = cardTeam(turn, data);
    if (team) return cardInvokeResponse(await channelReflectionView(turn, team, courseId, lessonId, 'form'));
    const { learning } = turn.services;
    const earlier = await learning.reflection(turn.person, courseId, lessonId);
    const view = await learning.lesson(turn.person, courseId, lessonId, turn.t.language);
    const text = courseText(await turn.services.channelCourse.course(turn.person.tenantId, courseId), turn.t.language);
    return cardInvokeResponse(reflectionCard({ courseId, lesson: view.lesson, text, answers: earlier?.answers }, turn.t));
  },
};
