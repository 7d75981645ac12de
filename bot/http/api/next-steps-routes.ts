import type { Request, Server } from 'restify';
import type { NextStepProblem, NextStepsService } from '../../core/next-steps-service.js';
import type { PlanItem } from '../../core/next-steps.js';
import { ForbiddenError, NotSetUpError } from '../../core/errors.js';
import type { EnrollmentService } from '../../core/enrollment-service.js';
import type { Logger } from '../../core/ports.js';
import type { TeamService } from '../../core/team-service.js';
import type { TeamRef } from '../../core/team.js';
import type { Translator } from '../../i18n/translator.js';
import type { AppServices } from '../../app-services.js';
import type { NextStepsRoundResponse, NextStepsView, PlanItemInput, PlanItemView } from '../contracts.js';
import { channelLabel } from './dashboard-view.js';
import { courseQuery } from './team-routes.js';
import { ApiHttpError, apiRoute, teamRefOf, type ApiAuth, type Caller } from './api-context.js';
import { planCsv, planMarkdown, type PlanExportInput } from './plan-export.js';

/** What the next-steps routes need. */
export type NextStepsRouteDeps = {
  readonly auth: ApiAuth;
  readonly logger: Logger;
  readonly nextSteps: NextStepsService;
  readonly teams: TeamService;
  readonly enrollments: EnrollmentService;
  readonly services: AppServices;
};


function itemView(item: PlanItem): PlanItemView {
  return { id: item.id, text: item.text, owner: item.owner ? { ...item.owner } : null, dueDate: item.dueDate ?? null, status: item.status };
}

const problemKeys = {
  textmissing: 'plan.problem.textMissing',
  texttooLong: 'plan.problem.textTooLong',
  ownernotMember: 'plan.problem.notMember',
  dueDateinvalid: 'plan.problem.dueInvalid',
  dueDateinPast: 'plan.problem.dueInPast',
  statusinvalid: 'plan.problem.status',
} as const;

function validation(problems: readonly NextStepProblem[], t: Translator): ApiHttpError {
  return new ApiHttpError(400, {
    code: 'validation',
    message: t('api.validation'),
    problems: problems.map((problem) => ({ field: problem.field, message: t(problemKeys[`${problem.field}${problem.kind}` as keyof typeof problemKeys] ?? 'api.badRequest') })),
  });
}

/** `/api/v1/teams/{teamId}/next-steps`, the plan's items, and its Markdown and CSV exports. */
export function registerNextStepsRoutes(server: Server, deps: NextStepsRouteDeps): void {
  const { auth, logger, nextSteps } = deps;

  const requireMember = async (ref: TeamRef, caller: Caller): Promise<boolean> => {
    const leads = (await deps.teams.leadership(ref, caller.person.userId)) !== 'none';
    if (!leads && !(await deps.teams.isMember(ref, caller.person.userId))) throw new ForbiddenError('notMember');
    return leads;
  };

  /** The team's setup of the course the request names (`?course=`), else of its latest course (next steps are per course). */
  const enrollmentOf = async (ref: TeamRef, req: Request) => {
    const enrollment = await deps.enrollments.running(ref, courseQuery(req));
    if (!enrollment) throw new NotSetUpError();
    return enrollment;
  };

  const exportInput = async (ref: TeamRef, req: Request, caller: Caller, today: string): Promise<PlanExportInput> => {
    const team = await deps.teams.find(ref);
    if (!team) throw new NotSetUpError();
    const enrollment = await enrollmentOf(ref, req);
    const latest = await nextSteps.latest({ ...ref, courseId: enrollment.courseId });
    return { teamName: team.name, items: await nextSteps.plan(ref), questions: await nextSteps.questions(enrollment, caller.t.language), shared: latest?.shared ?? [], today };
  };

  apiRoute(server, 'get', '/api/v1/teams/:teamId/next-steps', auth, logger, async (req, caller): Promise<NextStepsView> => {
    const ref = teamRefOf(req, caller);
    const leads = await requireMember(ref, caller);
    const enrollment = await enrollmentOf(ref, req);
    const [latest, items, memberCount, settings] = await Promise.all([nextSteps.latest({ ...ref, courseId: enrollment.courseId }), nextSteps.plan(ref), deps.teams.memberCount(ref), deps.services.tenantSettings.get(ref.tenantId)]);
    const members = leads ? await deps.teams.members(ref, { limit: 1000 }) : undefined;
    return {
      questions: await nextSteps.questions(enrollment, caller.t.language),
      round: latest
        ? {
            id: latest.round.id,
            startedAt: latest.round.startedAt.toISOString(),
            answerCount: memberCount >= settings.minGroupSize ? latest.answers : null,
            answers: latest.shared.map((reply) => ({ authorName: reply.authorName ?? null, answers: [...reply.answers] })),
          }
        : null,
      items: items.map(itemView),
      members: members ? members.map((member) => ({ userId: member.userId, name: member.name })) : null,
      canEdit: leads,
    };
  });

  apiRoute(server, 'post', '/api/v1/teams/:teamId/next-steps/round', auth, logger, async (req, caller) => {
    const ref = teamRefOf(req, caller);
    const { channel } = await deps.services.sendNow.nextSteps(ref, caller.person.userId, (await enrollmentOf(ref, req)).courseId);
    return { queued: true, channel: channelLabel(channel, caller.t) } satisfies NextStepsRoundResponse;
  });

  apiRoute(server, 'post', '/api/v1/teams/:teamId/plan-items', auth, logger, async (req, caller) => {
    const result = await nextSteps.savePlanItem(teamRefOf(req, caller), caller.person.userId, undefined, (req.body ?? {}) as PlanItemInput);
    if (!result.ok) throw validation(result.problems, caller.t);
    return itemView(result.item);
  });

  apiRoute(server, 'patch', '/api/v1/teams/:teamId/plan-items/:itemId', auth, logger, async (req, caller) => {
    const result = await nextSteps.savePlanItem(teamRefOf(req, caller), caller.person.userId, String(req.params.itemId), (req.body ?? {}) as PlanItemInput);
    if (!result.ok) throw validation(result.problems, caller.t);
    return itemView(result.item);
  });

  apiRoute(server, 'del', '/api/v1/teams/:teamId/plan-items/:itemId', auth, logger, async (req, caller) => {
    if (!(await nextSteps.removePlanItem(teamRefOf(req, caller), caller.person.userId, String(req.params.itemId)))) {
      throw new ApiHttpError(404, { code: 'notFound', message: caller.t('api.notFound') });
    }
    return undefined;
  });

  for (const format of ['md', 'csv'] as const) {
    apiRoute(server, 'get', `/api/v1/teams/:teamId/plan.${format}`, auth, logger, async (req, caller) => {
      const ref = teamRefOf(req, caller);
      await requireMember(ref, caller);
      const input = await exportInput(ref, req, caller, deps.services.enrollments.today());
      const slug = input.teamName.toLowerCase().replace(/[^a-z0-9æøå]+/g, '-').replace(/^-|-$/g, '') || 'team';
      return format === 'md'
        ? { file: { contentType: 'text/markdown; charset=utf-8', filename: `plan-${slug}.md`, body: planMarkdown(input, caller.t) } }
        : { file: { contentType: 'text/csv; charset=utf-8', filename: `plan-${slug}.csv`, body: planCsv(input, caller.t) } };
    });
  }
}
