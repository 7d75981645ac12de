import type { Kysely, Selectable } from 'kysely';
import type { PersonRef } from '../../core/person.js';
import type { TeamRepository } from '../../core/ports.js';
import type { Team, TeamChannel, TeamMember, TeamRef, TeamStatus } from '../../core/team.js';
import type { Database, TeamsTable } from '../schema.js';
import type { ReportSummary } from './report-summary.js';

/** Rows are written in chunks so no statement exceeds either engine's parameter limit. */
const CHUNK = 200;

/** Keys per read of several teams (each key two parameters). */
const KEYS_CHUNK = 200;

/** Teams, channels and rosters in the `teams`, `team_channels` and `team_members` tables. */
export class SqlTeamRepository implements TeamRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly summary: ReportSummary,
  ) {}

  async upsert(team: Omit<Team, 'status'>, at: Date): Promise<void> {
    const now = at.toISOString();
    await this.db
      .insertInto('teams')
      .values({
        tenant_id: team.tenantId,
        team_id: team.teamId,
        name: team.name,
        status: 'active',
        service_url: team.serviceUrl,
        aad_group_id: team.aadGroupId ?? null,
        status_changed_at: now,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'team_id']).doUpdateSet((eb) => ({
          name: team.name,
          service_url: team.serviceUrl,
          aad_group_id: team.aadGroupId ?? eb.ref('teams.aad_group_id'),
          status: 'active',
          status_changed_at: now,
          updated_at: now,
        })),
      )
      .execute();
  }

  async find(ref: TeamRef): Promise<Team | undefined> {
    const row = await this.db.selectFrom('teams').selectAll().where('tenant_id', '=', ref.tenantId).where('team_id', '=', ref.teamId).executeTakeFirst();
    return row ? toTeam(row) : undefined;
  }

  async findMany(refs: readonly TeamRef[]): Promise<readonly (Team | undefined)[]> {
    const found = new Map<string, Team>();
    for (let i = 0; i < refs.length; i += KEYS_CHUNK) {
      const chunk = refs.slice(i, i + KEYS_CHUNK);
      const rows = await this.db
        .selectFrom('teams')
        .selectAll()
        .where((eb) => eb.or(chunk.map((ref) => eb.and([eb('tenant_id', '=', ref.tenantId), eb('team_id', '=', ref.teamId)]))))
        .execute();
      for (const row of rows) found.set(teamKey(row.tenant_id, row.team_id), toTeam(row));
    }
    return refs.map((ref) => found.get(teamKey(ref.tenantId, ref.teamId)));
  }

  async setStatus(ref: TeamRef, status: TeamStatus, at: Date): Promise<void> {
    const now = at.toISOString();
    await this.db
      .updateTable('teams')
      .set({ status, status_changed_at: now, updated_at: now })
      .where('tenant_id', '=', ref.tenantId)
      .where('team_id', '=', ref.teamId)
      .execute();
  }

  async rename(ref: TeamRef, name: string, at: Date): Promise<void> {
    await this.db
      .updateTable('teams')
      .set({ name, updated_at: at.toISOString() })
      .where('tenant_id', '=', ref.tenantId)
      .where('team_id', '=', ref.teamId)
      .execute();
  }

  async replaceChannels(ref: TeamRef, channels: readonly TeamChannel[], at: Date): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('team_channels').where('tenant_id', '=', ref.tenantId).where('team_id', '=', ref.teamId).execute();
      for (let i = 0; i < channels.length; i += CHUNK) {
        await trx
          .insertInto('team_channels')
          .values(
            channels.slice(i, i + CHUNK).map((channel) => ({
              tenant_id: ref.tenantId,
              team_id: ref.teamId,
              channel_id: channel.channelId,
              name: channel.name,
              updated_at: at.toISOString(),
            })),
          )
          .execute();
      }
    });
  }

  async upsertChannel(ref: TeamRef, channel: TeamChannel, at: Date): Promise<void> {
    const updated_at = at.toISOString();
    await this.db
      .insertInto('team_channels')
      .values({ tenant_id: ref.tenantId, team_id: ref.teamId, channel_id: channel.channelId, name: channel.name, updated_at })
      .onConflict((oc) => oc.columns(['tenant_id', 'team_id', 'channel_id']).doUpdateSet({ name: channel.name, updated_at }))
      .execute();
  }

  async removeChannel(ref: TeamRef, channelId: string): Promise<void> {
    await this.db
      .deleteFrom('team_channels')
      .where('tenant_id', '=', ref.tenantId)
      .where('team_id', '=', ref.teamId)
      .where('channel_id', '=', channelId)
      .execute();
  }

  async channels(ref: TeamRef): Promise<readonly TeamChannel[]> {
    const rows = await this.db
      .selectFrom('team_channels')
      .select(['channel_id', 'name'])
      .where('tenant_id', '=', ref.tenantId)
      .where('team_id', '=', ref.teamId)
      .orderBy('name')
      .execute();
    return rows.map((row) => ({ channelId: row.channel_id, name: row.name }));
  }

  async upsertMembers(ref: TeamRef, members: readonly TeamMember[], at: Date): Promise<void> {
    const updated_at = at.toISOString();
    // The roster and the team's rows in the report summary change in one transaction.
    await this.db.transaction().execute(async (trx) => {
    for (let i = 0; i < members.length; i += CHUNK) {
      await trx
        .insertInto('team_members')
        .values(
          members.slice(i, i + CHUNK).map((member) => ({
            tenant_id: ref.tenantId,
            team_id: ref.teamId,
            user_id: member.userId,
            teams_user_id: member.teamsUserId,
            name: member.name,
            updated_at,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['tenant_id', 'team_id', 'user_id']).doUpdateSet((eb) => ({
            teams_user_id: eb.ref('excluded.teams_user_id'),
            name: eb.ref('excluded.name'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    }
      await this.summary.refreshTeams(trx, ref.tenantId, [ref.teamId]);
    });
  }

  async removeMembers(ref: TeamRef, teamsUserIds: readonly string[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (let i = 0; i < teamsUserIds.length; i += CHUNK) {
        await trx
          .deleteFrom('team_members')
          .where('tenant_id', '=', ref.tenantId)
          .where('team_id', '=', ref.teamId)
          .where('teams_user_id', 'in', teamsUserIds.slice(i, i + CHUNK))
          .execute();
      }
      await this.summary.refreshTeams(trx, ref.tenantId, [ref.teamId]);
    });
  }

  async removeMembersNotSeenSince(ref: TeamRef, since: Date): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('team_members').where('tenant_id', '=', ref.tenantId).where('team_id', '=', ref.teamId).where('updated_at', '<', since.toISOString()).execute();
      await this.summary.refreshTeams(trx, ref.tenantId, [ref.teamId]);
    });
  }

  async members(ref: TeamRef, page: { readonly after?: string; readonly limit: number }): Promise<readonly TeamMember[]> {
    let query = this.db
      .selectFrom('team_members')
      .select(['user_id', 'teams_user_id', 'name'])
      .where('tenant_id', '=', ref.tenantId)
      .where('team_id', '=', ref.teamId);
    if (page.after !== undefined) query = query.where('user_id', '>', page.after);
    const rows = await query.orderBy('user_id').limit(page.limit).execute();
    return rows.map((row) => ({ userId: row.user_id, teamsUserId: row.teams_user_id, name: row.name }));
  }

  async memberCount(ref: TeamRef): Promise<number> {
    const row = await this.db
      .selectFrom('team_members')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('tenant_id', '=', ref.tenantId)
      .where('team_id', '=', ref.teamId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  findMemberByTeamsId(ref: TeamRef, teamsUserId: string): Promise<TeamMember | undefined> {
    return this.findMemberBy(ref, 'teams_user_id', teamsUserId);
  }

  findMember(ref: TeamRef, userId: string): Promise<TeamMember | undefined> {
    return this.findMemberBy(ref, 'user_id', userId);
  }

  private async findMemberBy(ref: TeamRef, column: 'user_id' | 'teams_user_id', value: string): Promise<TeamMember | undefined> {
    const row = await this.db
      .selectFrom('team_members')
      .select(['user_id', 'teams_user_id', 'name'])
      .where('tenant_id', '=', ref.tenantId)
      .where('team_id', '=', ref.teamId)
      .where(column, '=', value)
      .executeTakeFirst();
    return row ? { userId: row.user_id, teamsUserId: row.teams_user_id, name: row.name } : undefined;
  }

  async teamsOf(person: PersonRef): Promise<readonly Team[]> {
    const rows = await this.db
      .selectFrom('team_members as m')
      .innerJoin('teams as t', (join) => join.onRef('t.tenant_id', '=', 'm.tenant_id').onRef('t.team_id', '=', 'm.team_id'))
      .selectAll('t')
      .where('m.tenant_id', '=', person.tenantId)
      .where('m.user_id', '=', person.userId)
      .where('t.status', '=', 'active')
      .orderBy('t.name')
      .execute();
    return rows.map((row) => ({
      tenantId: row.tenant_id,
      teamId: row.team_id,
      name: row.name,
      status: row.status as TeamStatus,
      serviceUrl: row.service_url,
      aadGroupId: row.aad_group_id ?? undefined,
    }));
  }

  async rosterPeople(limit: number): Promise<readonly { readonly tenantId: string; readonly userId: string; readonly name: string; readonly teamIds: readonly string[] }[]> {
    const rows = await this.db.selectFrom('team_members').select(['tenant_id', 'user_id', 'name', 'team_id']).orderBy('name').limit(limit * 4).execute();
    const people = new Map<string, { tenantId: string; userId: string; name: string; teamIds: string[] }>();
    for (const row of rows) {
      const key = `${row.tenant_id}/${row.user_id}`;
      const person = people.get(key) ?? { tenantId: row.tenant_id, userId: row.user_id, name: row.name, teamIds: [] };
      person.teamIds.push(row.team_id);
      people.set(key, person);
    }
    return [...people.values()].slice(0, limit);
  }
}

function toTeam(row: Selectable<TeamsTable>): Team {
  return { tenantId: row.tenant_id, teamId: row.team_id, name: row.name, status: row.status as TeamStatus, serviceUrl: row.service_url, aadGroupId: row.aad_group_id ?? undefined };
}

function teamKey(tenantId: string, teamId: string): string {
  return `${tenantId}\u0000${teamId}`;
}
