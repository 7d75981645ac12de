import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import type { AdaptiveCard } from '../../cards/models.js';

/** Sends one Adaptive Card as a new message. */
export async function sendCard(context: TurnContext, card: AdaptiveCard): Promise<void> {
  await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
}

/** The invoke response that replaces the clicked card with another. */
export function cardInvokeResponse(card: AdaptiveCard): { statusCode: number; type: string; value: Record<string, unknown> } {
  return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card };
}
