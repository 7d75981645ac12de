import type { Request, Response, Server } from 'restify';
import { lessonCardPreview } from '../../../cards/preview.js';
import { courseText, type Course } from '../../core/course.js';
import type { Logger } from '../../core/ports.js';
import { newestPublished, uploadLimits, type ImageRefusal, type PackUpload, type TenantPackService, type UploadProblem, type UploadProblemCode } from '../../core/tenant-packs.js';
import type { PackCheckCode } from '../../course/pack-problem.js';
import type { MessageKey } from '../../i18n/catalogs/index.js';
import type { Translator } from '../../i18n/translator.js';
import type { PackCheckResponse, PackImageUploadResponse, PackListResponse, PackPreviewLanguage, PackProblemView } from '../contracts.js';
import { apiRoute, ApiHttpError, badRequest, requireOrgRole, type ApiAuth, type Caller } from './api-context.js';

/** What the pack routes need. */
export type PackRouteDeps = {
  readonly auth: ApiAuth;
  readonly logger: Logger;
  readonly packs: TenantPackService;
  /** The organisation's teams and the course each is set up with. */
  readonly teams: (tenantId: string) => Promise<readonly { readonly courseId: string | undefined }[]>;
};

/** The languages every pack is previewed in: what a person with each of the app's languages sees. */
export const previewLanguages = Object.freeze(['nb', 'nn', 'en'] as const);

/** Codes of our own upload problems, for the catalog keys `packs.problem.*`. */
export const uploadProblemCodes: readonly UploadProblemCode[] = Object.freeze([
  'notParsed',
  'tooLarge',
  'builtinId',
  'versionNotHigher',
  'imageNotUploaded',
  'imageExternal',
  'imageEveryLanguage',
  'imageAltMissing',
]);

/** Reasons an image is refused, for the catalog keys `packs.image.*`. */
export const imageRefusals: readonly ImageRefusal[] = Object.freeze(['tooLarge', 'type', 'dimensions', 'empty', 'quota']);

/** A problem in the caller's language: the validator's by `packs.check.*`, ours by `packs.problem.*`. */
function problemView(problem: UploadProblem, t: Translator): PackProblemView {
  const message = problem.check
    ? t(`packs.check.${problem.check as PackCheckCode}`, { ...problem.params })
    : problem.code
      ? t(`packs.problem.${problem.code}` as MessageKey, { ...problem.params })
      : (problem.message ?? '');
  return { path: problem.path || '/', line: problem.line ?? null, column: problem.column ?? null, language: problem.language ?? null, message };
}

function uploadOf(req: Request, t: Translator): PackUpload {
  const body = req.body as Record<string, unknown> | undefined;
  if (!body || typeof body !== 'object') throw badRequest(t);
  const { fileName, source, images } = body;
  if (typeof fileName !== 'string' || fileName.length > 255 || typeof source !== 'string') throw badRequest(t);
  const named: Record<string, string> = {};
  if (images !== undefined) {
    if (typeof images !== 'object' || images === null || Array.isArray(images)) throw badRequest(t);
    const entries = Object.entries(images);
    if (entries.length > uploadLimits.images) throw badRequest(t);
    for (const [name, id] of entries) {
      if (typeof id !== 'string' || !/^[0-9a-f]{64}$/.test(id) || name.length > 255) throw badRequest(t);
      named[name] = id;
    }
  }
  return { fileName, source, images: named };
}

/** Every lesson card of the pack in nb, nn and en, rendered by the bot's own lesson card (renderCard). */
function preview(course: Course): PackPreviewLanguage[] {
  return previewLanguages.map((language) => ({
    language,
    lessons: courseText(course, language).lessons.map((lesson, index) => ({ id: lesson.id, title: lesson.title, card: lessonCardPreview(course, language, index) })),
  }));
}

function checkResponse(result: { readonly pack: Course | undefined; readonly problems: readonly UploadProblem[] }, published: boolean, t: Translator, caller: Caller): PackCheckResponse {
  const pack = result.pack;
  return {
    ok: pack !== undefined && result.problems.length === 0,
    courseId: pack?.id ?? null,
    version: pack?.version ?? null,
    title: pack ? courseText(pack, caller.t.language).title : null,
    problems: result.problems.map((problem) => problemView(problem, t)),
    preview: pack ? preview(pack) : [],
    published,
  };
}

/**
 * The organisation's own course packs: `GET /api/v1/org/packs` (every version), `POST /api/v1/org/packs/images` (one
 * lesson image), `POST /api/v1/org/packs/check` (every problem and the preview), `POST /api/v1/org/packs` (publish),
 * `POST /api/v1/org/packs/:courseId/:version/withdraw`. Course owners and administrators only; the tenant is always
 * the caller's own.
 */
export function registerPackRoutes(server: Server, deps: PackRouteDeps): void {
  const { auth, logger, packs } = deps;
  const owner = (caller: Caller): string => {
    requireOrgRole(caller, 'courseOwner', 'administrator');
    return caller.person.tenantId;
  };

  apiRoute(server, 'get', '/api/v1/org/packs', auth, logger, async (_req, caller): Promise<PackListResponse> => {
    const tenantId = owner(caller);
    await packs.refresh(tenantId);
    const [versions, teams] = await Promise.all([packs.versions(tenantId), deps.teams(tenantId)]);
    const current = new Set(newestPublished(versions));
    return {
      versions: versions.map((version) => ({
        courseId: version.courseId,
        version: version.version,
        title: courseText(version.course, caller.t.language).title,
        publishedAt: version.publishedAt.toISOString(),
        withdrawnAt: version.withdrawnAt?.toISOString() ?? null,
        current: current.has(version),
        teams: teams.filter((team) => team.courseId === version.courseId).length,
      })),
      maxImageBytes: uploadLimits.imageBytes,
    };
  });

  apiRoute(server, 'post', '/api/v1/org/packs/images', auth, logger, async (req, caller): Promise<PackImageUploadResponse> => {
    const tenantId = owner(caller);
    const body = req.body as Record<string, unknown> | undefined;
    if (!body || typeof body.data !== 'string' || typeof body.fileName !== 'string') throw badRequest(caller.t);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body.data)) throw badRequest(caller.t);
    const result = await packs.uploadImage(tenantId, Buffer.from(body.data, 'base64'));
    if (!result.ok) {
      const limit = `${Math.round(uploadLimits.imageBytes / 1024)} KB`;
      throw new ApiHttpError(400, { code: 'validation', message: caller.t(`packs.image.${result.reason}`, { name: body.fileName.slice(0, 255), limit, count: uploadLimits.tenantImages }) });
    }
    return { id: result.id, url: result.url, contentType: result.contentType };
  });

  apiRoute(server, 'post', '/api/v1/org/packs/check', auth, logger, async (req, caller): Promise<PackCheckResponse> => {
    const tenantId = owner(caller);
    return checkResponse(await packs.check(tenantId, uploadOf(req, caller.t)), false, caller.t, caller);
  });

  apiRoute(server, 'post', '/api/v1/org/packs', auth, logger, async (req, caller): Promise<PackCheckResponse> => {
    const tenantId = owner(caller);
    const result = await packs.publish(tenantId, caller.person.userId, uploadOf(req, caller.t));
    if (result.published) logger.info({ tenantId, courseId: result.pack?.id, version: result.pack?.version }, 'course pack published');
    return checkResponse(result, result.published, caller.t, caller);
  });

  apiRoute(server, 'post', '/api/v1/org/packs/:courseId/:version/withdraw', auth, logger, async (req, caller): Promise<PackListResponse | undefined> => {
    const tenantId = owner(caller);
    const courseId = String(req.params.courseId ?? '');
    const version = String(req.params.version ?? '');
    if (!(await packs.withdraw(tenantId, courseId, version))) throw new ApiHttpError(404, { code: 'notFound', message: caller.t('api.notFound') });
    logger.info({ tenantId, courseId, version }, 'course pack version withdrawn');
    return undefined;
  });
}

const mediaName = /^([0-9a-f]{64})\.(png|jpg|webp)$/;

/**
 * `GET /media/<sha256>.<ext>`: a lesson image, public (Teams loads card images without the user's token) but
 * unguessable (the hash covers the tenant id and the bytes); the stored type, nosniff, cached for a year (the URL
 * changes with the content).
 */
export function registerMediaRoute(server: Server, deps: { readonly packs: TenantPackService; readonly logger: Logger }): void {
  server.get('/media/:name', async (req: Request, res: Response) => {
    try {
      const match = mediaName.exec(String(req.params.name ?? ''));
      const media = match ? await deps.packs.media(match[1]!) : undefined;
      const extension = media ? { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' }[media.contentType] : undefined;
      if (!media || !match || extension !== match[2]) {
        res.header('cache-control', 'no-store');
        res.send(404, { code: 'notFound' });
        return;
      }
      res.writeHead(200, {
        'content-type': media.contentType,
        'content-length': media.data.length,
        'cache-control': 'public, max-age=31536000, immutable',
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; sandbox",
        'cross-origin-resource-policy': 'cross-origin',
      });
      res.end(media.data);
    } catch (error) {
      deps.logger.error({ err: error }, 'media failed');
      res.send(500, { code: 'InternalServerError' });
    }
  });
}
