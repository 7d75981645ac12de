import type { Request, Server } from 'restify';
import type { CourseCatalog } from '../../core/course.js';
import { courseText } from '../../core/course.js';
import type { Logger } from '../../core/ports.js';
import { hasOrgRole } from '../../core/org-role.js';
import { settingNames, SettingsConflictError, SettingsRejectedError, settingsLimits, type SettingsProblem, type TenantSettingsService } from '../../core/tenant-settings.js';
import type { MessageKey } from '../../i18n/catalogs/index.js';
import type { Translator } from '../../i18n/translator.js';
import type { OrgAuditResponse, OrgPrivacyView, OrgSettingsResponse } from '../contracts.js';
import { apiRoute, ApiHttpError, badRequest, requireOrgRole, type ApiAuth } from './api-context.js';

/** What the organisation settings routes need. */
export type OrgSettingsRouteDeps = {
  readonly auth: ApiAuth;
  readonly logger: Logger;
  readonly tenantSettings: TenantSettingsService;
  readonly courses: CourseCatalog;
  /** How many days audit entries are kept (AUDIT_RETENTION_DAYS). */
  readonly auditRetentionDays: number;
  /** Who employees ask about their data (PRIVACY_CONTACT). */
  readonly privacyContact?: string | undefined;
};

/** The fields with a message of their own for an invalid value. */
export const invalidFields = Object.freeze([...settingNames, 'decisionReference', 'discussedOn'] as const);

/** The catalog message for one settings problem. */
function problemMessage(problem: SettingsProblem, floor: number, t: Translator): string {
  if (problem.problem === 'belowFloor') return t('settings.problem.belowFloor', { floor });
  if (problem.problem === 'decisionRequired') return t(`settings.problem.required.${problem.field as 'decisionReference' | 'discussedOn'}`);
  if (problem.problem === 'unknownCourse') return t('settings.problem.unknownCourse');
  if (problem.problem === 'inFuture') return t('settings.problem.inFuture');
  if (!(invalidFields as readonly string[]).includes(problem.field)) return t('api.badRequest');
  return t(`settings.problem.invalid.${problem.field}` as MessageKey, { floor, max: settingsLimits.minGroupSizeMax, min: settingsLimits.retentionDaysMin, maxDays: settingsLimits.retentionDaysMax, maxLength: settingsLimits.referenceMax });
}

/** The JSON value of an audit entry's old or new value (stored as JSON text). */
function parsed(value: string): unknown {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** The page number in `?page=`; 0 when absent. */
function pageOf(req: Request, t: Translator): number {
  const raw = req.query?.page;
  if (raw === undefined || raw === '') return 0;
  const page = Number(raw);
  if (!Number.isInteger(page) || page < 0 || page > 100_000) throw badRequest(t);
  return page;
}

/**
 * `GET/PATCH /api/v1/org/settings` and `GET /api/v1/org/audit`: the caller's own organisation (the token's tenant, never
 * a parameter). Administrators change; HR and union representatives read the settings; administrators and union
 * representatives read the audit log.
 */
export function registerOrgSettingsRoutes(server: Server, deps: OrgSettingsRouteDeps): void {
  const { tenantSettings } = deps;

  apiRoute(server, 'get', '/api/v1/org/settings', deps.auth, deps.logger, async (_req, caller): Promise<OrgSettingsResponse> => {
    requireOrgRole(caller, 'administrator', 'competenceUnit', 'unionRepresentative');
    const { minGroupSizeFloor, ...defaults } = tenantSettings.defaults;
    return {
      settings: await tenantSettings.get(caller.person.tenantId),
      defaults,
      minGroupSizeFloor,
      limits: settingsLimits,
      courses: deps.courses.all().map((course) => ({ id: course.id, title: courseText(course, caller.t.language).title })),
      canEdit: hasOrgRole(caller.roles, 'administrator'),
      canReadAudit: hasOrgRole(caller.roles, 'administrator', 'unionRepresentative'),
    };
  });

  // Every signed-in person of the organisation, no role needed: the values that apply to them.
  apiRoute(server, 'get', '/api/v1/org/privacy', deps.auth, deps.logger, async (_req, caller): Promise<OrgPrivacyView> => {
    const facts = await tenantSettings.privacyFacts(caller.person.tenantId);
    return {
      namedProgress: facts.namedProgress,
      decision: facts.decision ? { reference: facts.decision.reference, discussedOn: facts.decision.discussedOn, switchedOnAt: facts.decision.at.toISOString() } : null,
      minGroupSize: facts.minGroupSize,
      retentionDays: facts.retentionDays,
      contact: deps.privacyContact ?? null,
    };
  });

  apiRoute(server, 'patch', '/api/v1/org/settings', deps.auth, deps.logger, async (req, caller): Promise<OrgSettingsResponse['settings']> => {
    requireOrgRole(caller, 'administrator');
    const body = req.body as { changes?: unknown; decision?: unknown } | undefined;
    if (!body || typeof body !== 'object' || !body.changes || typeof body.changes !== 'object' || Array.isArray(body.changes)) throw badRequest(caller.t);
    const decision = body.decision && typeof body.decision === 'object' ? (body.decision as { reference?: string; discussedOn?: string }) : undefined;
    try {
      return await tenantSettings.update(caller.person.tenantId, { userId: caller.person.userId, name: caller.name }, body.changes as Record<string, unknown>, decision);
    } catch (error) {
      if (error instanceof SettingsRejectedError) {
        const floor = tenantSettings.defaults.minGroupSizeFloor;
        throw new ApiHttpError(400, {
          code: 'validation',
          message: caller.t('api.validation'),
          problems: error.problems.map((problem) => ({ field: problem.field, message: problemMessage(problem, floor, caller.t) })),
        });
      }
      if (error instanceof SettingsConflictError) throw new ApiHttpError(409, { code: 'conflict', message: caller.t('api.settingsConflict') });
      throw error;
    }
  });

  apiRoute(server, 'get', '/api/v1/org/audit', deps.auth, deps.logger, async (req, caller): Promise<OrgAuditResponse> => {
    requireOrgRole(caller, 'administrator', 'unionRepresentative');
    const log = await tenantSettings.auditLog(caller.person.tenantId, pageOf(req, caller.t));
    return {
      entries: log.entries.map((entry) => ({
        id: entry.id,
        at: entry.at.toISOString(),
        actor: entry.actor,
        setting: entry.setting,
        oldValue: parsed(entry.oldValue),
        newValue: parsed(entry.newValue),
        decisionReference: entry.decisionReference,
        discussedOn: entry.discussedOn,
      })),
      total: log.total,
      page: log.page,
      pageSize: log.pageSize,
      retentionDays: deps.auditRetentionDays,
    };
  });
}
