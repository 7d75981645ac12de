import type { ExpressionBuilder, Kysely } from 'kysely';
import type { TenantLeaseRepository, TenantLeaseTiming } from '../../core/ports.js';
import type { Database } from '../schema.js';

/**
 * Tenant send leases in the database (`tenant_send_leases`, `send_workers`), one set of queries for both engines.
 * @remarks A tenant is taken with `insert … on conflict (tenant_id) do update … where <the lease is free> or holder = me`
 * (free: let go and past its hand-over, or run out without being let go and past the hand-over after its end):
 * on PostgreSQL the conflicting row is locked and the condition checked against its latest version, so of two workers
 * racing for a free tenant exactly one gets it; SQLite has a single writer. A worker's share is the tenants with work
 * divided by the workers alive (rounded up). A worker keeps the tenants it holds while they have work; one over its
 * share hands the excess over only when other workers are below theirs and no free tenant can fill them (a new
 * instance), and only tenants with at least `handOverAtLeast` rows queued, so a new instance gets work within a round
 * while a run's uneven end does not pause tenants for nothing.
 */
export class SqlTenantLeaseRepository implements TenantLeaseRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async hold(holder: string, now: Date, timing: TenantLeaseTiming): Promise<ReadonlyMap<string, Date>> {
    const at = now.toISOString();
    const until = new Date(now.getTime() + timing.leaseMs);
    const untilText = until.toISOString();
    await this.db
      .insertInto('send_workers')
      .values({ holder, seen_until: untilText })
      .onConflict((oc) => oc.column('holder').doUpdateSet({ seen_until: untilText }))
      .execute();
    const alive = (await this.db.selectFrom('send_workers').select('holder').where('seen_until', '>', at).execute()).map((row) => row.holder);
    const queued = new Map(
      (
        await this.db
          .selectFrom('outbox')
          .select((eb) => ['tenant_id', eb.fn.countAll<string | number>().as('n')])
          .where('status', 'in', ['pending', 'leased'])
          .groupBy('tenant_id')
          .execute()
      ).map((row) => [row.tenant_id, Number(row.n)] as const),
    );
    const withWork = [...queued.keys()].sort();
    const share = Math.max(1, Math.ceil(queued.size / Math.max(1, alive.length)));
    const leases = await this.db.selectFrom('tenant_send_leases').selectAll().execute();
    const activeHolder = (lease: (typeof leases)[number]): string | undefined => (Number(lease.active) === 1 && lease.lease_until > at ? lease.holder : undefined);
    const mine = leases.filter((lease) => activeHolder(lease) === holder).map((lease) => lease.tenant_id);
    let keep = mine.filter((tenantId) => queued.has(tenantId));
    // Over its share, a worker hands tenants over only to workers below theirs that cannot fill up from free tenants,
    // and only tenants with enough queued to be worth the hand-over's pause: at the end of a run, when the tenants
    // finish unevenly, moving one costs it the pause and gains nothing (each tenant is paced by Teams, not the worker).
    if (keep.length > share) {
      const heldBy = new Map<string, number>();
      let available = 0;
      const byTenant = new Map(leases.map((lease) => [lease.tenant_id, lease]));
      for (const tenantId of withWork) {
        const lease = byTenant.get(tenantId);
        const by = lease ? activeHolder(lease) : undefined;
        if (by === undefined) available += 1;
        else heldBy.set(by, (heldBy.get(by) ?? 0) + 1);
      }
      const deficit = alive.filter((worker) => worker !== holder).reduce((sum, worker) => sum + Math.max(0, share - (heldBy.get(worker) ?? 0)), 0);
      const handOver = Math.min(keep.length - share, deficit - available);
      if (handOver > 0) {
        // Quiet tenants first (free to the other worker at once, see below), then the most queued.
        const quietFirst = new Set(timing.quiet ?? []);
        const worth = keep
          .filter((tenantId) => (queued.get(tenantId) ?? 0) >= (timing.handOverAtLeast ?? 0))
          .sort((x, y) => Number(quietFirst.has(y)) - Number(quietFirst.has(x)) || (queued.get(y) ?? 0) - (queued.get(x) ?? 0));
        const going = new Set(worth.slice(0, handOver));
        keep = keep.filter((tenantId) => !going.has(tenantId));
      }
    }
    const keepSet = new Set(keep);
    const letGo = mine.filter((tenantId) => !keepSet.has(tenantId));
    const handoverUntil = new Date(now.getTime() + timing.handoverMs);
    // A lease still active when it ran out was not let go: its holder stopped renewing (it died, or lost the database)
    // and may have sent until its lease's end, so the tenant waits out the hand-over after that end too, lest the
    // next holder's first sends meet the last ones in Teams' windows.
    const orphanedBefore = new Date(now.getTime() - timing.handoverMs).toISOString();
    // Let go for want of work (`active = 2`) or handed over (`active = 0`); see below for why they differ.
    // A tenant this worker has been quiet for needs no hand-over: it is free at once (its lease ended a moment ago).
    const quiet = new Set(timing.quiet ?? []);
    const endedUntil = new Date(now.getTime() - 1);
    const idle = letGo.filter((tenantId) => !queued.has(tenantId));
    const handed = letGo.filter((tenantId) => queued.has(tenantId));
    for (const [tenants, active] of [[idle, IDLE], [handed, HANDED_OVER]] as const) {
      const loud = tenants.filter((tenantId) => !quiet.has(tenantId));
      const silent = tenants.filter((tenantId) => quiet.has(tenantId));
      if (loud.length > 0) await this.release(holder, loud, handoverUntil, active);
      if (silent.length > 0) await this.release(holder, silent, endedUntil, HANDED_OVER);
    }
    const held = new Map<string, Date>();
    if (keep.length > 0) for (const tenantId of await this.renew(holder, keep, until)) held.set(tenantId, until);
    const room = share - held.size;
    const leased = new Map(leases.map((lease) => [lease.tenant_id, lease]));
    // A tenant this worker let go for want of work that has work again (e.g. its reminders fired after its lessons were
    // sent) is still in its hand-over, which no other worker may end early: this worker takes it back at once, beyond
    // its share, rather than leave it with nobody. One it handed over stays with the hand-over.
    const back = withWork.filter((tenantId) => {
      const lease = leased.get(tenantId);
      return !held.has(tenantId) && !letGo.includes(tenantId) && lease?.holder === holder && Number(lease.active) === IDLE && lease.lease_until >= at;
    });
    const backSet = new Set(back);
    const free = withWork.filter((tenantId) => {
      if (held.has(tenantId) || letGo.includes(tenantId) || backSet.has(tenantId)) return false;
      const lease = leased.get(tenantId);
      return !lease || lease.lease_until < (Number(lease.active) === 1 ? orphanedBefore : at) || (lease.holder === holder && Number(lease.active) !== 1);
    });
    // Start at a different place per worker, so workers racing for free tenants mostly try different ones.
    const offset = free.length > 0 ? hash(holder) % free.length : 0;
    const candidates = [...back, ...[...free.slice(offset), ...free.slice(0, offset)].slice(0, Math.max(0, room))];
    if (candidates.length === 0) return held;
    const taken = await this.db
      .insertInto('tenant_send_leases')
      .values(candidates.map((tenantId) => ({ tenant_id: tenantId, holder, active: 1, lease_until: untilText })))
      .onConflict((oc) =>
        oc
          .column('tenant_id')
          .doUpdateSet({ holder, active: 1, lease_until: untilText })
          .where((eb) => eb.or([freeLease(eb, at, orphanedBefore), eb('tenant_send_leases.holder', '=', holder)])),
      )
      .returning('tenant_id')
      .execute();
    for (const row of taken) held.set(row.tenant_id, until);
    return held;
  }

  async renew(holder: string, tenantIds: readonly string[], until: Date): Promise<readonly string[]> {
    if (tenantIds.length === 0) return [];
    const rows = await this.db
      .updateTable('tenant_send_leases')
      .set({ lease_until: until.toISOString() })
      .where('holder', '=', holder)
      .where('active', '=', 1)
      .where('tenant_id', 'in', tenantIds)
      .returning('tenant_id')
      .execute();
    return rows.map((row) => row.tenant_id);
  }

  async leave(holder: string, now: Date, handoverMs: number): Promise<void> {
    await this.db.deleteFrom('send_workers').where('holder', '=', holder).execute();
    await this.db
      .updateTable('tenant_send_leases')
      .set({ active: 0, lease_until: new Date(now.getTime() + handoverMs).toISOString() })
      .where('holder', '=', holder)
      .where('active', '=', 1)
      .execute();
  }

  async sweep(now: Date, handoverMs: number): Promise<number> {
    const at = now.toISOString();
    const orphanedBefore = new Date(now.getTime() - handoverMs).toISOString();
    // A lease still running (held, or in its hand-over) stays, and so does that of a tenant with work queued. The
    // hand-over of a lease never let go (`active = 1`) runs after its end (see `hold`): removed earlier, the tenant
    // would be free to the next worker at once when work comes.
    const result = await this.db
      .deleteFrom('tenant_send_leases')
      .where((eb) => freeLease(eb, at, orphanedBefore))
      .where((eb) => eb.not(eb.exists(eb.selectFrom('outbox').select('outbox.id').whereRef('outbox.tenant_id', '=', 'tenant_send_leases.tenant_id').where('outbox.status', 'in', ['pending', 'leased']))))
      .executeTakeFirst();
    await this.db.deleteFrom('send_workers').where('seen_until', '<', at).execute();
    return Number(result.numDeletedRows);
  }

  private async release(holder: string, tenantIds: readonly string[], until: Date, active: number): Promise<void> {
    await this.db
      .updateTable('tenant_send_leases')
      .set({ active, lease_until: until.toISOString() })
      .where('holder', '=', holder)
      .where('active', '=', 1)
      .where('tenant_id', 'in', tenantIds)
      .execute();
  }
}

/** `active` of a tenant let go for want of work: its holder may take it back during the hand-over. */
const IDLE = 2;
/** `active` of a tenant handed over (or left by a worker that stopped): nobody takes it before the hand-over ends. */
const HANDED_OVER = 0;

/** A small stable hash of a string (FNV-1a). */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) value = Math.imul(value ^ text.charCodeAt(index), 0x01000193) >>> 0;
  return value;
}

/**
 * A lease no worker holds any more: one let go (`active` 0 or 2) once past its end, which includes its hand-over; one
 * never let go (`active = 1`: its holder stopped renewing) once the hand-over after its end has passed too.
 */
function freeLease(eb: ExpressionBuilder<Database, 'tenant_send_leases'>, at: string, orphanedBefore: string) {
  return eb.or([
    eb.and([eb('tenant_send_leases.active', '=', 1), eb('tenant_send_leases.lease_until', '<', orphanedBefore)]),
    eb.and([eb('tenant_send_leases.active', '<>', 1), eb('tenant_send_leases.lease_until', '<', at)]),
  ]);
}
