import type { Server } from 'restify';
import type { Config } from '../../config.js';
import { DashboardService } from '../../core/dashboard-service.js';
import type { Logger } from '../../core/ports.js';
import type { Repositories } from '../../storage/repositories/index.js';
import type { BotServices } from '../../teams/services.js';
import { EntraTokenValidator } from '../auth/entra-token.js';
import { ApiAuth } from './api-context.js';
import { registerMeRoutes } from './me-routes.js';
import { registerMyRoutes } from './my-routes.js';
import { registerNextStepsRoutes } from './next-steps-routes.js';
import { registerOrgSettingsRoutes } from './org-settings-routes.js';
import { registerTeamRoutes } from './team-routes.js';

/** Registers the tab API under `/api/v1`, with Entra ID single sign-on (or developer identities in local mode). */
export function registerApi(
  server: Server,
  input: { readonly config: Config; readonly services: BotServices; readonly repositories: Repositories; readonly logger: Logger },
): void {
  const { config, services, repositories, logger } = input;
  const auth = new ApiAuth({
    validator: config.sso ? new EntraTokenValidator({ audiences: config.sso.audiences, allowedTenants: config.sso.allowedTenants, jwksUrl: config.sso.jwksUrl }) : undefined,
    devIdentities: config.devIdentities,
    people: repositories.people,
    allowedTenants: config.allowedTenants,
    settings: services.tenantSettings,
  });
  const dashboards = new DashboardService({
    teams: services.teams,
    teamRepository: repositories.teams,
    enrollments: repositories.enrollments,
    threads: repositories.lessonThreads,
    sharedReplies: repositories.sharedReplies,
    insights: repositories.insights,
    learning: services.learning,
    scheduler: services.scheduler,
    courses: services.courses,
    settings: services.tenantSettings,
  });
  registerMeRoutes(server, {
    auth,
    logger,
    teams: services.teams,
    teamRepository: repositories.teams,
    localMode: config.localMode,
    devIdentities: config.devIdentities,
    myData: services.myData,
    dataLinks: services.dataLinks,
    clock: services.clock,
  });
  registerTeamRoutes(server, {
    auth,
    logger,
    dashboards,
    teams: services.teams,
    enrollments: services.enrollments,
    scheduler: services.scheduler,
    sendNow: services.sendNow,
    reminderDays: config.scheduler.reminderDays,
  });
  registerMyRoutes(server, { auth, logger, myCourse: services.myCourse, courses: services.courses });
  registerOrgSettingsRoutes(server, { auth, logger, tenantSettings: services.tenantSettings, courses: services.courses, auditRetentionDays: config.retention.auditRetentionDays });
  registerNextStepsRoutes(server, {
    auth,
    logger,
    nextSteps: services.nextSteps,
    teams: services.teams,
    teamRepository: repositories.teams,
    enrollments: repositories.enrollments,
    services,
  });
}
