import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { unlistedDeliveryKinds, type DeliveryKind, type DeliveryRecord, type ListedDeliveryKind, type DeliveryStatus, type Firing, type OutboxTarget, type ScheduleState } from '../../core/delivery.js';
import type { ScheduleRepository } from '../../core/ports.js';
import type { ScheduleKind } from '../../core/schedule-rules.js';
import type { CourseRef, TeamRef } from '../../core/team.js';
import type { Database } from '../schema.js';

/** Rows are written in chunks so no statement exceeds either engine's parameter limit. */
const CHUNK = 300;

/** Schedules, deliveries and the outbox rows a firing creates. */
export class SqlScheduleRepository implements ScheduleRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly engine: 'sqlite' | 'postgres',
  ) {}

  async plan(team: CourseRef, kind: ScheduleKind, nextAt: Date | undefined, at: Date): Promise<void> {
    const next_at = nextAt?.toISOString() ?? null;
    const updated_at = at.toISOString();
    await this.db
      .insertInto('schedules')
      .values({ tenant_id: team.tenantId, team_id: team.teamId, course_id: team.courseId, kind, next_at, paused: 0, updated_at })
      .onConflict((oc) => oc.columns(['tenant_id', 'team_id', 'course_id', 'kind']).doUpdateSet({ next_at, updated_at }))
      .execute();
  }

  async setPaused(team: CourseRef, kind: ScheduleKind, paused: boolean, at: Date): Promise<void> {
    await this.db
      .updateTable('schedules')
      .set({ paused: paused ? 1 : 0, updated_at: at.toISOString() })
      .where('tenant_id', '=', team.tenantId)
      .where('team_id', '=', team.teamId)
      .where('course_id', '=', team.courseId)
      .where('kind', '=', kind)
      .execute();
  }

  async list(team: TeamRef & { readonly courseId?: string }): Promise<readonly ScheduleState[]> {
    let query = this.db.selectFrom('schedules').selectAll().where('tenant_id', '=', team.tenantId).where('team_id', '=', team.teamId);
    if (team.courseId !== undefined) query = query.where('course_id', '=', team.courseId);
    return (await query.orderBy('course_id').orderBy('kind').execute()).map(toState);
  }

  async due(now: Date, limit: number): Promise<readonly ScheduleState[]> {
    const rows = await this.db
      .selectFrom('schedules')
      .selectAll()
      .where('paused', '=', 0)
      .where('next_at', 'is not', null)
      .where('next_at', '<=', now.toISOString())
      .orderBy('next_at')
      .limit(limit)
      .execute();
    return rows.map(toState);
  }

  async fire(schedule: ScheduleState, expectedAt: Date, firing: Firing, nextAt: Date | undefined, now: Date): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      let claim = trx
        .selectFrom('schedules')
        .select('next_at')
        .where('tenant_id', '=', schedule.team.tenantId)
        .where('team_id', '=', schedule.team.teamId)
        .where('course_id', '=', schedule.team.courseId)
        .where('kind', '=', schedule.kind)
        .where('paused', '=', 0)
        .where('next_at', '=', expectedAt.toISOString());
      if (this.engine === 'postgres') claim = claim.forUpdate().skipLocked();
      if (!(await claim.executeTakeFirst())) return false;
      // The due-date reminder counts towards one reminder per person per day, like a leader's "remind now".
      const targets = firing.reminderDay ? await this.claimReminderDays(trx, schedule.team, firing.targets, firing.reminderDay, now) : firing.targets;
      await this.insertFiring(trx, schedule.team, schedule.kind, { ...firing, targets }, now);
      await trx
        .updateTable('schedules')
        .set({ next_at: nextAt?.toISOString() ?? null, updated_at: now.toISOString() })
        .where('tenant_id', '=', schedule.team.tenantId)
        .where('team_id', '=', schedule.team.teamId)
        .where('course_id', '=', schedule.team.courseId)
        .where('kind', '=', schedule.kind)
        .execute();
      return true;
    });
  }

  async enqueue(team: CourseRef, kind: DeliveryKind, firing: Firing, now: Date): Promise<void> {
    await this.db.transaction().execute((trx) => this.insertFiring(trx, team, kind, firing, now));
  }

  async enqueueUnlessWaiting(team: CourseRef, kind: DeliveryKind, target: OutboxTarget, now: Date): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const waiting = await trx
        .selectFrom('outbox')
        .select('id')
        .where('tenant_id', '=', team.tenantId)
        .where('team_id', '=', team.teamId)
        .where('target_key', '=', target.targetKey)
        .where('status', '=', 'pending')
        .where('attempts', '=', 0)
        .executeTakeFirst();
      if (waiting) return false;
      await this.insertFiring(trx, team, kind, { occurrenceKey: `${target.targetKey}:${randomUUID()}`, dueAt: now, status: 'queued', targets: [target] }, now);
      return true;
    });
  }

  async enqueueReminders(team: CourseRef, firing: Firing, day: string, now: Date): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const targets = await this.claimReminderDays(trx, team, firing.targets, day, now);
      if (targets.length === 0) return 0;
      await this.insertFiring(trx, team, 'reminder', { ...firing, targets }, now);
      return targets.length;
    });
  }

  /** Claims (tenant, person, day) for each target; returns the targets claimed here (insert … on conflict do nothing … returning). */
  private async claimReminderDays(trx: Kysely<Database>, team: TeamRef, targets: Firing['targets'], day: string, now: Date): Promise<Firing['targets']> {
    const claimed = new Set<string>();
    for (let i = 0; i < targets.length; i += CHUNK) {
      const rows = await trx
        .insertInto('reminder_days')
        .values(targets.slice(i, i + CHUNK).map((target) => ({ tenant_id: team.tenantId, user_id: target.targetKey, day, team_id: team.teamId, created_at: now.toISOString() })))
        .onConflict((oc) => oc.columns(['tenant_id', 'user_id', 'day']).doNothing())
        .returning('user_id')
        .execute();
      for (const row of rows) claimed.add(row.user_id);
    }
    return targets.filter((target) => claimed.has(target.targetKey));
  }

  async remindedOn(team: TeamRef, userIds: readonly string[], day: string): Promise<ReadonlySet<string>> {
    const reminded = new Set<string>();
    for (let i = 0; i < userIds.length; i += CHUNK) {
      const rows = await this.db
        .selectFrom('reminder_days')
        .select('user_id')
        .where('tenant_id', '=', team.tenantId)
        .where('day', '=', day)
        .where('user_id', 'in', userIds.slice(i, i + CHUNK))
        .execute();
      for (const row of rows) reminded.add(row.user_id);
    }
    return reminded;
  }

  async deliveries(team: TeamRef & { readonly courseId?: string }, limit: number): Promise<readonly DeliveryRecord[]> {
    let query = this.db
      .selectFrom('deliveries as d')
      .leftJoin('outbox as o', 'o.delivery_id', 'd.id')
      .select([
        'd.id',
        'd.course_id',
        'd.kind',
        'd.due_at',
        'd.status',
        'd.reason',
        (eb) => eb.fn.count<string | number>('o.id').as('targets'),
        (eb) => eb.fn.sum<string | number | null>(sql`case when o.status = 'sent' then 1 else 0 end`).as('sent'),
        (eb) => eb.fn.sum<string | number | null>(sql`case when o.status = 'failed' then 1 else 0 end`).as('failed'),
        (eb) => eb.fn.sum<string | number | null>(sql`case when o.status = 'leased' then 1 else 0 end`).as('leased'),
        (eb) => eb.fn.sum<string | number | null>(sql`case when o.status = 'pending' and o.last_error is not null then 1 else 0 end`).as('retrying'),
      ])
      .where('d.tenant_id', '=', team.tenantId)
      .where('d.team_id', '=', team.teamId)
      // An author's shared reply is theirs, and a read count is no delivery to speak of: never in the leader's list.
      .where('d.kind', 'not in', [...unlistedDeliveryKinds]);
    // A course's deliveries, with those of no course (a plan item's reminder) beside them.
    if (team.courseId !== undefined) query = query.where('d.course_id', 'in', [team.courseId, '']);
    const rows = await query.groupBy(['d.id', 'd.course_id', 'd.kind', 'd.due_at', 'd.status', 'd.reason']).orderBy('d.due_at', 'desc').limit(limit).execute();
    const problems = await this.problems(rows.filter((row) => Number(row.failed ?? 0) + Number(row.retrying ?? 0) > 0).map((row) => row.id));
    return rows.map((row) => {
      const targets = Number(row.targets);
      const sent = Number(row.sent ?? 0);
      const failed = Number(row.failed ?? 0);
      const done = sent + failed === targets;
      const status: DeliveryStatus =
        row.status !== 'queued'
          ? (row.status as DeliveryStatus)
          : done
            ? failed > 0
              ? 'failed'
              : 'sent'
            : Number(row.retrying ?? 0) > 0
              ? 'retrying'
              : Number(row.leased ?? 0) > 0 || sent + failed > 0
                ? 'sending'
                : 'queued';
      // The delivery's own reason (missed, skipped), else the most common error of the sends that failed (or, while
      // retrying, of those waiting to be tried again).
      const problem = status === 'failed' || status === 'retrying' ? problems.get(`${row.id}\u0000${status === 'failed' ? 'failed' : 'pending'}`) : undefined;
      const reason = row.reason ?? problem?.error;
      return { id: row.id, courseId: row.course_id, kind: row.kind as ListedDeliveryKind, dueAt: new Date(row.due_at), status, reason: reason ?? undefined, attempts: row.reason ? 0 : (problem?.attempts ?? 0), targets, sent, failed };
    });
  }

  /** Per delivery and row status, the most common error of its failed or retrying rows and how often those were tried. */
  private async problems(deliveryIds: readonly string[]): Promise<ReadonlyMap<string, { readonly error: string; readonly attempts: number }>> {
    const found = new Map<string, { error: string; attempts: number; count: number }>();
    if (deliveryIds.length === 0) return found;
    const rows = await this.db
      .selectFrom('outbox')
      .select(['delivery_id', 'status', 'last_error', (eb) => eb.fn.countAll<string | number>().as('n'), (eb) => eb.fn.max('attempts').as('attempts')])
      .where('delivery_id', 'in', deliveryIds)
      .where('status', 'in', ['failed', 'pending'])
      .where('last_error', 'is not', null)
      .groupBy(['delivery_id', 'status', 'last_error'])
      .execute();
    for (const row of rows) {
      const key = `${row.delivery_id}\u0000${row.status}`;
      const count = Number(row.n);
      const best = found.get(key);
      if (!best || count > best.count || (count === best.count && row.last_error! < best.error)) found.set(key, { error: row.last_error!, attempts: Number(row.attempts), count });
    }
    return found;
  }

  /** Writes a firing (its delivery and outbox rows) inside `trx`, for repositories that queue a send with their own write. */
  async insertFiring(trx: Kysely<Database>, team: CourseRef, kind: DeliveryKind, firing: Firing, now: Date): Promise<void> {
    const at = now.toISOString();
    const inserted = await trx
      .insertInto('deliveries')
      .values({
        id: randomUUID(),
        tenant_id: team.tenantId,
        team_id: team.teamId,
        course_id: team.courseId,
        kind,
        occurrence_key: firing.occurrenceKey,
        due_at: firing.dueAt.toISOString(),
        status: firing.status,
        reason: firing.reason ?? null,
        created_at: at,
      })
      .onConflict((oc) => oc.columns(['tenant_id', 'team_id', 'course_id', 'kind', 'occurrence_key']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return;
    const notBefore = firing.dueAt > now ? firing.dueAt.toISOString() : at;
    for (let i = 0; i < firing.targets.length; i += CHUNK) {
      await trx
        .insertInto('outbox')
        .values(
          firing.targets.slice(i, i + CHUNK).map((target) => ({
            id: randomUUID(),
            delivery_id: inserted.id,
            tenant_id: team.tenantId,
            team_id: team.teamId,
            target_key: target.targetKey,
            payload: JSON.stringify(target.payload),
            status: 'pending',
            attempts: 0,
            next_attempt_at: notBefore,
            lease_until: null,
            activity_id: null,
            last_error: null,
            created_at: at,
            updated_at: at,
          })),
        )
        .onConflict((oc) => oc.columns(['delivery_id', 'target_key']).doNothing())
        .execute();
    }
  }
}

function toState(row: { tenant_id: string; team_id: string; course_id: string; kind: string; next_at: string | null; paused: number }): ScheduleState {
  return {
    team: { tenantId: row.tenant_id, teamId: row.team_id, courseId: row.course_id },
    kind: row.kind as ScheduleKind,
    nextAt: row.next_at ? new Date(row.next_at) : undefined,
    paused: Number(row.paused) === 1,
  };
}
