import type { Server } from 'restify';
import { InvalidRangeError, type OrgReportService } from '../../core/org-report-service.js';
import type { Clock, Logger } from '../../core/ports.js';
import type { TeamHeadlineService } from '../../core/team-headline-service.js';
import type { OrgPlanView, OrgReportView, TeamHeadlineView, TeamsOverviewView } from '../contracts.js';
import { apiRoute, badRequest, requireOrgRole, teamRefOf, type ApiAuth } from './api-context.js';
import { spreadsheetCsv } from './csv-export.js';
import { courseQuery } from './team-routes.js';
import { headlineView, orgReportCsv, orgReportView } from './org-report-view.js';

/** What the organisation routes need. */
export type OrgRouteDeps = {
  readonly auth: ApiAuth;
  readonly logger: Logger;
  readonly reports: OrgReportService;
  readonly headlines: TeamHeadlineService;
  readonly clock: Clock;
};

/** Plan items per page of `GET /api/v1/org/plan`. */
const PLAN_PAGE = 200;

/** The last twelve months up to and including the current one, `YYYY-MM`. */
function defaultRange(now: Date): { readonly from: string; readonly to: string } {
  const month = (date: Date): string => date.toISOString().slice(0, 7);
  return { from: month(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1))), to: month(now) };
}

/**
 * `/api/v1/org/…` (organisation roles) and the leader's headline, reminder and roll-up.
 * @remarks The tenant is always the caller's own; the report is read-only for every role and carries no names.
 */
export function registerOrgRoutes(server: Server, deps: OrgRouteDeps): void {
  const { auth, logger } = deps;

  apiRoute(server, 'get', '/api/v1/org/report', auth, logger, async (req, caller) => {
    requireOrgRole(caller, 'competenceUnit', 'administrator', 'unionRepresentative');
    const query = (req.query ?? {}) as Record<string, unknown>;
    const fallback = defaultRange(deps.clock.now());
    const range = { from: typeof query.from === 'string' && query.from ? query.from : fallback.from, to: typeof query.to === 'string' && query.to ? query.to : fallback.to };
    let report;
    try {
      report = await deps.reports.build(caller.person.tenantId, range, caller.t.language);
    } catch (error) {
      if (error instanceof InvalidRangeError) throw badRequest(caller.t);
      throw error;
    }
    if (query.format === 'csv') {
      return { file: { contentType: 'text/csv; charset=utf-8', filename: caller.t('orgReport.csv.filename', { from: report.from, to: report.to }), body: orgReportCsv(report, caller.t) } };
    }
    return orgReportView(report) satisfies OrgReportView;
  });

  apiRoute(server, 'get', '/api/v1/org/plan', auth, logger, async (req, caller) => {
    requireOrgRole(caller, 'competenceUnit', 'administrator');
    const query = (req.query ?? {}) as Record<string, unknown>;
    const tenantId = caller.person.tenantId;
    if (query.format === 'csv') {
      const rows: (string | number)[][] = [];
      let ownersShown = false;
      let after: string | undefined;
      do {
        const page = await deps.reports.plan(tenantId, { after, limit: 1000 });
        ownersShown = page.ownersShown;
        for (const item of page.items) rows.push([item.teamName, item.text, caller.t(`plan.status.${item.status}`), item.dueDate ?? '', ...(ownersShown ? [item.ownerName ?? ''] : [])]);
        after = page.next;
      } while (after);
      const header = [caller.t('orgPlan.csv.team'), caller.t('orgPlan.csv.text'), caller.t('orgPlan.csv.status'), caller.t('orgPlan.csv.dueDate'), ...(ownersShown ? [caller.t('orgPlan.csv.owner')] : [])];
      return { file: { contentType: 'text/csv; charset=utf-8', filename: caller.t('orgPlan.csv.filename'), body: spreadsheetCsv([header, ...rows]) } };
    }
    const page = await deps.reports.plan(tenantId, { after: typeof query.after === 'string' && query.after ? query.after : undefined, limit: PLAN_PAGE });
    return {
      items: page.items.map((item) => ({ teamId: item.teamId, teamName: item.teamName, text: item.text, owner: item.ownerName ?? null, dueDate: item.dueDate ?? null, status: item.status })),
      next: page.next ?? null,
      ownersShown: page.ownersShown,
    } satisfies OrgPlanView;
  });

  apiRoute(server, 'get', '/api/v1/teams/:teamId/headline', auth, logger, async (req, caller): Promise<TeamHeadlineView> => {
    return headlineView(await deps.headlines.headline(teamRefOf(req, caller), caller.person.userId, courseQuery(req), caller.t.language));
  });

  apiRoute(server, 'post', '/api/v1/teams/:teamId/reminders', auth, logger, async (req, caller): Promise<TeamHeadlineView> => {
    // Only queues (one delivery in the outbox); nobody is reminded twice the same day, however often this is called.
    return headlineView(await deps.headlines.remindNow(teamRefOf(req, caller), caller.person.userId, courseQuery(req), caller.t.language));
  });

  apiRoute(server, 'get', '/api/v1/me/teams-overview', auth, logger, async (_req, caller): Promise<TeamsOverviewView> => {
    return { teams: (await deps.headlines.overview(caller.person, caller.t.language)).map(headlineView) };
  });
}
