import type { Kysely } from 'kysely';
import type { SettingName, SettingsAuditEntry, SettingsAuditPage, SettingsChanges, StoredTenantSettings, TenantSettingsRepository } from '../../core/tenant-settings.js';
import type { Database } from '../schema.js';

/** Tenant settings in `tenant_settings` (JSON of the values set, versioned) and their audit log in `settings_audit`. */
export class SqlTenantSettingsRepository implements TenantSettingsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async find(tenantId: string): Promise<StoredTenantSettings | undefined> {
    const row = await this.db.selectFrom('tenant_settings').select(['settings', 'version']).where('tenant_id', '=', tenantId).executeTakeFirst();
    return row ? { values: JSON.parse(row.settings) as SettingsChanges, version: Number(row.version) } : undefined;
  }

  async save(tenantId: string, expectedVersion: number, values: SettingsChanges, entries: readonly SettingsAuditEntry[], at: Date): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const settings = JSON.stringify(values);
      let written: number;
      if (expectedVersion === 0) {
        const result = await trx
          .insertInto('tenant_settings')
          .values({ tenant_id: tenantId, settings, version: 1, updated_at: at.toISOString() })
          .onConflict((oc) => oc.column('tenant_id').doNothing())
          .executeTakeFirst();
        written = Number(result.numInsertedOrUpdatedRows ?? 0n);
      } else {
        const result = await trx
          .updateTable('tenant_settings')
          .set({ settings, version: expectedVersion + 1, updated_at: at.toISOString() })
          .where('tenant_id', '=', tenantId)
          .where('version', '=', expectedVersion)
          .executeTakeFirst();
        written = Number(result.numUpdatedRows);
      }
      if (written === 0) return false;
      if (entries.length > 0) {
        await trx
          .insertInto('settings_audit')
          .values(
            entries.map((entry) => ({
              id: entry.id,
              tenant_id: tenantId,
              at: entry.at.toISOString(),
              actor_id: entry.actor.userId,
              actor_name: entry.actor.name,
              setting: entry.setting,
              old_value: entry.oldValue,
              new_value: entry.newValue,
              decision_reference: entry.decisionReference,
              discussed_on: entry.discussedOn,
            })),
          )
          .execute();
      }
      return true;
    });
  }

  async auditPage(tenantId: string, page: number, pageSize: number): Promise<SettingsAuditPage> {
    const [rows, count] = await Promise.all([
      this.db
        .selectFrom('settings_audit')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .limit(pageSize)
        .offset(page * pageSize)
        .execute(),
      this.db.selectFrom('settings_audit').select((eb) => eb.fn.countAll<number | string | bigint>().as('n')).where('tenant_id', '=', tenantId).executeTakeFirstOrThrow(),
    ]);
    return {
      entries: rows.map((row) => ({
        id: row.id,
        tenantId: row.tenant_id,
        at: new Date(row.at),
        actor: { userId: row.actor_id, name: row.actor_name },
        setting: row.setting as SettingName,
        oldValue: row.old_value,
        newValue: row.new_value,
        decisionReference: row.decision_reference,
        discussedOn: row.discussed_on,
      })),
      total: Number(count.n),
      page,
      pageSize,
    };
  }

  async namedProgressDecision(tenantId: string): Promise<{ readonly reference: string; readonly discussedOn: string; readonly at: Date } | undefined> {
    const row = await this.db
      .selectFrom('settings_audit')
      .select(['at', 'decision_reference', 'discussed_on'])
      .where('tenant_id', '=', tenantId)
      .where('setting', '=', 'namedProgress')
      .where('new_value', '=', 'true')
      .where('decision_reference', 'is not', null)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? { reference: row.decision_reference ?? '', discussedOn: row.discussed_on ?? '', at: new Date(row.at) } : undefined;
  }

  async deleteAuditBefore(instant: Date): Promise<number> {
    const result = await this.db.deleteFrom('settings_audit').where('at', '<', instant.toISOString()).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async retentionOverrides(): Promise<readonly { readonly tenantId: string; readonly retentionDays: number }[]> {
    const rows = await this.db.selectFrom('tenant_settings').select(['tenant_id', 'settings']).execute();
    return rows.flatMap((row) => {
      const days = (JSON.parse(row.settings) as SettingsChanges).retentionDays;
      return typeof days === 'number' ? [{ tenantId: row.tenant_id, retentionDays: days }] : [];
    });
  }
}
