import type { Activity, ConversationParameters } from 'botbuilder';
import type { AdaptiveCard } from '../../cards/models.js';
import { noticeCard } from '../../cards/views/personal-cards.js';
import { sharedReplyCard } from '../../cards/views/team-cards.js';
import type { ThreadReplies } from '../core/ports.js';
import type { ReplyContent } from '../core/shared-reply.js';
import type { Team } from '../core/team.js';
import { translator } from '../i18n/translator.js';
import type { ConnectorClients } from './connector-clients.js';
import type { Messenger } from './messenger.js';
import { cardActivity } from './send.js';

/**
 * Writes to team channels, threads and 1:1 chats through the Bot Connector, outside of any user's turn.
 * @remarks Calls the Bot Connector's conversation operations on a {@link ConnectorClients} client (one per service URL,
 * built once), so it works from the scheduler and after a restart. Without a bot app id (local mode) a placeholder id
 * is used. Every call goes through the Messenger, paced per conversation (the channel for a new thread, else the
 * thread or chat) and per tenant, and fails with a `SendFailure`.
 */
export class BotConnector implements ThreadReplies {
  private readonly appId: string;

  constructor(
    private readonly clients: ConnectorClients,
    appId: string,
    private readonly messenger: Messenger,
  ) {
    this.appId = appId || 'local-mode-bot';
  }

  /** Starts a new thread in a channel of the team; returns the thread's conversation id and the message id. */
  async postToChannel(team: Team, channelId: string, card: AdaptiveCard): Promise<{ readonly threadId: string; readonly activityId: string }> {
    // What `TeamsInfo.sendMessageToTeamsChannel` asks for: a group conversation in the channel, opened by the card.
    const parameters = { isGroup: true, channelData: { channel: { id: channelId } }, activity: cardActivity(card) } as ConversationParameters;
    const threadId = await this.messenger.send({ tenantId: team.tenantId, conversationId: channelId }, async () => {
      const client = await this.clients.client(team.serviceUrl);
      return (await client.conversations.createConversation(parameters)).id;
    });
    if (!threadId) throw new Error(`Posting to channel ${channelId} returned nothing`);
    // The new conversation's id is the thread id `<channel>;messageid=<id>`; the post's own id, which an update must
    // name, is its `messageid` part.
    return { threadId, activityId: /;messageid=(.+)$/.exec(threadId)?.[1] ?? threadId };
  }

  /** Posts a card as a reply in a thread; returns its message id. */
  async replyInThread(team: Team, threadId: string, card: AdaptiveCard): Promise<string> {
    return this.sendTo(team, threadId, card, 'channel');
  }

  /** Replaces the card of a message in a thread. */
  async updateInThread(team: Team, threadId: string, activityId: string, card: AdaptiveCard): Promise<void> {
    await this.messenger.send({ tenantId: team.tenantId, conversationId: threadId }, async () => {
      const client = await this.clients.client(team.serviceUrl);
      await client.conversations.updateActivity(threadId, activityId, { ...this.activity(team, threadId, card, 'channel'), id: activityId });
    });
  }

  /**
   * Writes 1:1 to a team member: creates (or finds) the personal conversation from the roster, then posts in it.
   * @remarks Two requests, each paced as its own send. Teams returns the existing 1:1 conversation when there is one.
   */
  async sendPersonal(team: Team, teamsUserId: string, card: AdaptiveCard): Promise<string> {
    const parameters = {
      isGroup: false,
      bot: { id: this.appId, name: 'Lærekraft' },
      members: [{ id: teamsUserId, name: '' }],
      tenantId: team.tenantId,
      channelData: { tenant: { id: team.tenantId } },
    } as ConversationParameters;
    const conversationId = await this.messenger.send({ tenantId: team.tenantId, conversationId: `personal:${teamsUserId}` }, async () => {
      const client = await this.clients.client(team.serviceUrl);
      return (await client.conversations.createConversation(parameters)).id;
    });
    if (!conversationId) throw new Error('Creating the personal conversation returned no id');
    return this.sendTo(team, conversationId, card, 'personal');
  }

  async post(team: Team, threadId: string, content: ReplyContent): Promise<string> {
    return this.replyInThread(team, threadId, sharedReplyCard(content));
  }

  async update(team: Team, threadId: string, activityId: string, content: ReplyContent): Promise<void> {
    await this.updateInThread(team, threadId, activityId, sharedReplyCard(content));
  }

  async retract(team: Team, threadId: string, activityId: string, language: string): Promise<void> {
    const t = translator(language);
    await this.updateInThread(team, threadId, activityId, noticeCard({ title: t('reply.retracted'), text: '' }));
  }

  /** Posts a card as a new message in a conversation (a thread or a 1:1 chat); returns its message id. */
  private async sendTo(team: Team, conversationId: string, card: AdaptiveCard, conversationType: 'channel' | 'personal'): Promise<string> {
    return this.messenger.send({ tenantId: team.tenantId, conversationId }, async () => {
      const client = await this.clients.client(team.serviceUrl);
      return (await client.conversations.sendToConversation(conversationId, this.activity(team, conversationId, card, conversationType))).id ?? '';
    });
  }

  /** The card's message activity addressed to the conversation, as a proactive turn's `sendActivity` would send it. */
  private activity(team: Team, conversationId: string, card: AdaptiveCard, conversationType: 'channel' | 'personal'): Partial<Activity> {
    return {
      ...cardActivity(card),
      channelId: 'msteams',
      serviceUrl: team.serviceUrl,
      conversation: { id: conversationId, isGroup: conversationType === 'channel', conversationType, tenantId: team.tenantId, name: '' },
    };
  }
}
