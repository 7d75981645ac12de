import type { Kysely } from 'kysely';
import type { DeliveryPayload, OutboxItem } from '../../core/delivery.js';
import type { OutboxRepository } from '../../core/ports.js';
import type { Database } from '../schema.js';

/**
 * The durable outbox. Workers lease rows; a lease that runs out (a worker died) makes the row claimable again.
 * @remarks On PostgreSQL the claim uses `FOR UPDATE SKIP LOCKED`, so instances never claim the same row; SQLite has a single writer.
 */
export class SqlOutboxRepository implements OutboxRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly engine: 'sqlite' | 'postgres',
  ) {}

  async claim(now: Date, leaseMs: number, limit: number): Promise<readonly OutboxItem[]> {
    const at = now.toISOString();
    let due = this.db
      .selectFrom('outbox')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', at)]),
          eb.and([eb('status', '=', 'leased'), eb('lease_until', '<', at)]),
        ]),
      )
      .orderBy('next_attempt_at')
      .limit(limit);
    if (this.engine === 'postgres') due = due.forUpdate().skipLocked();
    const rows = await this.db
      .updateTable('outbox')
      .set((eb) => ({ status: 'leased', lease_until: new Date(now.getTime() + leaseMs).toISOString(), attempts: eb('attempts', '+', 1), updated_at: at }))
      .where('id', 'in', due)
      .returning(['id', 'delivery_id', 'tenant_id', 'team_id', 'target_key', 'payload', 'attempts'])
      .execute();
    return rows.map((row) => ({
      id: row.id,
      deliveryId: row.delivery_id,
      team: { tenantId: row.tenant_id, teamId: row.team_id },
      targetKey: row.target_key,
      payload: JSON.parse(row.payload) as DeliveryPayload,
      attempts: Number(row.attempts),
    }));
  }

  async remember(id: string, payload: DeliveryPayload): Promise<void> {
    await this.db.updateTable('outbox').set({ payload: JSON.stringify(payload) }).where('id', '=', id).execute();
  }

  async markSent(id: string, activityId: string | undefined, at: Date): Promise<void> {
    await this.db
      .updateTable('outbox')
      .set({ status: 'sent', activity_id: activityId ?? null, lease_until: null, last_error: null, updated_at: at.toISOString() })
      .where('id', '=', id)
      .execute();
  }

  async markRetry(id: string, nextAttemptAt: Date, error: string, at: Date): Promise<void> {
    await this.db
      .updateTable('outbox')
      .set({ status: 'pending', next_attempt_at: nextAttemptAt.toISOString(), lease_until: null, last_error: error.slice(0, 500), updated_at: at.toISOString() })
      .where('id', '=', id)
      .execute();
  }

  async markFailed(id: string, reason: string, at: Date): Promise<void> {
    await this.db
      .updateTable('outbox')
      .set({ status: 'failed', lease_until: null, last_error: reason.slice(0, 500), updated_at: at.toISOString() })
      .where('id', '=', id)
      .execute();
  }

  async pendingCount(): Promise<number> {
    const row = await this.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('status', 'in', ['pending', 'leased'])
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
