import type { CertificateService } from './core/certificate.js';
import type { ChannelCourseService } from './core/channel-course-service.js';
import type { CourseCatalog } from './core/course.js';
import type { DashboardService } from './core/dashboard-service.js';
import type { DilemmaService } from './core/dilemma-service.js';
import type { EnrollmentService } from './core/enrollment-service.js';
import type { KnowledgeService } from './core/knowledge.js';
import type { LearningService } from './core/learning-service.js';
import type { MyCourseService } from './core/my-course-service.js';
import type { MyDataService } from './core/my-data-service.js';
import type { NextStepsService } from './core/next-steps-service.js';
import type { OrgReportService } from './core/org-report-service.js';
import type { OutboxWorker } from './core/outbox-worker.js';
import type { Clock } from './core/ports.js';
import type { SchedulerService } from './core/scheduler-service.js';
import type { SendNowService } from './core/send-now-service.js';
import type { TeamHeadlineService } from './core/team-headline-service.js';
import type { TeamService } from './core/team-service.js';
import type { TenantSettingsService } from './core/tenant-settings.js';
import type { CertificateLinkSigner } from './http/auth/certificate-link.js';
import type { DataLinkSigner } from './http/auth/data-link.js';

/**
 * The core services that `compose` builds once and every inbound adapter calls: the bot's handlers and the tab API.
 * @remarks Core services only (and the link signers of the HTTP side), so the HTTP layer never depends on the Teams
 * side; what only the bot needs (the channel publisher, the connector) is added by `BotServices` in `teams/services.ts`.
 */
export type AppServices = {
  readonly courses: CourseCatalog;
  readonly learning: LearningService;
  readonly teams: TeamService;
  readonly enrollments: EnrollmentService;
  readonly channelCourse: ChannelCourseService;
  readonly scheduler: SchedulerService;
  /** "Send now" for leaders: only queues in the outbox. */
  readonly sendNow: SendNowService;
  readonly outboxWorker: OutboxWorker;
  readonly nextSteps: NextStepsService;
  /** Dilemma rounds in the team's channel. */
  readonly dilemmas: DilemmaService;
  readonly myData: MyDataService;
  readonly myCourse: MyCourseService;
  /** Signs short-lived links to a person's data export. */
  readonly dataLinks: DataLinkSigner;
  readonly clock: Clock;
  /** Each tenant's own settings (named progress, minimum group size, hours, language, reminders, courses) and their audit log. */
  readonly tenantSettings: TenantSettingsService;
  /** cert: knowledge checks after lessons, and course certificates with their single-use links. */
  readonly knowledge: KnowledgeService;
  readonly certificates: CertificateService;
  readonly certificateLinks: CertificateLinkSigner;
  /** A team's dashboard and its rounds (members and owners; the minimum group size applies). */
  readonly dashboards: DashboardService;
  /** The organisation report and plan (organisation roles). */
  readonly orgReports: OrgReportService;
  /** Each led team's headline for its leaders. */
  readonly headlines: TeamHeadlineService;
};
