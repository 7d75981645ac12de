import type { Kysely, Selectable } from 'kysely';
import type { PlanItem, PlanItemStatus } from '../../core/next-steps.js';
import type { PlanRepository } from '../../core/ports.js';
import type { TeamRef } from '../../core/team.js';
import type { Database, PlanItemsTable } from '../schema.js';

/** The teams' plans in the `plan_items` table. */
export class SqlPlanRepository implements PlanRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async save(item: PlanItem): Promise<void> {
    const values = {
      text: item.text,
      owner_user_id: item.owner?.userId ?? null,
      owner_name: item.owner?.name ?? null,
      due_date: item.dueDate ?? null,
      status: item.status,
      updated_at: item.updatedAt.toISOString(),
    };
    await this.db
      .insertInto('plan_items')
      .values({ id: item.id, tenant_id: item.team.tenantId, team_id: item.team.teamId, created_at: item.createdAt.toISOString(), ...values })
      .onConflict((oc) => oc.column('id').doUpdateSet(values))
      .execute();
  }

  async find(team: TeamRef, id: string): Promise<PlanItem | undefined> {
    const row = await this.db.selectFrom('plan_items').selectAll().where('tenant_id', '=', team.tenantId).where('team_id', '=', team.teamId).where('id', '=', id).executeTakeFirst();
    return row ? toItem(row) : undefined;
  }

  async list(team: TeamRef): Promise<readonly PlanItem[]> {
    const rows = await this.db.selectFrom('plan_items').selectAll().where('tenant_id', '=', team.tenantId).where('team_id', '=', team.teamId).orderBy('created_at').execute();
    return rows.map(toItem);
  }

  async remove(team: TeamRef, id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('plan_items').where('tenant_id', '=', team.tenantId).where('team_id', '=', team.teamId).where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}

function toItem(row: Selectable<PlanItemsTable>): PlanItem {
  return {
    id: row.id,
    team: { tenantId: row.tenant_id, teamId: row.team_id },
    text: row.text,
    owner: row.owner_user_id ? { userId: row.owner_user_id, name: row.owner_name ?? '' } : undefined,
    dueDate: row.due_date ?? undefined,
    status: row.status as PlanItemStatus,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}
