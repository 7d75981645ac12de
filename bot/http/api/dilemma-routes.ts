import type { Server } from 'restify';
import type { Dilemma } from '../../core/course.js';
import type { DilemmaRoundView as RoundView, DilemmaScheduleProblem, DilemmaService } from '../../core/dilemma-service.js';
import { ForbiddenError } from '../../core/errors.js';
import type { Logger } from '../../core/ports.js';
import type { SharedReply } from '../../core/shared-reply.js';
import type { TeamService } from '../../core/team-service.js';
import type { TeamRef } from '../../core/team.js';
import type { Translator } from '../../i18n/translator.js';
import type { AppServices } from '../../app-services.js';
import type { DilemmaRoundRequest, DilemmaRoundResponse, DilemmaRoundView, DilemmaRoundsView } from '../contracts.js';
import { ApiHttpError, apiRoute, teamRefOf, type ApiAuth, type Caller } from './api-context.js';
import { spreadsheetCsv } from './csv-export.js';
import { channelLabel } from './dashboard-view.js';

/** What the dilemma routes need. */
export type DilemmaRouteDeps = {
  readonly auth: ApiAuth;
  readonly logger: Logger;
  readonly dilemmas: DilemmaService;
  readonly teams: TeamService;
  readonly services: AppServices;
};

/** A round as the tab shows it: counts, costs and gains only once the minimum group has answered; shared reasons as text. */
export function roundView(view: RoundView & { readonly shared: readonly SharedReply[] }): DilemmaRoundView {
  const { round, dilemma, goalNames, tally } = view;
  const revealed = tally.counts !== undefined;
  const effects = (list: Dilemma['options'][number]['gains']) => list.map((effect) => ({ goal: effect.goal, goalName: goalNames[effect.goal - 1] ?? String(effect.goal), text: effect.text }));
  return {
    id: round.id,
    dilemmaId: dilemma.id,
    title: dilemma.title,
    scenario: dilemma.scenario,
    startedAt: round.startedAt.toISOString(),
    answered: tally.answered,
    minGroupSize: tally.minGroupSize,
    revealed,
    options: dilemma.options.map((option) => ({
      id: option.id,
      label: option.label,
      count: tally.counts?.get(option.id) ?? null,
      gains: revealed ? effects(option.gains) : null,
      costs: revealed ? effects(option.costs) : null,
    })),
    shared: view.shared.filter((reply) => (reply.answers[0] ?? '') !== '').map((reply) => ({ authorName: reply.authorName ?? null, reason: reply.answers[0] ?? '' })),
  };
}

const problemKeys = {
  dilemmaIdinvalid: 'dilemmaApi.problem.unknown',
  dilemmaIdalreadyPosted: 'dilemmaApi.problem.posted',
  dateinvalid: 'dilemmaApi.problem.date',
  dateinPast: 'dilemmaApi.problem.inPast',
  timeinvalid: 'dilemmaApi.problem.time',
} as const;

function validation(problems: readonly DilemmaScheduleProblem[], t: Translator): ApiHttpError {
  return new ApiHttpError(400, {
    code: 'validation',
    message: t('api.validation'),
    problems: problems.map((problem) => ({ field: problem.field, message: t(problemKeys[`${problem.field}${problem.kind}` as keyof typeof problemKeys] ?? 'api.badRequest') })),
  });
}

/** `/api/v1/teams/{teamId}/dilemma-rounds` (the rounds; post or schedule one) and the CSV exports of distributions and shared reasons. */
export function registerDilemmaRoutes(server: Server, deps: DilemmaRouteDeps): void {
  const { auth, logger, dilemmas } = deps;

  /** Members and course coordinators of the team may read; returns whether the caller coordinates. */
  const requireMember = async (ref: TeamRef, caller: Caller): Promise<boolean> => {
    const leads = (await deps.teams.leadership(ref, caller.person.userId)) !== 'none';
    if (!leads && !(await deps.teams.isMember(ref, caller.person.userId))) throw new ForbiddenError('notMember');
    return leads;
  };

  const rounds = async (ref: TeamRef, caller: Caller): Promise<readonly DilemmaRoundView[]> => (await dilemmas.rounds(ref, caller.t.language)).map(roundView);

  apiRoute(server, 'get', '/api/v1/teams/:teamId/dilemma-rounds', auth, logger, async (req, caller): Promise<DilemmaRoundsView> => {
    const ref = teamRefOf(req, caller);
    const leads = await requireMember(ref, caller);
    const catalog = await dilemmas.catalog(ref, caller.t.language);
    return {
      dilemmas: catalog.dilemmas.map((dilemma) => ({ id: dilemma.id, title: dilemma.title, posted: catalog.posted.has(dilemma.id) })),
      rounds: await rounds(ref, caller),
      canEdit: leads,
    };
  });

  apiRoute(server, 'post', '/api/v1/teams/:teamId/dilemma-rounds', auth, logger, async (req, caller): Promise<DilemmaRoundResponse> => {
    const ref = teamRefOf(req, caller);
    const body = (req.body ?? {}) as DilemmaRoundRequest;
    const result = await dilemmas.schedule(ref, caller.person.userId, { dilemmaId: body.dilemmaId, date: body.date, time: body.time });
    if (!result.ok) throw validation(result.problems, caller.t);
    if (!result.dilemma) throw validation([{ field: 'dilemmaId', kind: 'alreadyPosted' }], caller.t);
    const channel = await deps.services.sendNow.courseChannel(ref, result.enrollment);
    return { queued: true, dilemmaId: result.dilemma.id, dueAt: result.dueAt.toISOString(), channel: channelLabel(channel, caller.t) };
  });

  apiRoute(server, 'get', '/api/v1/teams/:teamId/dilemmas.csv', auth, logger, async (req, caller) => {
    const ref = teamRefOf(req, caller);
    await requireMember(ref, caller);
    const t = caller.t;
    const header = [t('dilemmaExport.dilemma'), t('dilemmaExport.started'), t('dilemmaExport.answered'), t('dilemmaExport.option'), t('dilemmaExport.count')];
    const rows = (await rounds(ref, caller)).flatMap((round) =>
      round.options.map((option) => [round.title, round.startedAt.slice(0, 10), round.answered, option.label, option.count ?? t('dilemmaExport.hidden', { min: round.minGroupSize })]),
    );
    return { file: { contentType: 'text/csv; charset=utf-8', filename: 'dilemmaer.csv', body: spreadsheetCsv([header, ...rows]) } };
  });

  apiRoute(server, 'get', '/api/v1/teams/:teamId/dilemma-reasons.csv', auth, logger, async (req, caller) => {
    const ref = teamRefOf(req, caller);
    await requireMember(ref, caller);
    const t = caller.t;
    const header = [t('dilemmaExport.dilemma'), t('dilemmaExport.author'), t('dilemmaExport.reason')];
    const rows = (await rounds(ref, caller)).flatMap((round) => round.shared.map((reply) => [round.title, reply.authorName ?? t('dilemmaExport.anonymous'), reply.reason]));
    return { file: { contentType: 'text/csv; charset=utf-8', filename: 'dilemma-begrunnelser.csv', body: spreadsheetCsv([header, ...rows]) } };
  });
}
