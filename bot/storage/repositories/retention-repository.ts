import { unlistedDeliveryKinds } from '../../core/delivery.js';
import type { Kysely } from 'kysely';
import type { RetentionRepository, RetentionScope } from '../../core/ports.js';
import type { TeamRef } from '../../core/team.js';
import type { Sealer } from '../sealing.js';
import type { Database } from '../schema.js';
import { SEALED_ANSWER_TABLES, type SealedAnswerTable } from './sealed-answer-store.js';

/** Rows handled per batch while redacting. */
const BATCH = 500;

type SealedWithAnswers = { readonly answers: readonly string[] };

/** Retention: old answer text is redacted (counts stay), and teams that removed the app are deleted after a grace period. */
export class SqlRetentionRepository implements RetentionRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly sealer: Sealer,
  ) {}

  async runOnce(name: string, now: Date, notBefore: Date, job: () => Promise<void>): Promise<boolean> {
    const key = `job:${name}`;
    await this.db.insertInto('app_state').values({ name: key, value: '1970-01-01T00:00:00.000Z' }).onConflict((oc) => oc.column('name').doNothing()).execute();
    const claimed = await this.db
      .updateTable('app_state')
      .set({ value: now.toISOString() })
      .where('name', '=', key)
      .where('value', '<', notBefore.toISOString())
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) return false;
    await job();
    return true;
  }

  async redactAnswersBefore(day: string, scope: RetentionScope = { exceptTenants: [] }): Promise<number> {
    let redacted = 0;
    const only = 'tenantId' in scope ? scope.tenantId : undefined;
    const except = 'exceptTenants' in scope ? scope.exceptTenants : [];
    // A dilemma choice's reason is sealed as `answers: [reason]`, so it is redacted the same way; the chosen option stays (the counts).
    for (const [table, { bytes }] of Object.entries(SEALED_ANSWER_TABLES) as [SealedAnswerTable, { readonly bytes: number }][]) {
      for (;;) {
        let query = this.db.selectFrom(table).select(['tenant_id', 'user_id', 'sealed']).where('text_removed', '=', 0).where('created_on', '<', day);
        if (only !== undefined) query = query.where('tenant_id', '=', only);
        if (except.length > 0) query = query.where('tenant_id', 'not in', except);
        const rows = await query.limit(BATCH).execute();
        for (const row of rows) {
          const open = this.sealer.open<SealedWithAnswers>(row.tenant_id, row.user_id, row.sealed);
          const sealed = this.sealer.seal(row.tenant_id, row.user_id, { ...open, answers: open.answers.map(() => '') }, bytes);
          await this.db.updateTable(table).set({ sealed, text_removed: 1 }).where('sealed', '=', row.sealed).execute();
          redacted += 1;
        }
        if (rows.length < BATCH) break;
      }
    }
    let shared = this.db.updateTable('shared_replies').set({ answers: '[]', author_name: null }).where('posted_on', '<', day).where('answers', '!=', '[]');
    if (only !== undefined) shared = shared.where('tenant_id', '=', only);
    if (except.length > 0) shared = shared.where('tenant_id', 'not in', except);
    await shared.execute();
    return redacted;
  }

  async deleteRemovedTeamsBefore(instant: Date): Promise<readonly TeamRef[]> {
    const teams = await this.db
      .selectFrom('teams')
      .select(['tenant_id', 'team_id'])
      .where('status', 'in', ['removed', 'deleted'])
      .where('status_changed_at', '<', instant.toISOString())
      .execute();
    for (const { tenant_id, team_id } of teams) {
      await this.db.transaction().execute(async (trx) => {
        const byTeam = ['team_channels', 'team_members', 'team_leaders', 'enrollments', 'lesson_threads', 'shared_replies', 'schedules', 'deliveries', 'outbox', 'team_posts', 'next_step_rounds', 'next_step_answers', 'plan_items', 'reflections', 'reminder_days', 'dilemma_rounds', 'dilemma_choices', 'report_team_progress'] as const;
        for (const table of byTeam) await trx.deleteFrom(table).where('tenant_id', '=', tenant_id).where('team_id', '=', team_id).execute();
        // cert: the team's anonymous knowledge-check ballots (the organisation's own ballots stay).
        await trx.deleteFrom('knowledge_ballots').where('tenant_id', '=', tenant_id).where('scope', '=', team_id).execute();
        await trx.deleteFrom('welcomes').where('tenant_id', '=', tenant_id).where('welcome_key', '=', `team:${team_id}`).execute();
        await trx.deleteFrom('teams').where('tenant_id', '=', tenant_id).where('team_id', '=', team_id).execute();
      });
    }
    return teams.map((row) => ({ tenantId: row.tenant_id, teamId: row.team_id }));
  }

  async deleteFinishedSendsBefore(instant: Date): Promise<number> {
    const result = await this.db.deleteFrom('outbox').where('status', 'in', ['sent', 'failed']).where('updated_at', '<', instant.toISOString()).executeTakeFirst();
    await this.db.deleteFrom('reminder_days').where('created_at', '<', instant.toISOString()).execute();
    // Shared replies and read counts are in no history: their deliveries (and claims) go with their rows, if the worker could not delete them.
    await this.db
      .deleteFrom('deliveries')
      .where('kind', 'in', [...unlistedDeliveryKinds])
      .where(({ not, exists, selectFrom, ref }) => not(exists(selectFrom('outbox').select('outbox.id').where('outbox.delivery_id', '=', ref('deliveries.id')))))
      .execute();
    await this.db
      .deleteFrom('team_posts')
      .where('post_key', 'like', 'reply:%')
      .where(({ not, exists, selectFrom, ref }) => not(exists(selectFrom('outbox').select('outbox.id').where('outbox.id', '=', ref('team_posts.outbox_id')))))
      .execute();
    return Number(result.numDeletedRows);
  }
}
