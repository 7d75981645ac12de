import { CardFactory, MessageFactory, type CloudAdapter, type ConversationParameters } from 'botbuilder';
import type { AdaptiveCard } from '../../cards/models.js';
import type { Team } from '../core/team.js';

/**
 * Writes 1:1 to a team member, creating the personal conversation from the roster when there is none.
 * @remarks Teams returns the existing 1:1 conversation when one exists, so creating it again is safe.
 */
export class PersonalSender {
  private readonly appId: string;

  constructor(
    private readonly adapter: CloudAdapter,
    appId: string,
  ) {
    this.appId = appId || 'local-mode-bot';
  }

  /** Sends a card to one person; returns the message id. */
  async send(team: Team, teamsUserId: string, card: AdaptiveCard): Promise<string> {
    const parameters = {
      isGroup: false,
      bot: { id: this.appId, name: 'Lærekraft' },
      members: [{ id: teamsUserId, name: '' }],
      tenantId: team.tenantId,
      channelData: { tenant: { id: team.tenantId } },
    } as ConversationParameters;
    let id = '';
    await this.adapter.createConversationAsync(this.appId, 'msteams', team.serviceUrl, '', parameters, async (context) => {
      id = (await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card))))?.id ?? '';
    });
    return id;
  }
}
