import type { Request, Server } from 'restify';
import type { CertificateService } from '../../core/certificate.js';
import type { CourseCatalog } from '../../core/course.js';
import type { KnowledgeService } from '../../core/knowledge.js';
import type { OrgKnowledgeView, TeamKnowledgeView } from '../contracts.js';
import { ORGANISATION_SCOPE } from '../../core/knowledge.js';
import { NotSetUpError } from '../../core/errors.js';
import type { EnrollmentService } from '../../core/enrollment-service.js';
import type { Clock, Logger } from '../../core/ports.js';
import type { TeamService } from '../../core/team-service.js';
import type { TenantSettingsSource } from '../../core/tenant-settings.js';
import { languageForLocale } from '../../i18n/resolve-language.js';
import { translator, type Translator } from '../../i18n/translator.js';
import type { CertificateLinkSigner } from '../auth/certificate-link.js';
import { certificatePdf } from '../certificate-pdf.js';
import { ApiHttpError, apiRoute, requireOrgRole, teamRefOf, type ApiAuth, type Caller, type FileAnswer } from './api-context.js';

/** What the certificate and knowledge-check routes need (cert). */
export type CertificateRouteDeps = {
  readonly auth: ApiAuth;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly courses: CourseCatalog;
  readonly certificates: CertificateService;
  readonly links: CertificateLinkSigner;
  readonly knowledge: KnowledgeService;
  readonly teams: TeamService;
  readonly enrollments: EnrollmentService;
  readonly settings: TenantSettingsSource;
};

function fileName(title: string, t: Translator): string {
  const plain = title.toLowerCase().replace(/æ/g, 'ae').replace(/ø/g, 'o').replace(/å/g, 'a').normalize('NFKD');
  const slug = plain.replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'kurs';
  return t('certificate.filename', { course: slug });
}

/**
 * `/api/v1/certificate?token=` (the single-use link from the chat), `/api/v1/me/certificate` (the personal tab, signed
 * in), `/api/v1/teams/{teamId}/knowledge` (leaders: aggregates only) and `/api/v1/org/knowledge` (organisation roles).
 */
export function registerCertificateRoutes(server: Server, deps: CertificateRouteDeps): void {
  const { auth, logger } = deps;

  const pdfAnswer = async (outcome: Awaited<ReturnType<CertificateService['issue']>>, name: string, t: Translator): Promise<FileAnswer> => {
    if (!outcome.ok) throw new ApiHttpError(409, { code: 'conflict', message: t('api.certificateNotFinished', { read: outcome.read, total: outcome.total }) });
    return { file: { contentType: 'application/pdf', filename: fileName(outcome.content.courseTitle, t), body: await certificatePdf(outcome.content, name) } };
  };

  server.get('/api/v1/certificate', async (req, res) => {
    const fallback = translator(languageForLocale(req.header('accept-language')));
    res.header('cache-control', 'no-store');
    try {
      const claim = await deps.links.redeem(String(req.query?.token ?? ''), deps.clock.now());
      if (!claim) {
        res.send(401, { code: 'unauthorized', message: fallback('api.certificateLinkExpired') });
        return;
      }
      const t = translator(claim.language);
      if (!deps.courses.get(claim.courseId)) {
        res.send(404, { code: 'notFound', message: t('api.notFound') });
        return;
      }
      const outcome = await deps.certificates.issue(claim.person, claim.courseId, claim.language);
      if (!outcome.ok) {
        res.send(409, { code: 'conflict', message: t('api.certificateNotFinished', { read: outcome.read, total: outcome.total }) });
        return;
      }
      const answer = await pdfAnswer(outcome, claim.name, t);
      res.header('content-type', answer.file.contentType);
      res.header('content-disposition', `attachment; filename="${answer.file.filename.replace(/[^\x20-\x7e]/g, '')}"`);
      res.sendRaw(200, answer.file.body as Buffer);
    } catch (error) {
      logger.error({ err: error, path: req.path() }, 'certificate link failed');
      res.send(500, { code: 'internal', message: fallback('error.generic') });
    }
  });

  apiRoute(server, 'get', '/api/v1/me/certificate', auth, logger, async (req: Request, caller: Caller) => {
    const courseId = typeof req.query?.courseId === 'string' && req.query.courseId !== '' ? req.query.courseId : deps.courses.defaultCourse().id;
    if (!deps.courses.get(courseId)) throw new ApiHttpError(404, { code: 'notFound', message: caller.t('api.notFound') });
    return pdfAnswer(await deps.certificates.issue(caller.person, courseId, caller.t.language), caller.name, caller.t);
  });

  apiRoute(server, 'get', '/api/v1/teams/:teamId/knowledge', auth, logger, async (req, caller): Promise<TeamKnowledgeView> => {
    const ref = teamRefOf(req, caller);
    await deps.teams.requireLeader(ref, caller.person.userId);
    // A team may run several courses: `?courseId=` picks one, else the team's latest.
    const wanted = typeof req.query?.courseId === 'string' && req.query.courseId !== '' ? req.query.courseId : undefined;
    const enrollment = await deps.enrollments.running(ref, wanted);
    if (!enrollment) throw new NotSetUpError();
    const { minGroupSize } = await deps.settings.get(ref.tenantId);
    const members = await deps.teams.memberCount(ref);
    const [count, lessons] = await Promise.all([
      deps.certificates.teamCount(ref, enrollment.courseId, minGroupSize),
      deps.courses.get(enrollment.courseId)
        ? deps.knowledge.aggregates(ref.tenantId, ref.teamId, enrollment.courseId, caller.t.language, minGroupSize, members >= minGroupSize)
        : Promise.resolve([]),
    ]);
    return { courseId: enrollment.courseId, minGroupSize, certified: count.certified, members: count.members, lessons };
  });

  apiRoute(server, 'get', '/api/v1/org/knowledge', auth, logger, async (_req, caller): Promise<OrgKnowledgeView> => {
    requireOrgRole(caller, 'competenceUnit', 'administrator', 'unionRepresentative');
    const tenantId = caller.person.tenantId;
    const { minGroupSize } = await deps.settings.get(tenantId);
    const courses = deps.courses.all().filter((course) => Object.values(course.content).some((text) => text.lessons.some((lesson) => (lesson.knowledgeCheck?.length ?? 0) > 0)));
    return {
      minGroupSize,
      courses: await Promise.all(
        courses.map(async (course) => {
          const lessons = await deps.knowledge.aggregates(tenantId, ORGANISATION_SCOPE, course.id, caller.t.language, minGroupSize);
          const text = course.content[caller.t.language] ?? course.content[course.defaultLanguage]!;
          return { courseId: course.id, title: text.title, lessons };
        }),
      ),
    };
  });
}
