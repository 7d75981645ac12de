import {
  ActivityTypes,
  TeamsInfo,
  type Activity,
  type CloudAdapter,
  type ConversationParameters,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';
import type { AdaptiveCard } from '../../cards/models.js';
import { noticeCard } from '../../cards/views/personal-cards.js';
import { sharedReplyCard } from '../../cards/views/team-cards.js';
import type { ThreadReplies } from '../core/ports.js';
import type { ReplyContent } from '../core/shared-reply.js';
import type { Team } from '../core/team.js';
import { translator } from '../i18n/translator.js';
import type { Messenger } from './messenger.js';
import { cardActivity } from './send.js';

/**
 * Writes to team channels and threads through the Bot Connector, outside of any user's turn.
 * @remarks Uses `continueConversationAsync`, so it works from the scheduler and after a restart. Without a bot app id
 * (local mode) a placeholder id is used: `sendMessageToTeamsChannel` needs a non-empty one. Every call goes through
 * the Messenger, paced per conversation (the channel for a new thread, else the thread) and per tenant, and fails
 * with a `SendFailure`.
 */
export class BotConnector implements ThreadReplies {
  private readonly appId: string;

  constructor(
    private readonly adapter: CloudAdapter,
    appId: string,
    private readonly messenger: Messenger,
  ) {
    this.appId = appId || 'local-mode-bot';
  }

  /** Starts a new thread in a channel of the team; returns the thread's conversation id and the message id. */
  async postToChannel(team: Team, channelId: string, card: AdaptiveCard): Promise<{ readonly threadId: string; readonly activityId: string }> {
    let result: { threadId: string; activityId: string } | undefined;
    await this.inConversation(team, team.teamId, channelId, async (context) => {
      const [reference] = await TeamsInfo.sendMessageToTeamsChannel(context, cardActivity(card) as Activity, channelId, this.appId);
      // On the CloudAdapter the returned "activity id" is the new conversation's id; the post's own id is the
      // `messageid` part of the thread id `<channel>;messageid=<id>`, which is what an update must name.
      const threadId = reference.conversation.id;
      result = { threadId, activityId: /;messageid=(.+)$/.exec(threadId)?.[1] ?? threadId };
    });
    if (!result) throw new Error(`Posting to channel ${channelId} returned nothing`);
    return result;
  }

  /** Posts a card as a reply in a thread; returns its message id. */
  async replyInThread(team: Team, threadId: string, card: AdaptiveCard): Promise<string> {
    let id = '';
    await this.inConversation(team, threadId, threadId, async (context) => {
      id = (await context.sendActivity(cardActivity(card)))?.id ?? '';
    });
    return id;
  }

  /** Replaces the card of a message in a thread. */
  async updateInThread(team: Team, threadId: string, activityId: string, card: AdaptiveCard): Promise<void> {
    await this.inConversation(team, threadId, threadId, async (context) => {
      await context.updateActivity({ ...cardActivity(card), id: activityId, type: ActivityTypes.Message });
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
    let conversationId = '';
    await this.messenger.send({ tenantId: team.tenantId, conversationId: `personal:${teamsUserId}` }, async () => {
      let failure: { readonly error: unknown } | undefined;
      await this.adapter.createConversationAsync(this.appId, 'msteams', team.serviceUrl, '', parameters, async (context) => {
        conversationId = context.activity.conversation?.id ?? '';
      }).catch((error: unknown) => {
        failure = { error };
      });
      if (failure) throw failure.error;
    });
    if (!conversationId) throw new Error('Creating the personal conversation returned no id');
    let id = '';
    await this.inConversation(team, conversationId, conversationId, async (context) => {
      id = (await context.sendActivity(cardActivity(card)))?.id ?? '';
    }, 'personal');
    return id;
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

  /**
   * Runs `logic` in a proactive turn in the conversation, through the Messenger, paced as `pacedConversationId`.
   * @remarks The adapter hands an error thrown in the turn to `onTurnError` and swallows it, so it is caught inside
   * the turn and rethrown here, where the Messenger can classify and retry it.
   */
  private async inConversation(
    team: Team,
    conversationId: string,
    pacedConversationId: string,
    logic: (context: TurnContext) => Promise<void>,
    conversationType: 'channel' | 'personal' = 'channel',
  ): Promise<void> {
    const reference: Partial<ConversationReference> = {
      channelId: 'msteams',
      serviceUrl: team.serviceUrl,
      conversation: { id: conversationId, isGroup: conversationType === 'channel', conversationType, tenantId: team.tenantId, name: '' },
    };
    await this.messenger.send({ tenantId: team.tenantId, conversationId: pacedConversationId }, async () => {
      let failure: { readonly error: unknown } | undefined;
      await this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
        try {
          await logic(context);
        } catch (error) {
          failure = { error };
        }
      });
      if (failure) throw failure.error;
    });
  }
}
