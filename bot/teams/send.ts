import { CardFactory, MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import type { AdaptiveCard } from '../../cards/models.js';

/** The message activity that carries one Adaptive Card: what every send, post, reply and update of a card sends. */
export function cardActivity(card: AdaptiveCard): Partial<Activity> {
  return MessageFactory.attachment(CardFactory.adaptiveCard(card));
}

/** Sends one Adaptive Card as a new message. */
export async function sendCard(context: TurnContext, card: AdaptiveCard): Promise<void> {
  await context.sendActivity(cardActivity(card));
}

/** The invoke response that replaces the clicked card with another. */
export function cardInvokeResponse(card: AdaptiveCard): { statusCode: number; type: string; value: Record<string, unknown> } {
  return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card };
}
