import { createHash } from 'node:crypto';

/**
 * What a card showed in each answer field, as short digests, so that a save knows which stored answers the person saw.
 * @remarks An empty field yields ''. The digest is salted with the subject (course and lesson, or round) and only
 * ever travels in the card data of the person's own card.
 */
export function answerBasis(subject: string, shown: readonly (string | undefined)[]): string[] {
  return shown.map((answer) => digest(subject, answer ?? ''));
}

/**
 * Merges a submission with the stored answers: a field left empty gets the stored answer back unless the card showed
 * that very answer (the person then cleared it on purpose). Returns the merged answers and which fields got one back.
 * @remarks Callers return such a merge to the person to review instead of saving it, so a save from a card that was
 * not prefilled for them (a channel card in a team too large for per-user refresh, an old card in personal chat)
 * never wipes or shares answers saved elsewhere unseen. Without a
 * basis (the tab, which always shows every stored answer) the submission replaces the stored answers as it is.
 */
export function keepUnseenAnswers(
  subject: string,
  submitted: readonly string[],
  stored: readonly string[] | undefined,
  basis: unknown,
): { readonly answers: string[]; readonly kept: number[] } {
  if (basis === undefined) return { answers: [...submitted], kept: [] };
  const shown: unknown[] = Array.isArray(basis) ? basis : [];
  const kept: number[] = [];
  const answers = submitted.map((answer, index) => {
    const earlier = stored?.[index] ?? '';
    if (answer !== '' || earlier === '' || shown[index] === digest(subject, earlier)) return answer;
    kept.push(index);
    return earlier;
  });
  return { answers, kept };
}

function digest(subject: string, answer: string): string {
  if (answer === '') return '';
  return createHash('sha256').update(subject).update('\u0000').update(answer).digest('base64url').slice(0, 16);
}
