import type { AdaptiveCard } from '../../../cards/models.js';
import { knowledgeCheckCard, knowledgeResultCard } from '../../../cards/views/knowledge-cards.js';
import type { KnowledgeResult } from '../../core/knowledge.js';
import type { Turn } from '../turn.js';

/** The result card for the person, in their language. */
export async function knowledgeResultView(turn: Turn, result: KnowledgeResult, earlier: boolean, teamId: string | undefined): Promise<AdaptiveCard> {
  const { knowledge, learning } = turn.services;
  const { lesson, questions } = knowledge.lesson(result.courseId, result.lessonId, turn.t.language);
  const hasNext = teamId ? false : (await learning.next(turn.person, result.courseId, turn.t.language)).kind === 'lesson';
  return knowledgeResultCard({ lesson, questions: questions ?? [], answers: result.answers, earlier, hasNext, teamId }, turn.t);
}

/**
 * The knowledge check card itself: the questions, or the person's result when they have answered (one answer per lesson);
 * undefined when the lesson has no knowledge check.
 * @remarks Sent after "Jeg har lest" in personal chat, and opened from a read lesson card (personal chat or channel); in a
 * channel the card that comes back is the clicking person's own.
 */
export async function knowledgeView(turn: Turn, courseId: string, lessonId: string, teamId: string | undefined): Promise<AdaptiveCard | undefined> {
  const { knowledge } = turn.services;
  const { lesson, questions } = knowledge.lesson(courseId, lessonId, turn.t.language);
  if (!questions) return undefined;
  const earlier = await knowledge.result(turn.person, courseId, lessonId);
  if (earlier) return knowledgeResultView(turn, earlier, true, teamId);
  return knowledgeCheckCard({ courseId, lesson, questions, teamId }, turn.t);
}
