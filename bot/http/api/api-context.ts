import type { Request, RequestHandler, Response, Server } from 'restify';
import { jsonBody } from '../json-body.js';
import { ChooseCourseError, CourseNotOfferedError, DomainError, ForbiddenError, NotFoundError, NotSetUpError, TeamInactiveError } from '../../core/errors.js';
import { hasOrgRole, orgRolesFromClaim, type OrgRole } from '../../core/org-role.js';
import type { PersonRef } from '../../core/person.js';
import type { TeamRef } from '../../core/team.js';
import type { LearningService } from '../../core/learning-service.js';
import type { Logger } from '../../core/ports.js';
import { languageForLocale, needsDefaultLanguage, resolveLanguage } from '../../i18n/resolve-language.js';
import type { TenantSettingsSource } from '../../core/tenant-settings.js';
import { commandWord, translator, type Translator } from '../../i18n/translator.js';
import type { ApiError } from '../contracts.js';
import { InvalidTokenError, type EntraTokenValidator } from '../auth/entra-token.js';
import { devRoleName } from './dev-identities.js';

/**
 * The signed-in caller of the tab API, their organisation roles, and the language to answer in.
 * @remarks `roles` come from the token's `roles` claim (Entra ID app roles), or in local mode from the developer
 * identity's `x-dev-roles` header; the tenant is always the token's.
 */
export type Caller = { readonly person: PersonRef; readonly name: string; readonly roles: readonly OrgRole[]; readonly t: Translator };

/** An API answer that is not plain JSON. */
export type FileAnswer = { readonly file: { readonly contentType: string; readonly filename: string; readonly body: string | Buffer } };

/** A request the API refuses, with its status and a message in the caller's language. */
export class ApiHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError,
  ) {
    super(body.message);
  }
}

/** Who may call the tab API: Entra ID tokens, or (local mode only) a developer identity header. */
export class ApiAuth {
  constructor(
    private readonly deps: {
      readonly validator: EntraTokenValidator | undefined;
      readonly devIdentities: boolean;
      /** The language each person chose (`LearningService.language`). */
      readonly languages: Pick<LearningService, 'language'>;
      /** The tenant rule (`Config.allowedTenants`), applied to developer identities too. */
      readonly allowedTenants: readonly string[] | 'any';
      /** Each tenant's settings: its default language answers callers whose browser names no language we have. */
      readonly settings?: TenantSettingsSource;
    },
  ) {}

  /** The caller; throws a 401 ApiHttpError for a missing or invalid token. */
  async caller(req: Request): Promise<Caller> {
    const fallback = translator(languageForLocale(req.header('accept-language')));
    const refuse = (): never => {
      throw new ApiHttpError(401, { code: 'unauthorized', message: fallback('api.unauthorized') });
    };
    let person: PersonRef;
    let name = '';
    let roles: readonly OrgRole[] = [];
    const authorization = req.header('authorization') ?? '';
    const devUser = req.header('x-dev-user');
    if (this.deps.validator && authorization.startsWith('Bearer ')) {
      try {
        const identity = await this.deps.validator.validate(authorization.slice(7).trim());
        person = { tenantId: identity.tenantId, userId: identity.userId };
        name = identity.name;
        roles = identity.roles;
      } catch (error) {
        if (error instanceof InvalidTokenError) return refuse();
        throw error;
      }
    } else if (this.deps.devIdentities && devUser && /^[^/]+\/[^/]+$/.test(devUser)) {
      const [tenantId, userId] = devUser.split('/') as [string, string];
      const allowed = this.deps.allowedTenants;
      if (allowed !== 'any' && !allowed.includes(tenantId.toLowerCase())) return refuse();
      person = { tenantId, userId };
      // The developer identity's stand-in for the token's `roles` claim: app-role values, comma-separated.
      roles = orgRolesFromClaim((req.header('x-dev-roles') ?? '').split(',').map((value) => value.trim()));
      name = devRoleName(userId) ?? '';
    } else {
      return refuse();
    }
    const stored = await this.deps.languages.language(person);
    const locale = req.header('accept-language');
    const orgDefault = needsDefaultLanguage(stored, locale) && this.deps.settings ? (await this.deps.settings.get(person.tenantId)).defaultLanguage : undefined;
    return { person, name, roles, t: translator(resolveLanguage(stored, locale, orgDefault)) };
  }
}

/** Maps a thrown error to the API's status and body, in the caller's language; unknown errors become 500 without details. */
export function apiErrorFor(error: unknown, t: Translator): { readonly status: number; readonly body: ApiError } {
  if (error instanceof ApiHttpError) return { status: error.status, body: error.body };
  if (error instanceof ForbiddenError) {
    const key = error.reason === 'lastLeader' ? 'error.lastLeader' : error.reason === 'notMember' ? 'api.forbidden' : 'api.leaderOnly';
    return { status: 403, body: { code: 'forbidden', message: t(key) } };
  }
  if (error instanceof TeamInactiveError) return { status: 404, body: { code: 'notFound', message: t('error.teamInactive') } };
  if (error instanceof NotSetUpError) return { status: 409, body: { code: 'notSetUp', message: t('error.notSetUp', { setup: commandWord(t.language, 'command.setup') }) } };
  if (error instanceof ChooseCourseError) return { status: 409, body: { code: 'chooseCourse', message: t('courses.chooseFirst') } };
  if (error instanceof CourseNotOfferedError) return { status: 400, body: { code: 'courseNotOffered', message: t('courses.notOffered') } };
  if (error instanceof NotFoundError) return { status: 404, body: { code: 'notFound', message: t('api.notFound') } };
  if (error instanceof DomainError) return { status: 400, body: { code: 'badRequest', message: t('api.badRequest') } };
  return { status: 500, body: { code: 'internal', message: t('error.generic') } };
}

/** A 400 for a request body or parameter that is not what the API takes. */
export function badRequest(t: Translator): ApiHttpError {
  return new ApiHttpError(400, { code: 'badRequest', message: t('api.badRequest') });
}

/**
 * Registers one authenticated API route: resolves the caller, runs the handler, answers JSON (or a file),
 * and turns every error into an ApiError in the caller's language.
 */
export function apiRoute(
  server: Server,
  method: 'get' | 'post' | 'put' | 'patch' | 'del',
  path: string,
  auth: ApiAuth,
  logger: Logger,
  handler: (req: Request, caller: Caller) => Promise<unknown>,
): void {
  const callers = new WeakMap<Request, Caller>();
  // A route that takes a body authenticates first and reads the body only for a known caller.
  const beforeBody: RequestHandler[] =
    method === 'get' || method === 'del'
      ? []
      : [
          (req, res, next) => {
            auth.caller(req).then(
              (caller) => (callers.set(req, caller), next()),
              (error: unknown) => {
                const { status, body } = apiErrorFor(error, translator(languageForLocale(req.header('accept-language'))));
                if (status >= 500) logger.error({ err: error, path: req.path() }, 'tab API failed');
                res.header('cache-control', 'no-store');
                res.send(status, body);
                next(false);
              },
            );
          },
          jsonBody(),
        ];
  server[method](path, ...beforeBody, async (req: Request, res: Response) => {
    let t = translator(languageForLocale(req.header('accept-language')));
    try {
      const caller = callers.get(req) ?? (await auth.caller(req));
      t = caller.t;
      const result = await handler(req, caller);
      res.header('cache-control', 'no-store');
      if (result === undefined) {
        res.send(204);
      } else if (result && typeof result === 'object' && 'file' in result) {
        const { file } = result as FileAnswer;
        res.header('content-type', file.contentType);
        const ascii = file.filename.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '');
        res.header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
        res.sendRaw(200, file.body);
      } else {
        res.send(200, result);
      }
    } catch (error) {
      const { status, body } = apiErrorFor(error, t);
      if (status >= 500) logger.error({ err: error, path: req.path() }, 'tab API failed');
      res.send(status, body);
    }
  });
}

/**
 * Refuses (403, with a message in the caller's language naming the roles that would do) a caller holding none of the allowed organisation roles.
 * @remarks The tenant an organisation route acts on is always the caller's own (`caller.person.tenantId`), never a parameter.
 */
export function requireOrgRole(caller: Caller, ...allowed: OrgRole[]): void {
  if (hasOrgRole(caller.roles, ...allowed)) return;
  const names = allowed.map((role) => caller.t(`orgRole.${role}`));
  const roles = new Intl.ListFormat(caller.t.language, { type: 'disjunction' }).format(names);
  throw new ApiHttpError(403, { code: 'forbidden', message: caller.t('api.orgRoleRequired', { roles }) });
}

/** The team named in the route (`:teamId`), in the caller's tenant: a caller never reaches another tenant's team. */
export function teamRefOf(req: Request, caller: Caller): TeamRef {
  const teamId = String(req.params.teamId ?? '');
  if (!teamId) throw badRequest(caller.t);
  return { tenantId: caller.person.tenantId, teamId };
}
