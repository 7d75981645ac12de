import { MAX_CARD_BYTES } from '../../cards/validate-card.js';

/**
 * Limits that a content pack must respect and that the JSON Schema cannot express.
 * @remarks Text-length and item-count limits live in content-pack.schema.json; the knowledge-check limits are
 * repeated here for the code that renders and checks knowledge checks, and a test keeps the two equal.
 */
export const packLimits = {
  /** Words per lesson, body paragraphs and key fact together. */
  lessonWords: 320,
  /** Size of the rendered lesson card (UTF-8 JSON) in bytes; the cards' own limit. */
  cardBytes: MAX_CARD_BYTES,
  /** A lesson's optional knowledge check. */
  knowledgeCheck: {
    /** Questions per lesson, when the lesson has a knowledge check. */
    minQuestions: 1,
    maxQuestions: 3,
    /** Choices per question; exactly one is correct. */
    minChoices: 2,
    maxChoices: 4,
    /** Characters (Unicode code points) of a question's prompt. */
    promptChars: 300,
    /** Characters of a choice's text. */
    choiceChars: 200,
    /** Characters of the explanation shown after answering. */
    explanationChars: 400,
  },
} as const;
