import { randomUUID } from 'node:crypto';
import { sql, type ExpressionBuilder, type Kysely, type Updateable } from 'kysely';
import type { DeliveryPayload, OutboxItem, PostClaim } from '../../core/delivery.js';
import type { OutboxRepository } from '../../core/ports.js';
import type { TeamRef } from '../../core/team.js';
import type { Database, OutboxTable } from '../schema.js';

/** Sent outcomes written in one statement at most (six bound values each). */
const SENT_PER_WRITE = 200;

/** A sent outcome waiting to be written with the others of its turn. */
type SentEntry = { readonly id: string; readonly token: string; readonly activityId: string | null; readonly at: string; resolve(recorded: boolean): void; reject(error: unknown): void };

/**
 * The durable outbox. Workers lease rows; a lease that runs out (a worker died) makes the row claimable again.
 * @remarks On PostgreSQL the claim uses `FOR UPDATE SKIP LOCKED`, so instances never claim the same row; SQLite has a single writer.
 * Leases are fenced: every claim writes a fresh token, and every later write names it, so a worker whose lease ran out and
 * whose row was claimed again can no longer change it.
 */
export class SqlOutboxRepository implements OutboxRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly engine: 'sqlite' | 'postgres',
    /** Where outcomes (sent, retry, failed) are written: connections of their own on PostgreSQL, so they never wait behind reads. */
    private readonly outcomes: Kysely<Database> = db,
    /** Where batches are claimed, renewed and given back: the background loop's connections (PostgreSQL). */
    private readonly claims: Kysely<Database> = db,
  ) {}

  async claim(now: Date, leaseMs: number, limit: number, tenantIds?: readonly string[]): Promise<readonly OutboxItem[]> {
    if (tenantIds?.length === 0) return [];
    const at = now.toISOString();
    const token = randomUUID();
    let due = this.claims
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
    if (tenantIds) due = due.where('tenant_id', 'in', tenantIds);
    if (this.engine === 'postgres') due = due.forUpdate().skipLocked();
    const rows = await this.claims
      .updateTable('outbox')
      .set((eb) => ({ status: 'leased', lease_until: new Date(now.getTime() + leaseMs).toISOString(), lease_token: token, attempts: eb('attempts', '+', 1), updated_at: at }))
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
      leaseToken: token,
    }));
  }

  async renew(id: string, token: string, until: Date): Promise<boolean> {
    return this.fenced(id, token, { lease_until: until.toISOString() }, this.db);
  }

  async renewClaim(token: string, until: Date): Promise<ReadonlySet<string>> {
    // On PostgreSQL the rows are locked in id order first (a subquery `order by id for update`, in the same statement),
    // as the sent outcomes written together lock theirs: two statements that lock several of the same rows in
    // different orders (each as its plan scans them) can deadlock.
    let renew = this.claims.updateTable('outbox').set({ lease_until: until.toISOString() }).where('lease_token', '=', token).where('status', '=', 'leased');
    if (this.engine === 'postgres') renew = renew.where('id', 'in', (eb) => eb.selectFrom('outbox').select('id').where('lease_token', '=', token).where('status', '=', 'leased').orderBy('id').forUpdate());
    const rows = await renew.returning('id').execute();
    return new Set(rows.map((row) => row.id));
  }

  async giveBack(ids: readonly string[], token: string, at: Date): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await this.claims
      .updateTable('outbox')
      .set((eb) => ({ status: 'pending', lease_until: null, lease_token: null, attempts: eb('attempts', '-', 1), updated_at: at.toISOString() }))
      .where('id', 'in', ids)
      .where('lease_token', '=', token)
      .where('status', '=', 'leased')
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async remember(id: string, token: string, payload: DeliveryPayload): Promise<boolean> {
    return this.fenced(id, token, { payload: JSON.stringify(payload) }, this.db);
  }

  /**
   * Records a row as sent while it still carries `token`.
   * @remarks Sent outcomes that arrive together (the lanes of a busy worker) are written together, in one fenced
   * statement per turn of the event loop: under load a lane otherwise waits for its own write behind the others', and
   * every message that reached Teams but is not yet recorded is one an instance killed now would send again.
   */
  markSent(id: string, token: string, activityId: string | undefined, at: Date): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.sentQueue.push({ id, token, activityId: activityId ?? null, at: at.toISOString(), resolve, reject });
      if (this.sentQueue.length === 1) setImmediate(() => void this.flushSent());
    });
  }

  private readonly sentQueue: SentEntry[] = [];

  private async flushSent(): Promise<void> {
    // One entry per row in a statement: two for one row (its claim's and a later claim's) would both be answered by
    // the one id that comes back, and the first `when` would pick the activity id. A second one waits for the next.
    const batch: SentEntry[] = [];
    const inBatch = new Set<string>();
    const later: SentEntry[] = [];
    for (const entry of this.sentQueue.splice(0)) {
      if (batch.length < SENT_PER_WRITE && !inBatch.has(entry.id)) {
        batch.push(entry);
        inBatch.add(entry.id);
      } else later.push(entry);
    }
    this.sentQueue.push(...later);
    if (this.sentQueue.length > 0) setImmediate(() => void this.flushSent());
    try {
      const pairs = (eb: ExpressionBuilder<Database, 'outbox'>) => eb(eb.refTuple('id', 'lease_token'), 'in', batch.map((entry) => eb.tuple(entry.id, entry.token)));
      // No join (a join's re-check after waiting on a row lock is subtler than a plain fenced update's): the rows by
      // (id, token) pairs, each with its own activity id and time.
      let write = this.outcomes
        .updateTable('outbox')
        .set({
          status: 'sent',
          activity_id: sql<string | null>`case ${sql.join(batch.map((entry) => sql`when id = ${entry.id} then ${entry.activityId}`), sql` `)} end`,
          lease_until: null,
          lease_token: null,
          last_error: null,
          updated_at: sql<string>`case ${sql.join(batch.map((entry) => sql`when id = ${entry.id} then ${entry.at}`), sql` `)} end`,
        })
        .where(pairs)
        .where('status', '=', 'leased');
      // On PostgreSQL the rows are locked in id order first (a subquery `order by id for update`, in the same
      // statement), as a claim's renewal (`renewClaim`) locks them: the update alone locks them in the order its plan
      // scans them (by `next_attempt_at` when the rows are of several claims), the renewal in the order of its own
      // plan, and the two deadlocked.
      if (this.engine === 'postgres') write = write.where('id', 'in', (eb) => eb.selectFrom('outbox').select('id').where(pairs).where('status', '=', 'leased').orderBy('id').forUpdate());
      const recorded = await write.returning('id').execute();
      const ids = new Set(recorded.map((row) => row.id));
      for (const entry of batch) entry.resolve(ids.has(entry.id));
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    }
  }

  async markRetry(id: string, token: string, nextAttemptAt: Date, error: string, at: Date): Promise<boolean> {
    return this.fenced(id, token, {
      status: 'pending',
      next_attempt_at: nextAttemptAt.toISOString(),
      lease_until: null,
      lease_token: null,
      last_error: error.slice(0, 500),
      updated_at: at.toISOString(),
    });
  }

  async markFailed(id: string, token: string, reason: string, at: Date): Promise<boolean> {
    const recorded = await this.fenced(id, token, { status: 'failed', lease_until: null, lease_token: null, last_error: reason.slice(0, 500), updated_at: at.toISOString() });
    // A post refused for good (403, 404, the team gone) was not made: its claim is freed, so a later "send now" or the
    // next firing can post that lesson or round, instead of finding the claim taken and posting nothing. A row that
    // gave up after transient failures keeps its claim: one of its tries may have reached Teams.
    if (recorded && !reason.startsWith('gaveUp:')) await this.db.deleteFrom('team_posts').where('outbox_id', '=', id).execute();
    return recorded;
  }

  async claimPost(team: TeamRef, postKey: string, outboxId: string, at: Date, options: { readonly takeOverGaveUp?: boolean } = {}): Promise<PostClaim> {
    // Twice at most: a claim released by a refused row between the insert and the read is inserted again.
    for (let round = 0; ; round += 1) {
      await this.db
        .insertInto('team_posts')
        .values({ tenant_id: team.tenantId, team_id: team.teamId, post_key: postKey, outbox_id: outboxId, claimed_at: at.toISOString() })
        .onConflict((oc) => oc.columns(['tenant_id', 'team_id', 'post_key']).doNothing())
        .execute();
      const holder = await this.db
        .selectFrom('team_posts')
        .select('outbox_id')
        .where('tenant_id', '=', team.tenantId)
        .where('team_id', '=', team.teamId)
        .where('post_key', '=', postKey)
        .executeTakeFirst();
      if (!holder) {
        if (round === 0) continue;
        return 'taken';
      }
      if (holder.outbox_id === outboxId) return 'claimed';
      const held = await this.holderState(holder.outbox_id);
      if (held === 'live') return 'taken';
      // A claim left by a row refused for good (its release did not happen: the process stopped in between) is free.
      if (held === 'gaveUp' && !options.takeOverGaveUp) return 'gaveUp';
      // Compare and set on the holder read above: of two rows taking over at once, one gets it.
      const taken = await this.db
        .updateTable('team_posts')
        .set({ outbox_id: outboxId, claimed_at: at.toISOString() })
        .where('tenant_id', '=', team.tenantId)
        .where('team_id', '=', team.teamId)
        .where('post_key', '=', postKey)
        .where('outbox_id', '=', holder.outbox_id)
        .executeTakeFirst();
      return Number(taken.numUpdatedRows) === 1 ? 'claimed' : 'taken';
    }
  }

  async forget(id: string, deliveryId: string): Promise<void> {
    await this.outcomes.transaction().execute(async (trx) => {
      await trx.deleteFrom('team_posts').where('outbox_id', '=', id).execute();
      await trx.deleteFrom('outbox').where('id', '=', id).where('status', 'in', ['sent', 'failed']).execute();
      await trx
        .deleteFrom('deliveries')
        .where('id', '=', deliveryId)
        .where(({ not, exists, selectFrom }) => not(exists(selectFrom('outbox').select('outbox.id').where('outbox.delivery_id', '=', deliveryId))))
        .execute();
    });
  }

  async postGaveUp(team: TeamRef, postKey: string): Promise<boolean> {
    const holder = await this.db
      .selectFrom('team_posts')
      .select('outbox_id')
      .where('tenant_id', '=', team.tenantId)
      .where('team_id', '=', team.teamId)
      .where('post_key', '=', postKey)
      .executeTakeFirst();
    return holder !== undefined && (await this.holderState(holder.outbox_id)) === 'gaveUp';
  }

  /**
   * The row holding a claim: `gaveUp` when it failed after its transient attempts ran out (one of them may have reached
   * Teams), `refused` when it failed for good (nothing was posted), else `live` (queued, sending, sent, or gone).
   */
  private async holderState(outboxId: string): Promise<'gaveUp' | 'refused' | 'live'> {
    const row = await this.db.selectFrom('outbox').select(['status', 'last_error']).where('id', '=', outboxId).executeTakeFirst();
    if (row?.status !== 'failed') return 'live';
    return (row.last_error ?? '').startsWith('gaveUp:') ? 'gaveUp' : 'refused';
  }

  /** `update … where id = ? and lease_token = ? and status = 'leased'`: writes only while the caller holds the lease. */
  private async fenced(id: string, token: string, values: Updateable<OutboxTable>, db = this.outcomes): Promise<boolean> {
    const result = await db.updateTable('outbox').set(values).where('id', '=', id).where('lease_token', '=', token).where('status', '=', 'leased').executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
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
