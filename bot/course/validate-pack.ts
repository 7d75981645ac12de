import type { ContentPack } from './content-pack.js';
import { sortByDocumentOrder } from './document-order.js';
import { checkLessonCards, type LessonCardRenderer } from './lesson-card-check.js';
import { checkConsistency } from './pack-consistency.js';
import { checkDilemmaCards } from './dilemma-card-check.js';
import type { PackIssue } from './pack-problem.js';
import { checkSchema } from './schema-check.js';

/** How a pack is validated. */
export type ValidatePackOptions = {
  /** Renders lesson cards for the card checks; `false` skips them. Defaults to the bot's own lesson card. */
  readonly renderLessonCard?: LessonCardRenderer | false;
};

/** The outcome of validating one pack: the pack when it has no problems, and every problem found. */
export type PackValidation = {
  readonly pack: ContentPack | undefined;
  readonly issues: readonly PackIssue[];
};

/**
 * Validates a parsed content pack: JSON Schema, consistency across languages, words and Markdown, rendered cards.
 * @remarks Reports every problem in document order; cards are checked only when the schema passes.
 */
export function validatePack(data: unknown, options: ValidatePackOptions = {}): PackValidation {
  const schemaIssues = checkSchema(data);
  const issues = [...schemaIssues, ...checkConsistency(data)];
  if (schemaIssues.length === 0 && options.renderLessonCard !== false) {
    issues.push(...checkLessonCards(data as ContentPack, options.renderLessonCard));
    // dilemma
    issues.push(...checkDilemmaCards(data as ContentPack));
  }
  if (issues.length === 0) return { pack: data as ContentPack, issues: [] };
  return { pack: undefined, issues: sortByDocumentOrder(data, issues) };
}
