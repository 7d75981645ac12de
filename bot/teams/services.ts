import type { ChannelCourseService } from '../core/channel-course-service.js';
import type { CourseCatalog } from '../core/course.js';
import type { EnrollmentService } from '../core/enrollment-service.js';
import type { LearningService } from '../core/learning-service.js';
import type { Clock, Logger, PersonRepository, WelcomeRepository } from '../core/ports.js';
import type { NextStepsService } from '../core/next-steps-service.js';
import type { DilemmaService } from '../core/dilemma-service.js';
import type { MyDataService } from '../core/my-data-service.js';
import type { MyCourseService } from '../core/my-course-service.js';
import type { DataLinkSigner } from '../http/auth/data-link.js';
import type { OutboxWorker } from '../core/outbox-worker.js';
import type { BotConnector } from './bot-connector.js';
import type { SchedulerService } from '../core/scheduler-service.js';
import type { SendNowService } from '../core/send-now-service.js';
import type { TeamService } from '../core/team-service.js';
import type { TenantSettingsService } from '../core/tenant-settings.js';
import type { ChannelPublisher } from './channel-publisher.js';
import type { KnowledgeService } from '../core/knowledge.js';
import type { CertificateService } from '../core/certificate.js';
import type { CertificateLinkSigner } from '../http/auth/certificate-link.js';

/** What the Teams handlers may call: core services and the ports they need directly. */
export type BotServices = {
  readonly courses: CourseCatalog;
  readonly learning: LearningService;
  readonly teams: TeamService;
  readonly enrollments: EnrollmentService;
  readonly channelCourse: ChannelCourseService;
  readonly publisher: ChannelPublisher;
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
  /** Where people reach the server (for links in cards). */
  readonly publicUrl: string;
  /** Writes to channels and threads outside a user's turn. */
  readonly connector: BotConnector;
  readonly people: PersonRepository;
  readonly welcomes: WelcomeRepository;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Each tenant's own settings (named progress, minimum group size, hours, language, reminders, courses) and their audit log. */
  readonly tenantSettings: TenantSettingsService;
  /** What the schedule card explains: the reminder lead time (the allowed hours are the tenant's, in `tenantSettings`). */
  readonly schedulingOptions: { readonly reminderDays: number };
  /** cert: knowledge checks after lessons, and course certificates with their single-use links. */
  readonly knowledge: KnowledgeService;
  readonly certificates: CertificateService;
  readonly certificateLinks: CertificateLinkSigner;
};
