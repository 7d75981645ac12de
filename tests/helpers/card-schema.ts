/** Card checks for tests; the implementation lives with the cards so that tools can use it too. */
export { MAX_CARD_BYTES, cardBytes, unexpandedBindings, validateAdaptiveCard } from '../../cards/validate-card.js';
