import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { unlistedDeliveryKinds, type DeliveryKind, type DeliveryRecord, type ListedDeliveryKind, type DeliveryStatus, type Firing, type OutboxTarget, type ScheduledFiring, type ScheduleState } from '../../core/delivery.js';
import type { ScheduleRepository } from '../../core/ports.js';
import type { ScheduleKind } from '../../core/schedule-rules.js';
import type { CourseRef, TeamRef } from '../../core/team.js';
import type { Database } from '../schema.js';

/** Rows are written in chunks so no statement exceeds either engine's parameter limit. */
const CHUNK = 300;

/** Schedules per statement that names them (each key four or five parameters). */
const KEYS_CHUNK = 100;

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
    return (await this.fireMany([{ schedule, expectedAt, firing, nextAt }], now))[0] ?? false;
  }

  async fireMany(firings: readonly ScheduledFiring[], now: Date): Promise<readonly boolean[]> {
    if (firings.length === 0) return [];
    return this.db.transaction().execute(async (trx) => {
      // Compare and set: only schedules still due at the expected time, and (PostgreSQL) not being fired by another instance.
      const claimed = new Set<string>();
      for (let i = 0; i < firings.length; i += KEYS_CHUNK) {
        const chunk = firings.slice(i, i + KEYS_CHUNK);
        let claim = trx
          .selectFrom('schedules')
          .select(['tenant_id', 'team_id', 'course_id', 'kind'])
          .where('paused', '=', 0)
          .where((eb) =>
            eb.or(
              chunk.map(({ schedule, expectedAt }) =>
                eb.and([
                  eb('tenant_id', '=', schedule.team.tenantId),
                  eb('team_id', '=', schedule.team.teamId),
                  eb('course_id', '=', schedule.team.courseId),
                  eb('kind', '=', schedule.kind),
                  eb('next_at', '=', expectedAt.toISOString()),
                ]),
              ),
            ),
          );
        if (this.engine === 'postgres') claim = claim.forUpdate().skipLocked();
        for (const row of await claim.execute()) claimed.add(scheduleKey(row.tenant_id, row.team_id, row.course_id, row.kind));
      }
      const won = firings.map(({ schedule }) => claimed.has(scheduleKey(schedule.team.tenantId, schedule.team.teamId, schedule.team.courseId, schedule.kind)));
      const fired = firings.filter((_, index) => won[index]);
      if (fired.length === 0) return won;
      // A due-date reminder counts towards one reminder per person per day, like a leader's "remind now".
      const targets = await this.claimReminderDays(
        trx,
        fired.map(({ schedule, firing }) => ({ team: schedule.team, targets: firing.targets, day: firing.reminderDay })),
        now,
      );
      await this.insertFirings(
        trx,
        fired.map(({ schedule, firing }, index) => ({ team: schedule.team, kind: schedule.kind, firing: { ...firing, targets: targets[index]! } })),
        now,
      );
      // Advanced in one statement per next time (teams set up alike share it).
      const byNext = new Map<string | null, ScheduledFiring[]>();
      for (const one of fired) {
        const next = one.nextAt?.toISOString() ?? null;
        byNext.set(next, [...(byNext.get(next) ?? []), one]);
      }
      for (const [next, group] of byNext) {
        for (let i = 0; i < group.length; i += KEYS_CHUNK) {
          const chunk = group.slice(i, i + KEYS_CHUNK);
          await trx
            .updateTable('schedules')
            .set({ next_at: next, updated_at: now.toISOString() })
            .where((eb) =>
              eb.or(
                chunk.map(({ schedule }) =>
                  eb.and([eb('tenant_id', '=', schedule.team.tenantId), eb('team_id', '=', schedule.team.teamId), eb('course_id', '=', schedule.team.courseId), eb('kind', '=', schedule.kind)]),
                ),
              ),
            )
            .execute();
        }
      }
      return won;
    });
  }

  async enqueue(team: CourseRef, kind: DeliveryKind, firing: Firing, now: Date): Promise<void> {
    await this.db.transaction().execute((trx) => this.insertFirings(trx, [{ team, kind, firing }], now));
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
      const [targets] = await this.claimReminderDays(trx, [{ team, targets: firing.targets, day }], now);
      if (!targets || targets.length === 0) return 0;
      await this.insertFirings(trx, [{ team, kind: 'reminder', firing: { ...firing, targets } }], now);
      return targets.length;
    });
  }

  /**
   * Claims (tenant, person, day) for each target of each firing with a day (insert … on conflict do nothing … returning);
   * returns, per firing, the targets claimed here (a firing without a day keeps all of its targets).
   * @remarks A person in two of the firings is claimed for the first (within a tenant and day, once).
   */
  private async claimReminderDays(
    trx: Kysely<Database>,
    firings: readonly { readonly team: TeamRef; readonly targets: Firing['targets']; readonly day: string | undefined }[],
    now: Date,
  ): Promise<readonly Firing['targets'][]> {
    const wanted = new Map<string, { tenant_id: string; user_id: string; day: string; team_id: string; created_at: string }>();
    for (const { team, targets, day } of firings) {
      if (day === undefined) continue;
      for (const target of targets) {
        const key = dayKey(team.tenantId, target.targetKey, day);
        if (!wanted.has(key)) wanted.set(key, { tenant_id: team.tenantId, user_id: target.targetKey, day, team_id: team.teamId, created_at: now.toISOString() });
      }
    }
    // In key order, so two transactions claiming some of the same people lock them in the same order (no deadlock).
    const rows = [...wanted.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([, row]) => row);
    const claimed = new Set<string>();
    for (let i = 0; i < rows.length; i += CHUNK) {
      const inserted = await trx
        .insertInto('reminder_days')
        .values(rows.slice(i, i + CHUNK))
        .onConflict((oc) => oc.columns(['tenant_id', 'user_id', 'day']).doNothing())
        .returning(['tenant_id', 'user_id', 'day', 'team_id'])
        .execute();
      for (const row of inserted) claimed.add(`${dayKey(row.tenant_id, row.user_id, row.day)}\u0000${row.team_id}`);
    }
    return firings.map(({ team, targets, day }) =>
      day === undefined ? targets : targets.filter((target) => claimed.has(`${dayKey(team.tenantId, target.targetKey, day)}\u0000${team.teamId}`)),
    );
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
    await this.insertFirings(trx, [{ team, kind, firing }], now);
  }

  /** Writes each firing's delivery (once per occurrence) and, for a delivery new here, one outbox row per target. */
  private async insertFirings(trx: Kysely<Database>, firings: readonly { readonly team: CourseRef; readonly kind: DeliveryKind; readonly firing: Firing }[], now: Date): Promise<void> {
    const at = now.toISOString();
    const deliveries = firings.map(({ team, kind, firing }) => ({
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
    }));
    const inserted = new Set<string>();
    for (let i = 0; i < deliveries.length; i += CHUNK) {
      const rows = await trx
        .insertInto('deliveries')
        .values(deliveries.slice(i, i + CHUNK))
        .onConflict((oc) => oc.columns(['tenant_id', 'team_id', 'course_id', 'kind', 'occurrence_key']).doNothing())
        .returning('id')
        .execute();
      for (const row of rows) inserted.add(row.id);
    }
    const outbox = firings.flatMap(({ team, firing }, index) => {
      const deliveryId = deliveries[index]!.id;
      if (!inserted.has(deliveryId)) return [];
      const notBefore = firing.dueAt > now ? firing.dueAt.toISOString() : at;
      return firing.targets.map((target) => ({
        id: randomUUID(),
        delivery_id: deliveryId,
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
      }));
    });
    for (let i = 0; i < outbox.length; i += CHUNK) {
      await trx
        .insertInto('outbox')
        .values(outbox.slice(i, i + CHUNK))
        .onConflict((oc) => oc.columns(['delivery_id', 'target_key']).doNothing())
        .execute();
    }
  }
}

function scheduleKey(tenantId: string, teamId: string, courseId: string, kind: string): string {
  return `${tenantId}\u0000${teamId}\u0000${courseId}\u0000${kind}`;
}

function dayKey(tenantId: string, userId: string, day: string): string {
  return `${tenantId}\u0000${userId}\u0000${day}`;
}

function toState(row: { tenant_id: string; team_id: string; course_id: string; kind: string; next_at: string | null; paused: number }): ScheduleState {
  return {
    team: { tenantId: row.tenant_id, teamId: row.team_id, courseId: row.course_id },
    kind: row.kind as ScheduleKind,
    nextAt: row.next_at ? new Date(row.next_at) : undefined,
    paused: Number(row.paused) === 1,
  };
}
