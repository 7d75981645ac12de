import { randomUUID } from 'node:crypto';
import type { Server } from 'restify';
import type { Config } from './config.js';
import { AnswerSharing } from './core/answer-sharing.js';
import { ChannelCourseService } from './core/channel-course-service.js';
import { DashboardService } from './core/dashboard-service.js';
import { lessonIds, type CourseCatalog } from './core/course.js';
import { EnrollmentService } from './core/enrollment-service.js';
import { LearningService } from './core/learning-service.js';
import type { Clock, Logger } from './core/ports.js';
import { NextStepsService } from './core/next-steps-service.js';
import { DilemmaService } from './core/dilemma-service.js';
import { MyDataService } from './core/my-data-service.js';
import { MyCourseService } from './core/my-course-service.js';
import { OrgReportService } from './core/org-report-service.js';
import { RetentionService } from './core/retention-service.js';
import { DataLinkSigner } from './http/auth/data-link.js';
import { CertificateLinkSigner } from './http/auth/certificate-link.js';
import { KnowledgeService } from './core/knowledge.js';
import { CertificateService } from './core/certificate.js';
import { OutboxWorker, type OutboxWorkerOptions } from './core/outbox-worker.js';
import { SchedulerService } from './core/scheduler-service.js';
import { TeamHeadlineService } from './core/team-headline-service.js';
import { TeamService } from './core/team-service.js';
import { TenantSettingsService, type SettingsDefaults } from './core/tenant-settings.js';
import { todayIn } from './core/setup-rules.js';
import { DEFAULT_TIME_ZONE } from './core/enrollment-service.js';
import { registerApi } from './http/api/index.js';
import { registerTab } from './http/static-tab.js';
import { registerDocuments } from './http/documents.js';
import { projectPath } from './paths.js';
import { loadCourses } from './course/load-courses.js';
import { withTenantOffers, withTenantPacks } from './course/course-catalog.js';
import { packTools } from './course/pack-upload-tools.js';
import { TenantPackService } from './core/tenant-packs.js';
import { createServer } from './http/server.js';
import { TenantGate } from './http/tenant-gate.js';
import { catalogs } from './i18n/catalogs/index.js';
import { pingDatabase, type OpenDatabase } from './storage/database.js';
import { openStorage } from './storage/open-storage.js';
import type { Repositories } from './storage/repositories/index.js';
import { createAdapter, createConnectorClients } from './teams/adapter.js';
import { LaerekraftBot } from './teams/bot.js';
import { BotConnector } from './teams/bot-connector.js';
import { ChannelPublisher } from './teams/channel-publisher.js';
import { GraphTeamOwners, noTeamOwners } from './teams/graph-team-owners.js';
import { claimRows, Messenger } from './teams/messenger.js';
import { graphTokenSource } from './teams/graph-token.js';
import { SchedulerRunner } from './scheduler/runner.js';
import { SendNowService } from './core/send-now-service.js';
import { TeamsDeliveryHandler } from './teams/delivery-handler.js';
import type { BotServices } from './teams/services.js';

/** The running application: its server and how to stop it. */
export type App = {
  readonly server: Server;
  readonly database: OpenDatabase;
  readonly courses: CourseCatalog;
  readonly services: BotServices;
  /** The repositories, for tools and tests that seed or inspect state. */
  readonly repositories: Repositories;
  /** The background loop that fires schedules and drains the outbox. */
  readonly runner: SchedulerRunner;
  /** The course packs each tenant published from the tab. */
  readonly tenantPacks: TenantPackService;
  /** Stops accepting requests and closes the database. */
  close(): Promise<void>;
};

/** The real clock. */
export const systemClock: Clock = { now: () => new Date() };

/** Builds the core services and the Teams-side helpers over repositories. */
export function buildServices(input: {
  readonly config: Config;
  readonly dataKey: Buffer;
  readonly repositories: Repositories;
  readonly courses: CourseCatalog;
  readonly clock: Clock;
  readonly logger: Logger;
  /**
   * Paces and retries every proactive write. Defaults to one kept within Teams' real limits; benches pass one with
   * scaled windows (`teamsRateLimits(speedup)`). One per process: its pacing is what keeps the process under the limits.
   */
  readonly messenger?: Messenger;
  /** Overrides of the outbox worker's options below, for benches that compare settings or scale the retry delay. */
  readonly outboxOptions?: Partial<OutboxWorkerOptions>;
}): BotServices {
  const { config, repositories: repos, clock, logger, dataKey } = input;
  const owners = config.graph.teamOwners
    ? new GraphTeamOwners({
        baseUrl: config.graph.baseUrl,
        token: graphTokenSource(config),
        onError: (error) => logger.warn({ err: error }, 'Graph team-owner lookup failed'),
      })
    : noTeamOwners;
  const tenantSettings = new TenantSettingsService({
    repository: repos.tenantSettings,
    defaults: settingsDefaults(config),
    courseIds: () => input.courses.all().map((course) => course.id),
    clock,
    ids: { next: () => randomUUID() },
    today: (now) => todayIn(DEFAULT_TIME_ZONE, now),
  });
  // Every service sees each tenant's courses through `courses.forTenant(tenantId)`: the courses it offers its teams.
  const courses = withTenantOffers(input.courses, async (tenantId) => (await tenantSettings.get(tenantId)).courseIds);
  const teams = new TeamService({ teamRepository: repos.teams, leaders: repos.leaders, welcomes: repos.welcomes, owners, clock });
  const messenger = input.messenger ?? new Messenger({ logger });
  const connector = new BotConnector(createConnectorClients(config), config.bot.appId, messenger);
  const sharing = new AnswerSharing({
    replies: connector,
    sharedReplies: repos.sharedReplies,
    ids: { next: () => randomUUID() },
    clock,
    team: (ref) => repos.teams.find(ref),
    // `scheduler` is built below; a reply is queued only once requests are served.
    queued: () => scheduler.announceQueued(),
  });
  const channelCourse = new ChannelCourseService({
    courses,
    teamRepository: repos.teams,
    enrollmentRepository: repos.enrollments,
    threads: repos.lessonThreads,
    progress: repos.progress,
    reflections: repos.reflections,
    sharing,
    clock,
    settings: tenantSettings,
  });
  const publisher = new ChannelPublisher({ connector, channelCourse });
  // Firing schedules runs on the background loop's own connections where there are any (PostgreSQL).
  const background = repos.background ?? repos;
  const scheduler = new SchedulerService({
    schedules: background.schedules,
    enrollmentRepository: background.enrollments,
    teamRepository: background.teams,
    threads: background.lessonThreads,
    progress: background.progress,
    courses,
    clock,
    logger,
    options: { catchUpMs: config.scheduler.catchUpMs, reminderDays: config.scheduler.reminderDays, hours: config.scheduler.allowedHours },
    settings: tenantSettings,
  });
  // New hours, weekdays or reminders move every planned delivery of the tenant's teams at once, not after their next firing.
  tenantSettings.onChanged(async (tenantId, changed) => {
    if (changed.some((name) => name === 'allowedHours' || name === 'weekdays' || name === 'remindersEnabled')) await scheduler.replanTenant(tenantId);
  });
  const nextSteps = new NextStepsService({
    nextSteps: repos.nextSteps,
    plans: repos.plans,
    teams,
    teamRepository: repos.teams,
    channelCourse,
    schedules: repos.schedules,
    sharedReplies: repos.sharedReplies,
    sharing,
    courses,
    ids: { next: () => randomUUID() },
    clock,
    reminderDays: config.scheduler.reminderDays,
    hours: config.scheduler.allowedHours,
    settings: tenantSettings,
  });
  const dilemmas = new DilemmaService({
    dilemmas: repos.dilemmas,
    teams,
    channelCourse,
    schedules: repos.schedules,
    sharedReplies: repos.sharedReplies,
    sharing,
    courses,
    ids: { next: () => randomUUID() },
    clock,
    settings: tenantSettings,
    sendNow: (ref, payload) => scheduler.sendNow(ref, 'dilemma', payload),
  });
  const tenants = new TenantGate(config.allowedTenants, logger);
  const outboxWorker = new OutboxWorker({
    outbox: repos.outbox,
    tenantLeases: repos.tenantLeases,
    handler: new TeamsDeliveryHandler({
      publisher,
      channelCourse,
      connector,
      people: repos.people,
      progress: repos.progress,
      nextSteps,
      dilemmas,
      sharing,
      teamRepository: repos.teams,
      tenantAllowed: (tenantId) => tenants.allows(tenantId),
    }),
    clock,
    logger,
    // A claimed batch is sent to its last row before the next is claimed, so each batch ends waiting on its slowest
    // send (a retry's back-off) while the other lanes idle. 250 rows make that wait rarer and still take only ~10 s
    // for one tenant at Teams' 50 requests/s, far inside the lease; 32 lanes keep the tenant's slots used while some
    // lanes wait on a back-off or on a busy CPU. `npm run bench:fanout` compares settings (figures in the README).
    // A claim takes no more than the tenant's rate sends within a third of the lease (`claimRows`): 250 at Teams' rate.
    options: {
      leaseMs: config.scheduler.outboxLeaseMs,
      batchSize: 250,
      claimRows: claimRows(messenger.limits, config.scheduler.outboxLeaseMs, 250),
      concurrency: 32,
      maxAttempts: 8,
      retryBaseMs: 5_000,
      ...input.outboxOptions,
    },
  });
  const learning = new LearningService({ courses, progress: repos.progress, reflections: repos.reflections, clock, people: repos.people });
  // Each tenant's own settings (database values over the deployment's defaults).
  const minGroupSize = async (tenantId: string): Promise<number> => (await tenantSettings.get(tenantId)).minGroupSize;
  const namedProgress = async (tenantId: string): Promise<boolean> => (await tenantSettings.get(tenantId)).namedProgress;
  const remindersEnabled = async (tenantId: string): Promise<boolean> => (await tenantSettings.get(tenantId)).remindersEnabled;
  return {
    courses,
    scheduler,
    sendNow: new SendNowService({ teams, channelCourse, scheduler, postClaims: repos.outbox, latestRound: (ref) => repos.nextSteps.latestRound(ref) }),
    outboxWorker,
    nextSteps,
    dilemmas,
    connector,
    myData: new MyDataService({ personalData: repos.personalData, sharing, teamRepository: repos.teams, enrollmentRepository: repos.enrollments }),
    dataLinks: new DataLinkSigner(dataKey, repos.usedLinks),
    publicUrl: config.publicUrl,
    learning,
    myCourse: new MyCourseService({ courses, learning, channelCourse, reflections: repos.reflections }),
    teams,
    enrollments: new EnrollmentService({ enrollmentRepository: repos.enrollments, teams, courses, languages: Object.keys(catalogs), clock }),
    channelCourse,
    publisher,
    sharing,
    people: repos.people,
    welcomes: repos.welcomes,
    clock,
    logger,
    tenantSettings,
    schedulingOptions: { reminderDays: config.scheduler.reminderDays },
    knowledge: new KnowledgeService({ courses, knowledge: repos.knowledge, clock }),
    certificates: new CertificateService({ courses, certificates: repos.certificates }),
    certificateLinks: new CertificateLinkSigner(dataKey, repos.usedLinks),
    dashboards: new DashboardService({
      teams,
      teamRepository: repos.teams,
      enrollmentRepository: repos.enrollments,
      threads: repos.lessonThreads,
      sharedReplies: repos.sharedReplies,
      insights: repos.insights,
      learning,
      scheduler,
      courses,
      settings: tenantSettings,
    }),
    orgReports: new OrgReportService({ reports: repos.orgReports, courses, minGroupSize, namedProgress }),
    headlines: new TeamHeadlineService({
      teams,
      teamRepository: repos.teams,
      channelCourse,
      reports: repos.orgReports,
      schedules: repos.schedules,
      scheduler,
      courses,
      clock,
      minGroupSize,
      remindersEnabled,
    }),
  };
}

/** Every tenant's default settings and the minimum-group floor, from the environment. */
export function settingsDefaults(config: Config): SettingsDefaults {
  return Object.freeze({
    namedProgress: config.namedProgress,
    minGroupSize: config.minGroupSize,
    minGroupSizeFloor: config.minGroupSize,
    retentionDays: config.retention.retentionDays,
    allowedHours: config.scheduler.allowedHours,
    weekdays: Object.freeze([1, 2, 3, 4, 5]),
    defaultLanguage: 'nb',
    remindersEnabled: true,
    courseIds: 'all',
  });
}

/** Wires configuration, storage, courses, core services, the bot and the HTTP server together. */
export async function composeApp(config: Config, logger: Logger, clock: Clock = systemClock): Promise<App> {
  const { catalog: deploymentCourses, problems } = await loadCourses({ packsDir: config.coursePacksDir });
  for (const problem of problems) logger.error({ ...problem }, 'content pack problem');

  const storage = await openStorage(config.storage, config.dataKey, config.previousDataKeys);
  const { database, repositories } = storage;
  // The organisation report's summary counts the catalog's lessons; a course whose lessons changed is rebuilt now.
  const rebuilt = await repositories.reportSummary.registerCourses(deploymentCourses.all().map((course) => ({ id: course.id, lessonIds: lessonIds(course) })));
  if (rebuilt.length > 0) logger.info({ courses: rebuilt }, 'organisation report summary rebuilt for courses whose lessons changed');
  if (storage.localDataKey) logger.warn({}, 'DATA_KEY is not set: reflections are sealed with a key kept in the database (local mode only)');
  const tenantPacks = new TenantPackService({
    repository: repositories.tenantPacks,
    tools: packTools,
    deploymentCourseIds: () => deploymentCourses.all().map((course) => course.id),
    publicUrl: config.publicUrl,
    clock,
  });
  await tenantPacks.load();
  // Versions published or withdrawn on another instance reach this one within a tick of the scheduler's length (15 s).
  const packRefresh = setInterval(() => {
    tenantPacks.refreshChanged().catch((error: unknown) => logger.warn({ err: error }, 'tenant pack refresh failed'));
  }, Math.max(config.scheduler.tickMs, 5_000));
  packRefresh.unref();
  // Each tenant sees the deployment's courses and its own published packs (CourseCatalog.forTenant).
  const courses = withTenantPacks(deploymentCourses, (tenantId) => tenantPacks.publishedPacks(tenantId));
  const adapter = createAdapter(config, logger);
  const services = buildServices({ config, dataKey: storage.dataKey, repositories, courses, clock, logger });
  const bot = new LaerekraftBot(services);
  const retention = new RetentionService({ retention: repositories.retention, clock, logger, options: config.retention, tenantSettings: repositories.tenantSettings });
  const runner = new SchedulerRunner(services.scheduler, services.outboxWorker, retention, logger, config.scheduler.tickMs);
  const server = createServer({
    adapter,
    bot,
    health: { engine: database.engine, ping: () => pingDatabase(database.db), ticks: () => runner.ticks },
    logger,
    tenants: new TenantGate(config.allowedTenants, logger),
    https: !config.localMode,
    routes: [
      (restifyServer) => registerApi(restifyServer, { config, services, logger, tenantPacks }),
      (restifyServer) => registerTab(restifyServer, projectPath('dist', 'tab'), { clientId: config.sso?.clientId }),
      (restifyServer) =>
        registerDocuments(restifyServer, {
          contact: config.privacyContact,
          retentionDays: config.retention.retentionDays,
          teamGraceDays: config.retention.teamGraceDays,
          minGroupSize: config.minGroupSize,
        }),
    ],
  });

  return {
    server,
    database,
    courses,
    services,
    repositories,
    runner,
    tenantPacks,
    async close() {
      clearInterval(packRefresh);
      await runner.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
    },
  };
}
