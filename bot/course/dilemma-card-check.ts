import { cardBytes, unexpandedBindings, validateAdaptiveCard } from '../../cards/validate-card.js';
import { dilemmaCard } from '../../cards/views/dilemma-card.js';
import type { Course } from '../core/course.js';
import { MAX_ANSWER_LENGTH } from '../core/answer-rules.js';
import { translator } from '../i18n/translator.js';
import { pointer } from './json-pointer.js';
import { packLimits } from './pack-limits.js';
import { packIssue, type PackIssue } from './pack-problem.js';

/** Kilobytes to one decimal, as the messages show them. */
const kilobytes = (bytes: number): number => Math.round((bytes / 1024) * 10) / 10;

/**
 * Renders every dilemma in every language at its largest (the distribution shown, a choice made, a full reason of
 * four-byte characters, a team too large for per-user refresh) and checks the card: it renders, it is a valid
 * Adaptive Card 1.5, it shows no raw placeholder, and it is within the size limit.
 * @remarks Needs a pack that passed the JSON Schema.
 */
export function checkDilemmaCards(course: Course): PackIssue[] {
  const issues: PackIssue[] = [];
  for (const language of course.languages) {
    const text = course.content[language];
    (text?.dilemmas ?? []).forEach((dilemma, index) => {
      const path = pointer('content', language, 'dilemmas', index);
      let card: unknown;
      try {
        card = dilemmaCard(
          {
            roundId: '00000000-0000-4000-8000-000000000000',
            dilemma,
            goalNames: text?.goalNames ?? [],
            tally: { answered: 9999, minGroupSize: 5, counts: new Map(dilemma.options.map((option) => [option.id, 9999])) },
            channel: { teamId: '19:' + 'x'.repeat(60) + '@thread.tacv2', refreshUserIds: undefined },
            optionId: dilemma.options[0]?.id,
            reason: '🌍'.repeat(MAX_ANSWER_LENGTH),
            visibility: 'anonymous',
            saved: true,
          },
          translator(language),
        );
      } catch (error) {
        issues.push(packIssue(path, language, 'dilemmaCardRender', { detail: error instanceof Error ? error.message : String(error) }));
        return;
      }
      const bytes = cardBytes(card);
      if (bytes > packLimits.cardBytes) issues.push(packIssue(path, language, 'dilemmaCardSize', { size: kilobytes(bytes), limit: kilobytes(packLimits.cardBytes) }));
      const schemaErrors = validateAdaptiveCard(card);
      if (schemaErrors.length > 0) issues.push(packIssue(path, language, 'dilemmaCardInvalid', { detail: schemaErrors.slice(0, 3).join('; ') }));
      const placeholders = unexpandedBindings(card);
      if (placeholders.length > 0) issues.push(packIssue(path, language, 'dilemmaCardPlaceholders', { placeholders: [...new Set(placeholders)].join(', ') }));
    });
  }
  return issues;
}
