import {
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
} from 'botbuilder';
import { helpCard, noticeCard, welcomePersonalCard } from '../../cards/views/personal-cards.js';
import { teamHelpCard } from '../../cards/views/team-cards.js';
import type { TeamRef } from '../core/team.js';
import { actionFor } from './actions/index.js';
import { matchCommand, worksIn } from './commands/index.js';
import { isUserError } from './errors.js';
import { cardInvokeResponse, sendCard } from './send.js';
import type { BotServices } from './services.js';
import { isPersonal, mentionsBot, teamOf, textWithoutMentions } from './team-context.js';
import { TeamEvents } from './team-events.js';
import { personOf, startTurn, type Turn } from './turn.js';
import { errorCard, unknownActionCard } from './views/error-views.js';

type SubmitValue = { readonly command?: unknown };

/**
 * The Teams activity handler: thin routing from activities to commands, card actions and team events.
 * @remarks No conversation reference is stored: proactive sends address a team's channels and 1:1 chats from the
 * team's stored service URL and roster (see BotConnector). In channels and group chats only messages that @mention the bot are answered.
 */
export class LaerekraftBot extends TeamsActivityHandler {
  private readonly teamEvents: TeamEvents;

  constructor(private readonly services: BotServices) {
    super();
    this.teamEvents = new TeamEvents(services);
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      if (isPersonal(context)) await this.welcomePersonal(context);
      else if (teamOf(context)) await this.teamEvents.installed(context);
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      const team = teamOf(context);
      if (team) await this.services.teams.setStatus(team, 'removed');
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      if (isPersonal(context) && this.botAmong(context, context.activity.membersAdded)) await this.welcomePersonal(context);
      await next();
    });
    this.onTeamsMembersAddedEvent(async (membersAdded, _teamInfo, context, next) => {
      const team = teamOf(context);
      if (team) {
        if (this.botAmong(context, membersAdded)) await this.teamEvents.installed(context);
        const others = membersAdded.filter((member) => member.id !== context.activity.recipient?.id);
        if (others.length > 0) await this.teamEvents.membersAdded(context, team, others);
      }
      await next();
    });
    this.onTeamsMembersRemovedEvent(async (membersRemoved, _teamInfo, context, next) => {
      const team = teamOf(context);
      if (team) await this.teamEvents.membersRemoved(context, team, membersRemoved);
      await next();
    });
    this.onTeamsTeamRenamedEvent(async (teamInfo, context, next) => this.withTeam(context, next, (team) => this.teamEvents.renamed(team, teamInfo)));
    this.onTeamsTeamArchivedEvent(async (_teamInfo, context, next) => this.withTeam(context, next, (team) => this.teamEvents.statusChanged(team, 'archived')));
    this.onTeamsTeamUnarchivedEvent(async (_teamInfo, context, next) => this.withTeam(context, next, (team) => this.teamEvents.statusChanged(team, 'active')));
    this.onTeamsTeamDeletedEvent(async (_teamInfo, context, next) => this.withTeam(context, next, (team) => this.teamEvents.statusChanged(team, 'deleted')));
    this.onTeamsTeamHardDeletedEvent(async (_teamInfo, context, next) => this.withTeam(context, next, (team) => this.teamEvents.statusChanged(team, 'deleted')));
    this.onTeamsTeamRestoredEvent(async (_teamInfo, context, next) => this.withTeam(context, next, (team) => this.teamEvents.statusChanged(team, 'active')));
    this.onTeamsChannelCreatedEvent(async (channel, _teamInfo, context, next) => this.withTeam(context, next, (team) => this.teamEvents.channelSaved(team, channel)));
    this.onTeamsChannelRenamedEvent(async (channel, _teamInfo, context, next) => this.withTeam(context, next, (team) => this.teamEvents.channelSaved(team, channel)));
    this.onTeamsChannelDeletedEvent(async (channel, _teamInfo, context, next) => this.withTeam(context, next, (team) => this.teamEvents.channelDeleted(team, channel)));
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
    const personal = isPersonal(context);
    const submitted = (context.activity.value as SubmitValue | undefined)?.command;
    if (!personal && typeof submitted !== 'string' && !mentionsBot(context)) return;
    const turn = await startTurn(context, this.services);
    const text = typeof submitted === 'string' ? submitted : textWithoutMentions(TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '');
    const match = matchCommand(text);
    try {
      if (!match) await this.sendHelp(turn, text.trim());
      else if (!worksIn(match.command, personal ? 'personal' : turn.team ? 'team' : 'groupChat')) await this.sendNotice(turn, match.command.scope === 'personal' ? 'error.personalOnly' : 'error.teamOnly');
      else await match.command.handle(turn, match.argument);
    } catch (error) {
      if (!isUserError(error)) throw error;
      await sendCard(context, errorCard(error, turn.t));
    }
  }

  private async sendNotice(turn: Turn, key: 'error.personalOnly' | 'error.teamOnly'): Promise<void> {
    await sendCard(turn.context, noticeCard({ title: turn.t('error.title'), text: turn.t(key), color: 'Attention' }));
  }

  private async sendHelp(turn: Turn, unknownText: string): Promise<void> {
    const unknown = unknownText === '' ? undefined : unknownText.slice(0, 100);
    await sendCard(turn.context, turn.team ? teamHelpCard(turn.team.teamId, turn.t, unknown) : helpCard(turn.t, unknown));
  }

  private async welcomePersonal(context: TurnContext): Promise<void> {
    const person = personOf(context);
    const first = await this.services.welcomes.claim(person.tenantId, `personal:${person.userId}`, this.services.clock.now());
    if (!first) return;
    const turn = await startTurn(context, this.services);
    await sendCard(context, welcomePersonalCard(turn.t));
  }

  private botAmong(context: TurnContext, accounts: readonly { readonly id?: string }[] | undefined): boolean {
    return (accounts ?? []).some((account) => account.id === context.activity.recipient?.id);
  }

  private async withTeam(context: TurnContext, next: () => Promise<void>, act: (team: TeamRef) => Promise<void>): Promise<void> {
    const team = teamOf(context);
    if (team) await act(team);
    await next();
  }
}
