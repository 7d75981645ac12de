import {
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
} from 'botbuilder';
import { LRUCache } from 'lru-cache';
import { helpCard, welcomePersonalCard } from '../../cards/views/personal-cards.js';
import { actionFor } from './actions/index.js';
import { matchCommand } from './commands/index.js';
import { errorCard, isUserError, unknownActionCard } from './errors.js';
import { cardInvokeResponse, sendCard } from './send.js';
import type { BotServices } from './services.js';
import { personOf, startTurn, tenantOf, type Turn } from './turn.js';

type SubmitValue = { readonly command?: unknown };

/**
 * The Teams activity handler: thin routing from activities to commands and card actions.
 * @remarks Every turn refreshes the stored conversation reference, so proactive sends survive restarts.
 */
export class LaerekraftBot extends TeamsActivityHandler {
  private readonly savedReferences = new LRUCache<string, string>({ max: 10_000 });

  constructor(private readonly services: BotServices) {
    super();
    this.onTurn(async (context, next) => {
      await this.rememberConversation(context);
      await next();
    });
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.welcome(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botAdded = (context.activity.membersAdded ?? []).some((member) => member.id === context.activity.recipient?.id);
      if (botAdded) await this.welcome(context);
      await next();
    });
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const turn = await startTurn(context, this.services);
    const action = actionFor(invokeValue.action?.verb ?? '');
    if (!action) {
      this.services.logger.warn({ verb: invokeValue.action?.verb, activityId: context.activity.id }, 'unknown card verb');
      return cardInvokeResponse(unknownActionCard(turn.t));
    }
    try {
      return await action.handle(turn, (invokeValue.action.data ?? {}) as Record<string, unknown>);
    } catch (error) {
      if (!isUserError(error)) throw error;
      this.services.logger.info({ verb: action.verb, reason: (error as Error).message, activityId: context.activity.id }, 'card action refused');
      return cardInvokeResponse(errorCard(error, turn.t));
    }
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const turn = await startTurn(context, this.services);
    const submitted = (context.activity.value as SubmitValue | undefined)?.command;
    const text = typeof submitted === 'string' ? submitted : TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '';
    const match = matchCommand(text);
    try {
      if (match) await match.command.handle(turn, match.argument);
      else await this.sendHelp(turn, text.trim());
    } catch (error) {
      if (!isUserError(error)) throw error;
      await sendCard(context, errorCard(error, turn.t));
    }
  }

  private async sendHelp(turn: Turn, unknownText: string): Promise<void> {
    await sendCard(turn.context, helpCard(turn.t, unknownText === '' ? undefined : unknownText.slice(0, 100)));
  }

  private async welcome(context: TurnContext): Promise<void> {
    if (context.activity.conversation?.conversationType !== 'personal') return;
    const person = personOf(context);
    const first = await this.services.welcomes.claim(person.tenantId, `personal:${person.userId}`, this.services.clock.now());
    if (!first) return;
    const turn = await startTurn(context, this.services);
    await sendCard(context, welcomePersonalCard(turn.t));
  }

  private async rememberConversation(context: TurnContext): Promise<void> {
    const activity = context.activity;
    if (!activity.conversation?.id || !activity.serviceUrl) return;
    const tenantId = tenantOf(context);
    const key = activity.conversation.conversationType === 'personal' ? `personal:${personOf(context).userId}` : `conversation:${activity.conversation.id}`;
    const { activityId: _activityId, ...reference } = TurnContext.getConversationReference(activity);
    const json = JSON.stringify(reference);
    const cacheKey = `${tenantId}/${key}`;
    if (this.savedReferences.get(cacheKey) === json) return;
    await this.services.conversations.save(tenantId, key, reference, this.services.clock.now());
    this.savedReferences.set(cacheKey, json);
  }
}
