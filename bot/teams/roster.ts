import { TeamsInfo, type TeamsChannelAccount, type TurnContext } from 'botbuilder';
import type { TeamService } from '../core/team-service.js';
import type { TeamChannel, TeamMember, TeamRef } from '../core/team.js';

/** Members per roster page (Teams allows up to 500). */
const PAGE_SIZE = 500;

/** A roster entry as the app keeps it; bots and accounts without an Entra id are left out. */
export function toTeamMember(account: Partial<TeamsChannelAccount>): TeamMember | undefined {
  if (!account.id || !account.aadObjectId) return undefined;
  return { userId: account.aadObjectId, teamsUserId: account.id, name: account.name ?? '' };
}

/** The team's roster, page by page, from the Bot Connector (`getPagedMembers`). */
export async function* rosterPages(context: TurnContext, teamId: string): AsyncIterable<readonly TeamMember[]> {
  let continuationToken: string | undefined;
  do {
    const page = await TeamsInfo.getPagedTeamMembers(context, teamId, PAGE_SIZE, continuationToken);
    yield page.members.map(toTeamMember).filter((member): member is TeamMember => member !== undefined);
    continuationToken = page.continuationToken || undefined;
  } while (continuationToken);
}

/** The team's standard channels as Teams reports them now. */
export async function teamChannels(context: TurnContext, teamId: string): Promise<readonly TeamChannel[]> {
  const channels = await TeamsInfo.getTeamChannels(context, teamId);
  return channels.filter((channel) => channel.id).map((channel) => ({ channelId: channel.id!, name: channel.name ?? '' }));
}

/** The team's standard channels as Teams reports them now, stored on the way as the team's channel list. */
export async function refreshedChannels(context: TurnContext, teamService: Pick<TeamService, 'channelsChanged'>, ref: TeamRef): Promise<readonly TeamChannel[]> {
  const channels = await teamChannels(context, ref.teamId);
  await teamService.channelsChanged(ref, channels);
  return channels;
}
