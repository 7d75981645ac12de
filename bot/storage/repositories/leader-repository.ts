import type { Kysely } from 'kysely';
import type { LeaderRepository } from '../../core/ports.js';
import type { LeaderRole, TeamLeader, TeamRef } from '../../core/team.js';
import type { Database } from '../schema.js';

/** Leaders and co-leaders in the `team_leaders` table. */
export class SqlLeaderRepository implements LeaderRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async add(ref: TeamRef, userId: string, role: LeaderRole, at: Date): Promise<boolean> {
    const result = await this.db
      .insertInto('team_leaders')
      .values({ tenant_id: ref.tenantId, team_id: ref.teamId, user_id: userId, role, added_at: at.toISOString() })
      .onConflict((oc) => oc.columns(['tenant_id', 'team_id', 'user_id']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
  }

  async remove(ref: TeamRef, userId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('team_leaders')
      .where('tenant_id', '=', ref.tenantId)
      .where('team_id', '=', ref.teamId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async list(ref: TeamRef): Promise<readonly TeamLeader[]> {
    const rows = await this.db
      .selectFrom('team_leaders')
      .select(['user_id', 'role'])
      .where('tenant_id', '=', ref.tenantId)
      .where('team_id', '=', ref.teamId)
      .orderBy('added_at')
      .execute();
    return rows.map((row) => ({ userId: row.user_id, role: row.role as LeaderRole }));
  }
}
