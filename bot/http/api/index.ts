import type { Server } from 'restify';
import type { Config } from '../../config.js';
import type { Logger } from '../../core/ports.js';
import type { AppServices } from '../../app-services.js';
import { EntraTokenValidator } from '../auth/entra-token.js';
import { ApiAuth } from './api-context.js';
import { dilemmaStageSource, reflectionStageSource, registerMeetingRoutes } from './meeting-routes.js';
import { registerMeRoutes } from './me-routes.js';
import { registerMyRoutes } from './my-routes.js';
import { registerNextStepsRoutes } from './next-steps-routes.js';
import { registerDilemmaRoutes } from './dilemma-routes.js';
import { registerOrgSettingsRoutes } from './org-settings-routes.js';
import { registerTeamRoutes } from './team-routes.js';
import { registerOrgRoutes } from './org-routes.js';
import { registerCertificateRoutes } from './certificate-routes.js';
import type { TenantPackService } from '../../core/tenant-packs.js';
import { registerMediaRoute, registerPackRoutes } from './pack-routes.js';

/** Registers the tab API under `/api/v1`, with Entra ID single sign-on (or developer identities in local mode). */
export function registerApi(
  server: Server,
  input: {
    readonly config: Config;
    readonly services: AppServices;
    readonly logger: Logger;
    /** The organisation's own course packs (publishing from the tab and `/media`); absent, those routes are not offered. */
    readonly tenantPacks?: TenantPackService;
  },
): void {
  const { config, services, logger } = input;
  const auth = new ApiAuth({
    validator: config.sso ? new EntraTokenValidator({ audiences: config.sso.audiences, allowedTenants: config.sso.allowedTenants, jwksUrl: config.sso.jwksUrl }) : undefined,
    devIdentities: config.devIdentities,
    languages: services.learning,
    allowedTenants: config.allowedTenants,
    settings: services.tenantSettings,
  });
  const { dashboards } = services;
  registerMeRoutes(server, {
    auth,
    logger,
    teams: services.teams,
    localMode: config.localMode,
    devIdentities: config.devIdentities,
    myData: services.myData,
    dataLinks: services.dataLinks,
    clock: services.clock,
    auditRetentionDays: config.retention.auditRetentionDays,
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
    courses: services.courses,
  });
  // The department meeting: the side panel picks a round, the stage shows it (same rules as the dashboard).
  registerMeetingRoutes(server, {
    auth,
    logger,
    dashboards,
    teams: services.teams,
    sources: { reflection: reflectionStageSource(dashboards), dilemma: dilemmaStageSource(dashboards, services.dilemmas) },
  });
  registerOrgRoutes(server, { auth, logger, clock: services.clock, reports: services.orgReports, headlines: services.headlines });
  registerMyRoutes(server, { auth, logger, myCourse: services.myCourse, courses: services.courses, learning: services.learning });
  // cert: course certificates (link and tab) and knowledge-check aggregates (leaders, organisation roles).
  registerCertificateRoutes(server, {
    auth,
    logger,
    clock: services.clock,
    courses: services.courses,
    certificates: services.certificates,
    links: services.certificateLinks,
    knowledge: services.knowledge,
    teams: services.teams,
    enrollments: services.enrollments,
    settings: services.tenantSettings,
  });
  registerOrgSettingsRoutes(server, { auth, logger, tenantSettings: services.tenantSettings, courses: services.courses, auditRetentionDays: config.retention.auditRetentionDays, privacyContact: config.privacyContact });
  if (input.tenantPacks) {
    registerPackRoutes(server, { auth, logger, packs: input.tenantPacks, teams: (tenantId) => services.orgReports.teams(tenantId) });
    registerMediaRoute(server, { packs: input.tenantPacks, logger });
  }
  registerNextStepsRoutes(server, {
    auth,
    logger,
    nextSteps: services.nextSteps,
    teams: services.teams,
    enrollments: services.enrollments,
    services,
  });
  registerDilemmaRoutes(server, { auth, logger, dilemmas: services.dilemmas, teams: services.teams, services });
}
