import { courseText } from '../../core/course.js';
import { lessonCard } from '../../../cards/views/lesson-card.js';
import { reflectionCard } from '../../../cards/views/reflection-card.js';
import { verbs } from '../../../cards/verbs.js';
import { courseCompleteCard } from '../../../cards/views/personal-cards.js';
import { cardInvokeResponse, sendCard } from '../send.js';
import { requireText, type CardAction } from './card-action.js';
import { cardTeam } from './channel-scope.js';
import { knowledgeView } from '../views/knowledge-views.js';
import { channelLessonView } from '../views/lesson-views.js';

/**
 * "Jeg har lest": records completion once and shows the person their read card.
 * @remarks In personal chat the reflection card follows; in a channel everyone's card gets the new count,
 * and the reflection round comes later in the thread.
 */
export const lessonReadAction: CardAction = {
  verb: verbs.lessonRead,
  async handle(turn, data) {
    const courseId = requireText(data, 'courseId');
    const lessonId = requireText(data, 'lessonId');
    const team = cardTeam(turn, data);
    const { learning } = turn.services;
    const view = await learning.markRead(turn.person, courseId, lessonId, turn.t.language);
    if (team) {
      // The card everyone sees gets the new count from the outbox; this click only queues it.
      if (view.firstTime) await turn.services.scheduler.lessonCountChanged({ ...team, courseId }, lessonId);
      return cardInvokeResponse(await channelLessonView(turn, team, courseId, lessonId));
    }
    const text = courseText(await turn.services.channelCourse.course(turn.person.tenantId, courseId), turn.t.language);
    if (view.firstTime) {
      // cert: the lesson's knowledge check comes first, then the reflection, and the course-finished card after the last lesson.
      const knowledge = await knowledgeView(turn, courseId, lessonId, undefined);
      if (knowledge) await sendCard(turn.context, knowledge);
      const earlier = await learning.reflection(turn.person, courseId, lessonId);
      await sendCard(turn.context, reflectionCard({ courseId, lesson: view.lesson, text, answers: earlier?.answers }, turn.t));
      const next = await learning.next(turn.person, courseId, turn.t.language);
      if (next.kind === 'complete') await sendCard(turn.context, courseCompleteCard(next.total, turn.t, courseId));
    }
    return cardInvokeResponse(lessonCard(view, text, turn.t));
  },
};
