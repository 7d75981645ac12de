import { knowledgeCheckCard } from '../../../cards/views/knowledge-cards.js';
import { noticeCard } from '../../../cards/views/personal-cards.js';
import { verbs } from '../../../cards/verbs.js';
import { cardInvokeResponse } from '../send.js';
import { BadCardDataError, requireText, type CardAction } from './card-action.js';
import { cardTeam } from './channel-scope.js';
import { knowledgeResultView, knowledgeView } from '../views/knowledge-views.js';

/** "Kunnskapssjekk": the questions, or the result when answered; only after the lesson is read. */
export const knowledgeOpenAction: CardAction = {
  verb: verbs.knowledgeOpen,
  async handle(turn, data) {
    const courseId = requireText(data, 'courseId');
    const lessonId = requireText(data, 'lessonId');
    const team = cardTeam(turn, data);
    const view = await turn.services.learning.lesson(turn.person, courseId, lessonId, turn.t.language);
    if (!view.read) return cardInvokeResponse(noticeCard({ title: turn.t('knowledge.readFirst'), text: '', color: 'Attention' }));
    const card = await knowledgeView(turn, courseId, lessonId, team?.teamId);
    if (!card) throw new BadCardDataError('lessonId');
    return cardInvokeResponse(card);
  },
};

/** The answers: the card becomes the person's result with every explanation; a question left out keeps the form. */
export const knowledgeSubmitAction: CardAction = {
  verb: verbs.knowledgeSubmit,
  async handle(turn, data) {
    const courseId = requireText(data, 'courseId');
    const lessonId = requireText(data, 'lessonId');
    const team = cardTeam(turn, data);
    const view = await turn.services.learning.lesson(turn.person, courseId, lessonId, turn.t.language);
    if (!view.read) return cardInvokeResponse(noticeCard({ title: turn.t('knowledge.readFirst'), text: '', color: 'Attention' }));
    const outcome = await turn.services.knowledge.submit(turn.person, courseId, lessonId, data);
    if (outcome.kind === 'incomplete') {
      const { lesson, questions } = turn.services.knowledge.lesson(courseId, lessonId, turn.t.language);
      return cardInvokeResponse(knowledgeCheckCard({ courseId, lesson, questions: questions ?? [], teamId: team?.teamId, answers: outcome.answers, missing: true }, turn.t));
    }
    return cardInvokeResponse(await knowledgeResultView(turn, outcome.result, outcome.kind === 'already', team?.teamId));
  },
};
