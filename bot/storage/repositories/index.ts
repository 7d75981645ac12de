import type { Kysely } from 'kysely';
import type {
  EnrollmentRepository,
  LeaderRepository,
  LessonThreadRepository,
  PersonRepository,
  ProgressRepository,
  ReflectionRepository,
  SharedReplyRepository,
  TeamRepository,
  WelcomeRepository,
  ScheduleRepository,
  OutboxRepository,
  TenantLeaseRepository,
  InsightsRepository,
  NextStepRepository,
  PlanRepository,
  PersonalDataRepository,
  RetentionRepository,
  UsedLinkRepository,
  DilemmaRepository,
} from '../../core/ports.js';
import type { OrgReportRepository } from '../../core/org-report.js';
import type { TenantSettingsRepository } from '../../core/tenant-settings.js';
import type { TenantPackRepository } from '../../core/tenant-packs.js';
import type { Sealer } from '../sealing.js';
import type { Database } from '../schema.js';
import { SqlEnrollmentRepository } from './enrollment-repository.js';
import { SqlLeaderRepository } from './leader-repository.js';
import { SqlLessonThreadRepository } from './lesson-thread-repository.js';
import { CachedPersonRepository } from './cached-person-repository.js';
import { SqlPersonRepository } from './person-repository.js';
import { SqlProgressRepository } from './progress-repository.js';
import { SqlReflectionRepository } from './reflection-repository.js';
import { SqlSharedReplyRepository } from './shared-reply-repository.js';
import { SqlTeamRepository } from './team-repository.js';
import { SqlWelcomeRepository } from './welcome-repository.js';
import { SqlScheduleRepository } from './schedule-repository.js';
import { SqlOutboxRepository } from './outbox-repository.js';
import { SqlTenantLeaseRepository } from './tenant-lease-repository.js';
import { SqlInsightsRepository } from './insights-repository.js';
import { SqlNextStepRepository } from './next-step-repository.js';
import { SqlPlanRepository } from './plan-repository.js';
import { SqlPersonalDataRepository } from './personal-data-repository.js';
import { SqlRetentionRepository } from './retention-repository.js';
import { SqlUsedLinkRepository } from './used-link-repository.js';
import { SqlOrgReportRepository } from './org-report-repository.js';
import { SqlTenantSettingsRepository } from './tenant-settings-repository.js';
import { SqlKnowledgeRepository } from './knowledge-repository.js';
import { SqlCertificateRepository } from './certificate-repository.js';
import type { KnowledgeRepository } from '../../core/knowledge.js';
import type { CertificateRepository } from '../../core/certificate.js';
import { SqlTenantPackRepository } from './tenant-pack-repository.js';
import { SqlDilemmaRepository } from './dilemma-repository.js';
import { ReportSummary } from './report-summary.js';

/** Every repository the core needs, on one database. */
export type Repositories = {
  readonly progress: ProgressRepository;
  readonly reflections: ReflectionRepository;
  readonly people: PersonRepository;
  readonly welcomes: WelcomeRepository;
  readonly teams: TeamRepository;
  readonly leaders: LeaderRepository;
  readonly enrollments: EnrollmentRepository;
  readonly lessonThreads: LessonThreadRepository;
  readonly sharedReplies: SharedReplyRepository;
  readonly schedules: ScheduleRepository;
  readonly outbox: OutboxRepository;
  readonly tenantLeases: TenantLeaseRepository;
  readonly insights: InsightsRepository;
  readonly nextSteps: NextStepRepository;
  readonly plans: PlanRepository;
  readonly personalData: PersonalDataRepository;
  readonly retention: RetentionRepository;
  readonly usedLinks: UsedLinkRepository;
  /** Organisation-wide aggregates: the organisation report, plan and the leader's headline. */
  readonly orgReports: OrgReportRepository;
  readonly tenantSettings: TenantSettingsRepository;
  /** cert: knowledge-check results and anonymous ballots; certificates fetched. */
  readonly knowledge: KnowledgeRepository;
  readonly certificates: CertificateRepository;
  /** Course packs and lesson images each tenant published from the tab. */
  readonly tenantPacks: TenantPackRepository;
  /** Dilemma rounds and the choices made in them. */
  readonly dilemmas: DilemmaRepository;
  /** The organisation report's stored summary (registration of courses at start-up, rebuilds). */
  readonly reportSummary: ReportSummary;
  /**
   * The repositories the background loop fires schedules with, on connections of their own (PostgreSQL), so a tick
   * never waits behind the sends in flight; absent where there is one connection (SQLite).
   */
  readonly background?: BackgroundRepositories;
};

/** What firing schedules reads and writes. */
export type BackgroundRepositories = Pick<Repositories, 'schedules' | 'enrollments' | 'teams' | 'lessonThreads' | 'progress'>;

/**
 * Builds the repositories over an open Kysely database (SQLite or PostgreSQL); `outcomes` records outbox outcomes and
 * `control` serves the background loop (firing schedules, tenant leases, outbox claims); both default to `db`.
 */
export function createRepositories(db: Kysely<Database>, sealer: Sealer, engine: 'sqlite' | 'postgres', outcomes: Kysely<Database> = db, control: Kysely<Database> = db): Repositories {
  const people = new CachedPersonRepository(new SqlPersonRepository(db));
  const reflections = new SqlReflectionRepository(db, sealer, engine);
  const nextSteps = new SqlNextStepRepository(db, sealer, engine);
  const knowledge = new SqlKnowledgeRepository(db, sealer);
  const dilemmas = new SqlDilemmaRepository(db, sealer, engine);
  const reportSummary = new ReportSummary(db, engine);
  const schedules = new SqlScheduleRepository(db, engine);
  return {
    progress: new SqlProgressRepository(db, reportSummary),
    reflections,
    people,
    welcomes: new SqlWelcomeRepository(db),
    teams: new SqlTeamRepository(db, reportSummary),
    leaders: new SqlLeaderRepository(db),
    enrollments: new SqlEnrollmentRepository(db, reportSummary),
    lessonThreads: new SqlLessonThreadRepository(db),
    sharedReplies: new SqlSharedReplyRepository(db, engine, schedules),
    schedules,
    outbox: new SqlOutboxRepository(db, engine, outcomes, control),
    tenantLeases: new SqlTenantLeaseRepository(control),
    insights: new SqlInsightsRepository(db),
    nextSteps,
    plans: new SqlPlanRepository(db),
    personalData: new SqlPersonalDataRepository(db, { people, reflections, nextSteps, knowledge, dilemmas }, engine, reportSummary),
    retention: new SqlRetentionRepository(db, sealer),
    usedLinks: new SqlUsedLinkRepository(db),
    orgReports: new SqlOrgReportRepository(db, { summary: reportSummary }),
    tenantSettings: new SqlTenantSettingsRepository(db),
    knowledge,
    certificates: new SqlCertificateRepository(db),
    tenantPacks: new SqlTenantPackRepository(db),
    dilemmas,
    reportSummary,
    ...(control === db
      ? {}
      : {
          background: {
            schedules: new SqlScheduleRepository(control, engine),
            enrollments: new SqlEnrollmentRepository(control, new ReportSummary(control, engine)),
            teams: new SqlTeamRepository(control, new ReportSummary(control, engine)),
            lessonThreads: new SqlLessonThreadRepository(control),
            progress: new SqlProgressRepository(control, new ReportSummary(control, engine)),
          },
        }),
  };
}
