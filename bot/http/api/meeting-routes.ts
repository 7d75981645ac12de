import type { Server } from 'restify';
import type { DashboardService } from '../../core/dashboard-service.js';
import type { DilemmaService } from '../../core/dilemma-service.js';
import type { Logger } from '../../core/ports.js';
import type { TeamService } from '../../core/team-service.js';
import type { TeamRef } from '../../core/team.js';
import type { SharedAnswer, StageContent, StageItem, StageItemsResponse, StageKind } from '../contracts.js';
import { ApiHttpError, apiRoute, badRequest, teamRefOf, type ApiAuth, type Caller } from './api-context.js';

/**
 * One kind of thing a meeting can show on its stage.
 * @remarks Both methods must apply the team dashboard's rules (DashboardService) and no others: members (and
 * owners) only, answers only where their authors shared them (anonymous ones without any name), counts only for a
 * team of at least the tenant's minimum group size.
 *
 * Two sources: {@link reflectionStageSource} and {@link dilemmaStageSource}.
 */
export type StageSource = {
  /** The items a course coordinator can share, newest first. */
  items(caller: Caller, ref: TeamRef): Promise<readonly StageItem[]>;
  /** What the stage shows for one item; a 404 ApiHttpError (or a NotFoundError) for an id the team does not have. */
  content(caller: Caller, ref: TeamRef, id: string): Promise<StageContent>;
};

/** Every kind of stage item, in the order the side panel lists them. */
export const stageKinds: readonly StageKind[] = ['reflection', 'dilemma'];

/** What the meeting routes need. */
export type MeetingRouteDeps = {
  readonly auth: ApiAuth;
  readonly logger: Logger;
  readonly dashboards: DashboardService;
  readonly teams: TeamService;
  /**
   * The source of each kind; a kind without one lists nothing and answers 404.
   * @defaultValue reflection rounds from the dashboard.
   */
  readonly sources?: Partial<Record<StageKind, StageSource>>;
};

/** What the stage may show of a shared answer: the name of a named one, the text; nothing else. */
function sharedView(reply: { readonly authorName: string | undefined; readonly answers: readonly string[] }): SharedAnswer {
  return { authorName: reply.authorName ?? null, answers: [...reply.answers] };
}

/** Reflection rounds (the lessons posted to the channel), as the team dashboard shows them. */
export function reflectionStageSource(dashboards: DashboardService): StageSource {
  return {
    async items(caller, ref) {
      const { rounds } = await dashboards.rounds(caller.person, ref, caller.t.language);
      return rounds.map((round) => ({ kind: 'reflection', id: round.lesson.id, title: round.lesson.title, shared: round.shared.length }));
    },
    async content(caller, ref, id) {
      const { team, round } = await dashboards.round(caller.person, ref, id, caller.t.language);
      return {
        kind: 'reflection',
        id: round.lesson.id,
        team: { teamId: team.teamId, name: team.name },
        title: round.lesson.title,
        questions: [...round.questions],
        answered: round.reflections ?? null,
        members: round.members ?? null,
        distribution: null,
        minGroupSize: round.minGroupSize,
        shared: round.shared.map(sharedView),
      };
    },
  };
}

/**
 * Dilemma rounds, as the dilemma card in the channel shows them: the scenario (and follow-up question), how many have
 * answered, and the count per option only once the tenant's minimum group has answered (the same tally as the card);
 * shared reasons as text, an anonymous one without a name. The dashboard's gate comes first (members and owners).
 */
export function dilemmaStageSource(dashboards: DashboardService, dilemmas: DilemmaService): StageSource {
  return {
    async items(caller, ref) {
      await dashboards.rounds(caller.person, ref, caller.t.language);
      const rounds = await dilemmas.rounds(ref, caller.t.language);
      return [...rounds]
        .sort((a, b) => b.round.startedAt.getTime() - a.round.startedAt.getTime())
        .map((view) => ({ kind: 'dilemma' as const, id: view.round.id, title: view.dilemma.title, shared: view.shared.filter((reply) => (reply.answers[0] ?? '') !== '').length }));
    },
    async content(caller, ref, id) {
      const { team } = await dashboards.rounds(caller.person, ref, caller.t.language);
      const view = (await dilemmas.rounds(ref, caller.t.language)).find((candidate) => candidate.round.id === id);
      if (!view) throw new ApiHttpError(404, { code: 'notFound', message: caller.t('api.notFound') });
      const { dilemma, tally } = view;
      return {
        kind: 'dilemma',
        id: view.round.id,
        team: { teamId: team.teamId, name: team.name },
        title: dilemma.title,
        questions: [dilemma.scenario, ...(dilemma.followUp ? [dilemma.followUp] : [])],
        answered: tally.answered,
        members: null,
        distribution: tally.counts ? dilemma.options.map((option) => ({ label: option.label, count: tally.counts?.get(option.id) ?? 0 })) : null,
        minGroupSize: tally.minGroupSize,
        shared: view.shared.filter((reply) => (reply.answers[0] ?? '') !== '').map((reply) => ({ authorName: reply.authorName ?? null, answers: [reply.answers[0] ?? ''] })),
      };
    },
  };
}

/**
 * `/api/v1/teams/{teamId}/stage-items` and `/api/v1/teams/{teamId}/stage/{kind}/{id}`: the department meeting's
 * side panel (course coordinators pick what to share) and shared stage (every member of the team in the room).
 * @remarks The meeting is linked to a team only by the tab's content URL (`#/meeting?teamId=…`); nothing about the
 * meeting is stored. Polled by the stage while it is shown (answers arrive live).
 */
export function registerMeetingRoutes(server: Server, deps: MeetingRouteDeps): void {
  const { auth, logger } = deps;
  const sources: Partial<Record<StageKind, StageSource>> = deps.sources ?? { reflection: reflectionStageSource(deps.dashboards) };
  const notFound = (caller: Caller): ApiHttpError => new ApiHttpError(404, { code: 'notFound', message: caller.t('api.notFound') });

  apiRoute(server, 'get', '/api/v1/teams/:teamId/stage-items', auth, logger, async (req, caller): Promise<StageItemsResponse> => {
    const ref = teamRefOf(req, caller);
    // The gate of the dashboard first (members and owners; another tenant's team is not found), then leaders only.
    const { team } = await deps.dashboards.rounds(caller.person, ref, caller.t.language);
    await deps.teams.requireLeader(ref, caller.person.userId);
    const items: StageItem[] = [];
    for (const kind of stageKinds) items.push(...((await sources[kind]?.items(caller, ref)) ?? []));
    return { team: { teamId: team.teamId, name: team.name }, items };
  });

  apiRoute(server, 'get', '/api/v1/teams/:teamId/stage/:kind/:id', auth, logger, async (req, caller): Promise<StageContent> => {
    const ref = teamRefOf(req, caller);
    const kind = String(req.params.kind);
    const id = String(req.params.id ?? '');
    if (!stageKinds.includes(kind as StageKind) || !id) throw badRequest(caller.t);
    const source = sources[kind as StageKind];
    if (!source) {
      // Still refuse strangers as the dashboard does, before saying that there is no such item.
      await deps.dashboards.rounds(caller.person, ref, caller.t.language);
      throw notFound(caller);
    }
    return source.content(caller, ref, id);
  });
}
