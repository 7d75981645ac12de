import type { Kysely } from 'kysely';
import type { Course } from '../../core/course.js';
import type { ImageType, StoredMedia, TenantPackRepository, TenantPackVersion } from '../../core/tenant-packs.js';
import type { Database } from '../schema.js';

/** Packs a tenant published (`tenant_packs`) and its lesson images (`tenant_media`); every query names the tenant. */
export class SqlTenantPackRepository implements TenantPackRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async publish(tenantId: string, version: TenantPackVersion): Promise<boolean> {
    const result = await this.db
      .insertInto('tenant_packs')
      .values({
        tenant_id: tenantId,
        course_id: version.courseId,
        version: version.version,
        pack: JSON.stringify(version.course),
        published_at: version.publishedAt.toISOString(),
        published_by: version.publishedBy,
        withdrawn_at: null,
      })
      .onConflict((oc) => oc.columns(['tenant_id', 'course_id', 'version']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
  }

  async withdraw(tenantId: string, courseId: string, version: string, at: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('tenant_packs')
      .set({ withdrawn_at: at.toISOString() })
      .where('tenant_id', '=', tenantId)
      .where('course_id', '=', courseId)
      .where('version', '=', version)
      .where('withdrawn_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async versions(tenantId: string): Promise<readonly TenantPackVersion[]> {
    const rows = await this.db.selectFrom('tenant_packs').selectAll().where('tenant_id', '=', tenantId).execute();
    return rows.map((row) => ({
      courseId: row.course_id,
      version: row.version,
      course: JSON.parse(row.pack) as Course,
      publishedAt: new Date(row.published_at),
      publishedBy: row.published_by,
      ...(row.withdrawn_at ? { withdrawnAt: new Date(row.withdrawn_at) } : {}),
    }));
  }

  async tenantsWithPacks(): Promise<readonly string[]> {
    const rows = await this.db.selectFrom('tenant_packs').select('tenant_id').distinct().where('withdrawn_at', 'is', null).execute();
    return rows.map((row) => row.tenant_id);
  }

  async stamps(): Promise<ReadonlyMap<string, string>> {
    const rows = await this.db
      .selectFrom('tenant_packs')
      .select((eb) => ['tenant_id', eb.fn.countAll<string | number>().as('versions'), eb.fn.max('published_at').as('published'), eb.fn.max('withdrawn_at').as('withdrawn'), eb.fn.count<string | number>('withdrawn_at').as('withdrawals')])
      .groupBy('tenant_id')
      .execute();
    return new Map(rows.map((row) => [row.tenant_id, `${String(row.versions)}|${String(row.published)}|${String(row.withdrawals)}|${String(row.withdrawn ?? '')}`]));
  }

  async saveMedia(media: StoredMedia, at: Date): Promise<void> {
    await this.db
      .insertInto('tenant_media')
      .values({ id: media.id, tenant_id: media.tenantId, content_type: media.contentType, bytes: media.data.length, data: media.data.toString('base64'), created_at: at.toISOString() })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }

  async media(id: string): Promise<StoredMedia | undefined> {
    const row = await this.db.selectFrom('tenant_media').select(['id', 'tenant_id', 'content_type', 'data']).where('id', '=', id).executeTakeFirst();
    return row ? { id: row.id, tenantId: row.tenant_id, contentType: row.content_type as ImageType, data: Buffer.from(row.data, 'base64') } : undefined;
  }

  async mediaCount(tenantId: string): Promise<number> {
    const row = await this.db.selectFrom('tenant_media').select((eb) => eb.fn.countAll<string | number>().as('count')).where('tenant_id', '=', tenantId).executeTakeFirst();
    return Number(row?.count ?? 0);
  }

  async mediaTypes(tenantId: string, ids: readonly string[]): Promise<ReadonlyMap<string, ImageType>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.selectFrom('tenant_media').select(['id', 'content_type']).where('tenant_id', '=', tenantId).where('id', 'in', [...ids]).execute();
    return new Map(rows.map((row) => [row.id, row.content_type as ImageType]));
  }
}
