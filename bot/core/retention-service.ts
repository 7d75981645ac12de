import { DateTime } from 'luxon';
import type { Clock, Logger, RetentionRepository } from './ports.js';
import type { TenantSettingsRepository } from './tenant-settings.js';

/** How long things are kept. */
export type RetentionOptions = {
  /** Reflection and next-step answer text older than this is removed; the counts stay. */
  readonly retentionDays: number;
  /** A team that removed the app (or was deleted) is deleted this long after, unless it came back; finished sends too. */
  readonly teamGraceDays: number;
  /** Settings audit entries older than this are deleted (the audit log's own retention); kept for ever when absent. */
  readonly auditRetentionDays?: number;
};

const DAY_MS = 86_400_000;

/** The daily retention job; any instance may call it, and only one runs it per day. */
export class RetentionService {
  constructor(
    private readonly deps: {
      readonly retention: RetentionRepository;
      readonly clock: Clock;
      readonly logger: Logger;
      /** `retentionDays` is every tenant's default: a tenant whose administrators chose their own period gets that. */
      readonly options: RetentionOptions;
      /** Each tenant's own retention period, and the settings audit log; without it, one period for all. */
      readonly tenantSettings?: Pick<TenantSettingsRepository, 'retentionOverrides' | 'deleteAuditBefore'>;
    },
  ) {}

  /** Runs the job if no instance has run it in the last 24 hours; returns whether it ran. */
  runIfDue(): Promise<boolean> {
    const now = this.deps.clock.now();
    return this.deps.retention.runOnce('retention', now, new Date(now.getTime() - DAY_MS), () => this.run(now));
  }

  /** Applies the rules as of `now`. */
  async run(now: Date): Promise<void> {
    const { retentionDays, teamGraceDays, auditRetentionDays } = this.deps.options;
    const cutoff = (days: number): string => DateTime.fromJSDate(now, { zone: 'utc' }).minus({ days }).toISODate()!;
    const cutoffDay = cutoff(retentionDays);
    const overrides = this.deps.tenantSettings ? await this.deps.tenantSettings.retentionOverrides() : [];
    let redacted = await this.deps.retention.redactAnswersBefore(cutoffDay, { exceptTenants: overrides.map((tenant) => tenant.tenantId) });
    for (const tenant of overrides) redacted += await this.deps.retention.redactAnswersBefore(cutoff(tenant.retentionDays), { tenantId: tenant.tenantId });
    const graceStart = new Date(now.getTime() - teamGraceDays * DAY_MS);
    const deletedTeams = await this.deps.retention.deleteRemovedTeamsBefore(graceStart);
    const sends = await this.deps.retention.deleteFinishedSendsBefore(graceStart);
    const auditEntries =
      this.deps.tenantSettings && auditRetentionDays !== undefined ? await this.deps.tenantSettings.deleteAuditBefore(new Date(now.getTime() - auditRetentionDays * DAY_MS)) : 0;
    this.deps.logger.info({ redacted, deletedTeams: deletedTeams.length, sends, cutoffDay, tenantPeriods: overrides.length, auditEntries }, 'retention applied');
  }
}
