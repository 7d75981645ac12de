import { MAX_CARD_BYTES } from '../../cards/validate-card.js';

/**
 * Limits that a content pack must respect and that the JSON Schema cannot express.
 * @remarks Text-length and item-count limits live in content-pack.schema.json.
 */
export const packLimits = {
  /** Words per lesson, body paragraphs and key fact together. */
  lessonWords: 320,
  /** Size of the rendered lesson card (UTF-8 JSON) in bytes; the cards' own limit. */
  cardBytes: MAX_CARD_BYTES,
} as const;
