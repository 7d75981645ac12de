import { ForbiddenError } from './errors.js';
import type { Clock, LeaderRepository, TeamOwnerDirectory, TeamRepository, WelcomeRepository } from './ports.js';
import type { PersonRef } from './person.js';
import type { Team, TeamChannel, TeamMember, TeamRef, TeamStatus } from './team.js';

/** Why someone may lead a team, or that they may not. */
export type Leadership = 'leader' | 'coLeader' | 'owner' | 'none';

/** Installation, roster, channels and roles of teams. */
export class TeamService {
  constructor(
    private readonly deps: {
      readonly teamRepository: TeamRepository;
      readonly leaders: LeaderRepository;
      readonly welcomes: WelcomeRepository;
      readonly owners: TeamOwnerDirectory;
      readonly clock: Clock;
    },
  ) {}

  /** Records that the app is in the team; true only the first time, when the welcome should be posted. */
  async installed(team: Omit<Team, 'status'>, channels: readonly TeamChannel[] | undefined): Promise<boolean> {
    const now = this.deps.clock.now();
    await this.deps.teamRepository.upsert(team, now);
    if (channels) await this.deps.teamRepository.replaceChannels(team, channels, now);
    return this.deps.welcomes.claim(team.tenantId, `team:${team.teamId}`, now);
  }

  /** The team, if the app knows it. */
  find(ref: TeamRef): Promise<Team | undefined> {
    return this.deps.teamRepository.find(ref);
  }

  /** Replaces the roster with a full read, page by page; members not seen are removed. */
  async syncRoster(ref: TeamRef, pages: AsyncIterable<readonly TeamMember[]>): Promise<number> {
    const started = this.deps.clock.now();
    let count = 0;
    for await (const page of pages) {
      await this.deps.teamRepository.upsertMembers(ref, page, this.deps.clock.now());
      count += page.length;
    }
    await this.deps.teamRepository.removeMembersNotSeenSince(ref, started);
    return count;
  }

  /** Adds people who joined the team. */
  membersAdded(ref: TeamRef, members: readonly TeamMember[]): Promise<void> {
    return this.deps.teamRepository.upsertMembers(ref, members, this.deps.clock.now());
  }

  /** Removes people who left the team; a leader who leaves is no longer a leader of it. */
  async membersRemoved(ref: TeamRef, teamsUserIds: readonly string[]): Promise<void> {
    for (const teamsUserId of teamsUserIds) {
      const member = await this.deps.teamRepository.findMemberByTeamsId(ref, teamsUserId);
      if (member) await this.deps.leaders.remove(ref, member.userId);
    }
    await this.deps.teamRepository.removeMembers(ref, teamsUserIds);
  }

  /** Records a change of the team's status (archived, deleted, app removed, or active again). */
  setStatus(ref: TeamRef, status: TeamStatus): Promise<void> {
    return this.deps.teamRepository.setStatus(ref, status, this.deps.clock.now());
  }

  /** Records the team's new name. */
  renamed(ref: TeamRef, name: string): Promise<void> {
    return this.deps.teamRepository.rename(ref, name, this.deps.clock.now());
  }

  /** Replaces the channel list with what Teams reports. */
  channelsChanged(ref: TeamRef, channels: readonly TeamChannel[]): Promise<void> {
    return this.deps.teamRepository.replaceChannels(ref, channels, this.deps.clock.now());
  }

  /** Records a created or renamed channel. */
  channelSaved(ref: TeamRef, channel: TeamChannel): Promise<void> {
    return this.deps.teamRepository.upsertChannel(ref, channel, this.deps.clock.now());
  }

  /** Forgets a deleted channel. */
  channelRemoved(ref: TeamRef, channelId: string): Promise<void> {
    return this.deps.teamRepository.removeChannel(ref, channelId);
  }

  /** The team's channels as last reported. */
  channels(ref: TeamRef): Promise<readonly TeamChannel[]> {
    return this.deps.teamRepository.channels(ref);
  }

  /** Whether and why the person leads the team: named leader, co-leader, or team owner (Graph). */
  async leadership(ref: TeamRef, userId: string): Promise<Leadership> {
    const leaders = await this.deps.leaders.list(ref);
    const entry = leaders.find((leader) => leader.userId === userId);
    if (entry) return entry.role;
    const team = await this.deps.teamRepository.find(ref);
    if (team && (await this.deps.owners.isOwner(team, userId))) return 'owner';
    return 'none';
  }

  /** True when the team has no leader yet, so whoever sets the course up becomes its leader. */
  async hasNoLeader(ref: TeamRef): Promise<boolean> {
    return (await this.deps.leaders.list(ref)).length === 0;
  }

  /** Throws {@link ForbiddenError} unless the person leads the team. */
  async requireLeader(ref: TeamRef, userId: string): Promise<void> {
    if ((await this.leadership(ref, userId)) === 'none') throw new ForbiddenError('leaderOnly');
  }

  /** Makes the person the team's leader (the one who set the course up). */
  async makeLeader(ref: TeamRef, userId: string): Promise<void> {
    await this.deps.leaders.add(ref, userId, 'leader', this.deps.clock.now());
  }

  /** A leader names a co-leader; returns false when the person already leads the team. */
  async addCoLeader(ref: TeamRef, actorUserId: string, target: TeamMember): Promise<boolean> {
    await this.requireLeader(ref, actorUserId);
    return this.deps.leaders.add(ref, target.userId, 'coLeader', this.deps.clock.now());
  }

  /** A leader removes a leader or co-leader; the last named leader cannot be removed. */
  async removeLeader(ref: TeamRef, actorUserId: string, targetUserId: string): Promise<boolean> {
    await this.requireLeader(ref, actorUserId);
    const leaders = await this.deps.leaders.list(ref);
    if (!leaders.some((leader) => leader.userId === targetUserId)) return false;
    if (leaders.length === 1) throw new ForbiddenError('lastLeader');
    return this.deps.leaders.remove(ref, targetUserId);
  }

  /** Finds a member by Teams user id. */
  memberByTeamsId(ref: TeamRef, teamsUserId: string): Promise<TeamMember | undefined> {
    return this.deps.teamRepository.findMemberByTeamsId(ref, teamsUserId);
  }

  /** The number of members on the roster. */
  memberCount(ref: TeamRef): Promise<number> {
    return this.deps.teamRepository.memberCount(ref);
  }

  /** One page of the roster. */
  members(ref: TeamRef, page: { readonly after?: string; readonly limit: number }): Promise<readonly TeamMember[]> {
    return this.deps.teamRepository.members(ref, page);
  }

  /** Whether the person (by user id) is on the team's roster. */
  async isMember(ref: TeamRef, userId: string): Promise<boolean> {
    return (await this.deps.teamRepository.findMember(ref, userId)) !== undefined;
  }

  /** The teams whose roster has the person. */
  teamsOf(person: PersonRef): Promise<readonly Team[]> {
    return this.deps.teamRepository.teamsOf(person);
  }

  /** Up to `limit` people seen on any roster, with their teams: the local-mode identity picker only. */
  rosterPeople(limit: number): Promise<readonly { readonly tenantId: string; readonly userId: string; readonly name: string; readonly teamIds: readonly string[] }[]> {
    return this.deps.teamRepository.rosterPeople(limit);
  }
}
