import { courseText } from '../../core/course.js';
import { lessonCard } from '../../../cards/views/lesson-card.js';
import { reflectionCard } from '../../../cards/views/reflection-card.js';
import { verbs } from '../../../cards/verbs.js';
import { cardInvokeResponse, sendCard } from '../send.js';
import { requireText, type CardAction } from './card-action.js';

/** "Jeg har lest": records completion once, shows the person their read card, then offers the reflection. */
export const lessonReadAction: CardAction = {
  verb: verbs.lessonRead,
  async handle(turn, data) {
    const courseId = requireText(data, 'courseId');
    const lessonId = requireText(data, 'lessonId');
    const { learning, courses } = turn.services;
    const view = await learning.markRead(turn.person, courseId, lessonId, turn.t.language);
    const text = courseText(courses.get(courseId)!, turn.t.language);
    if (view.firstTime) {
      const earlier = await learning.reflection(turn.person, courseId, lessonId);
      await sendCard(turn.context, reflectionCard({ courseId, lesson: view.lesson, text, answers: earlier?.answers }, turn.t));
    }
    return cardInvokeResponse(lessonCard(view, text, turn.t));
  },
};
