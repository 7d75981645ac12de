import { DateTime } from 'luxon';
import type { Clock, Logger, RetentionRepository } from './ports.js';

/** How long things are kept. */
export type RetentionOptions = {
  /** Reflection and next-step answer text older than this is removed; the counts stay. */
  readonly retentionDays: number;
  /** A team that removed the app (or was deleted) is deleted this long after, unless it came back; finished sends too. */
  readonly teamGraceDays: number;
};

const DAY_MS = 86_400_000;

/** The daily retention job; any instance may call it, and only one runs it per day. */
export class RetentionService {
  constructor(
    private readonly deps: { readonly retention: RetentionRepository; readonly clock: Clock; readonly logger: Logger; readonly options: RetentionOptions },
  ) {}

  /** Runs the job if no instance has run it in the last 24 hours; returns whether it ran. */
  runIfDue(): Promise<boolean> {
    const now = this.deps.clock.now();
    return this.deps.retention.runOnce('retention', now, new Date(now.getTime() - DAY_MS), () => this.run(now));
  }

  /** Applies the rules as of `now`. */
  async run(now: Date): Promise<void> {
    const { retentionDays, teamGraceDays } = this.deps.options;
    const cutoffDay = DateTime.fromJSDate(now, { zone: 'utc' }).minus({ days: retentionDays }).toISODate()!;
    const redacted = await this.deps.retention.redactAnswersBefore(cutoffDay);
    const graceStart = new Date(now.getTime() - teamGraceDays * DAY_MS);
    const deletedTeams = await this.deps.retention.deleteRemovedTeamsBefore(graceStart);
    const sends = await this.deps.retention.deleteFinishedSendsBefore(graceStart);
    this.deps.logger.info({ redacted, deletedTeams: deletedTeams.length, sends, cutoffDay }, 'retention applied');
  }
}
