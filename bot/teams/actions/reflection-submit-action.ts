import { courseText } from '../../core/course.js';
import { answerInputIds, reflectionCard } from '../../../cards/views/reflection-card.js';
import { reflectionSavedCard } from '../../../cards/views/reflection-saved-card.js';
import { verbs } from '../../../cards/verbs.js';
import { cardInvokeResponse } from '../send.js';
import { requireText, type CardAction } from './card-action.js';

/** Saves the three answers (again = edit); a bad submission returns the form with the person's text kept. */
export const reflectionSubmitAction: CardAction = {
  verb: verbs.reflectionSubmit,
  async handle(turn, data) {
    const courseId = requireText(data, 'courseId');
    const lessonId = requireText(data, 'lessonId');
    const { learning, courses } = turn.services;
    const result = await learning.reflect(turn.person, { courseId, lessonId, answers: answerInputIds.map((id) => data[id]) });
    const lessonView = await learning.lesson(turn.person, courseId, lessonId, turn.t.language);
    const text = courseText(courses.get(courseId)!, turn.t.language);
    if (!result.ok) {
      return cardInvokeResponse(reflectionCard({ courseId, lesson: lessonView.lesson, text, answers: result.answers, problems: result.problems }, turn.t));
    }
    const next = await learning.next(turn.person, courseId, turn.t.language);
    return cardInvokeResponse(
      reflectionSavedCard({ courseId, lesson: lessonView.lesson, text, answers: result.answers, created: result.created, hasNext: next.kind === 'lesson' }, turn.t),
    );
  },
};
