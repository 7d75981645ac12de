import { TeamsInfo, type ChannelInfo, type TeamInfo, type TeamsChannelAccount, type TurnContext } from 'botbuilder';
import { welcomeTeamCard } from '../../cards/views/team-cards.js';
import type { TeamChannel, TeamRef } from '../core/team.js';
import { languageForLocale } from '../i18n/resolve-language.js';
import { translator } from '../i18n/translator.js';
import { rosterPages, teamChannels, toTeamMember } from './roster.js';
import { sendCard } from './send.js';
import type { BotServices } from './services.js';
import { channelDataOf } from './team-context.js';
import { tenantOf } from './turn.js';

/** Keeps the app's picture of a team in step with Teams: install, roster, channels, renames, archive, delete, removal. */
export class TeamEvents {
  constructor(private readonly services: BotServices) {}

  /**
   * The app was added to a team: records it, its channels and roster, and posts the welcome once.
   * @remarks A reinstall finds the welcome already claimed and posts nothing.
   */
  async installed(context: TurnContext): Promise<void> {
    const data = channelDataOf(context);
    const teamId = data.team?.id;
    if (!teamId) return;
    const ref: TeamRef = { tenantId: tenantOf(context), teamId };
    const details = await this.tryRead(() => TeamsInfo.getTeamDetails(context, teamId), 'team details', ref);
    const channels = await this.tryRead(() => teamChannels(context, teamId), 'channels', ref);
    const first = await this.services.teams.installed(
      {
        ...ref,
        name: details?.name ?? data.team?.name ?? '',
        serviceUrl: context.activity.serviceUrl,
        aadGroupId: details?.aadGroupId ?? data.team?.aadGroupId,
      },
      channels ?? undefined,
    );
    await this.tryRead(() => this.services.teams.syncRoster(ref, rosterPages(context, teamId)), 'roster', ref);
    if (first) {
      const settings = await this.services.tenantSettings.get(ref.tenantId);
      const t = translator(languageForLocale(context.activity.locale, settings.defaultLanguage));
      await sendCard(context, welcomeTeamCard(teamId, settings.minGroupSize, t, settings.namedProgress));
    }
  }

  /** People joined the team (the bot's own arrival is {@link installed}). */
  async membersAdded(context: TurnContext, ref: TeamRef, accounts: readonly Partial<TeamsChannelAccount>[]): Promise<void> {
    const members = [];
    for (const account of accounts) {
      const full = account.aadObjectId && account.name ? account : await this.tryRead(() => TeamsInfo.getTeamMember(context, ref.teamId, account.id!), 'member', ref);
      const member = full ? toTeamMember(full) : undefined;
      if (member) members.push(member);
    }
    if (members.length > 0) await this.services.teams.membersAdded(ref, members);
  }

  /** People left the team; when the bot itself is removed, nothing more is sent there. */
  async membersRemoved(context: TurnContext, ref: TeamRef, accounts: readonly Partial<TeamsChannelAccount>[]): Promise<void> {
    const botId = context.activity.recipient?.id;
    if (accounts.some((account) => account.id === botId)) {
      await this.services.teams.setStatus(ref, 'removed');
      return;
    }
    await this.services.teams.membersRemoved(ref, accounts.map((account) => account.id!).filter(Boolean));
  }

  /** The team was renamed. */
  renamed(ref: TeamRef, team: TeamInfo): Promise<void> {
    return this.services.teams.renamed(ref, team.name ?? '');
  }

  /** The team was archived, deleted, restored or unarchived. */
  async statusChanged(ref: TeamRef, status: 'archived' | 'deleted' | 'active'): Promise<void> {
    await this.services.teams.setStatus(ref, status);
    // Replies withdrawn while the team was archived are taken out of their threads now.
    if (status === 'active') await this.services.sharing.resumeWithdrawn(ref);
  }

  /** A channel was created or renamed. */
  channelSaved(ref: TeamRef, channel: ChannelInfo): Promise<void> {
    const saved: TeamChannel = { channelId: channel.id ?? '', name: channel.name ?? '' };
    return saved.channelId ? this.services.teams.channelSaved(ref, saved) : Promise.resolve();
  }

  /** A channel was deleted. */
  channelDeleted(ref: TeamRef, channel: ChannelInfo): Promise<void> {
    return channel.id ? this.services.teams.channelRemoved(ref, channel.id) : Promise.resolve();
  }

  private async tryRead<T>(read: () => Promise<T>, what: string, ref: TeamRef): Promise<T | undefined> {
    try {
      return await read();
    } catch (error) {
      this.services.logger.warn({ err: error, teamId: ref.teamId, what }, 'could not read from Teams');
      return undefined;
    }
  }
}
