import { knowledgeCheckCard, knowledgeResultCard } from '../../../cards/views/knowledge-cards.js';
import { noticeCard } from '../../../cards/views/personal-cards.js';
import { verbs } from '../../../cards/verbs.js';
import type { KnowledgeResult } from '../../core/knowledge.js';
import { cardInvokeResponse } from '../send.js';
import { BadCardDataError, requireText, type CardAction } from './card-action.js';
import { cardTeam } from './channel-scope.js';
import type { Turn } from '../turn.js';
import type { AdaptiveCard } from '../../../cards/models.js';

/** The result card for the person, in their language. */
async function resultCard(turn: Turn, result: KnowledgeResult, earlier: boolean, teamId: string | undefined): Promise<AdaptiveCard> {
  const { knowledge, learning } = turn.services;
  const { lesson, questions } = knowledge.lesson(result.courseId, result.lessonId, turn.t.language);
  const hasNext = teamId ? false : (await learning.next(turn.person, result.courseId, turn.t.language)).kind === 'lesson';
  return knowledgeResultCard({ lesson, questions: questions ?? [], answers: result.answers, earlier, hasNext, teamId }, turn.t);
}

/**
 * The knowledge check card itself: the questions, or the person's result when they have answered (one answer per lesson).
 * @remarks Sent after "Jeg har lest" in personal chat, and opened from a read lesson card (personal chat or channel); in a
 * channel the card that comes back is the clicking person's own.
 */
export async function knowledgeCardFor(turn: Turn, courseId: string, lessonId: string, teamId: string | undefined): Promise<AdaptiveCard | undefined> {
  const { knowledge } = turn.services;
  const { lesson, questions } = knowledge.lesson(courseId, lessonId, turn.t.language);
  if (!questions) return undefined;
  const earlier = await knowledge.result(turn.person, courseId, lessonId);
  if (earlier) return resultCard(turn, earlier, true, teamId);
  return knowledgeCheckCard({ courseId, lesson, questions, teamId }, turn.t);
}

/** "Kunnskapssjekk": the questions, or the result when answered; only after the lesson is read. */
export const knowledgeOpenAction: CardAction = {
  verb: verbs.knowledgeOpen,
  async handle(turn, data) {
    const courseId = requireText(data, 'courseId');
    const lessonId = requireText(data, 'lessonId');
    const team = cardTeam(turn, data);
    const view = await turn.services.learning.lesson(turn.person, courseId, lessonId, turn.t.language);
    if (!view.read) return cardInvokeResponse(noticeCard({ title: turn.t('knowledge.readFirst'), text: '', color: 'Attention' }));
    const card = await knowledgeCardFor(turn, courseId, lessonId, team?.teamId);
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
    return cardInvokeResponse(await resultCard(turn, outcome.result, outcome.kind === 'already', team?.teamId));
  },
};
