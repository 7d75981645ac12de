import type { Request, Server } from 'restify';
import type { DashboardService } from '../../core/dashboard-service.js';
import type { EnrollmentService } from '../../core/enrollment-service.js';
import { NotSetUpError } from '../../core/errors.js';
import type { Logger } from '../../core/ports.js';
import type { SchedulerService } from '../../core/scheduler-service.js';
import type { SendNowService } from '../../core/send-now-service.js';
import type { TeamService } from '../../core/team-service.js';
import type { TeamRef } from '../../core/team.js';
import type { ScheduleTimesRequest, SchedulesResponse } from '../contracts.js';
import { ApiHttpError, apiRoute, badRequest, teamRefOf, type ApiAuth, type Caller } from './api-context.js';
import { aggregatesCsv } from './csv-export.js';
import { channelLabel, dashboardView, scheduleView } from './dashboard-view.js';

/** What the team routes need. */
export type TeamRouteDeps = {
  readonly auth: ApiAuth;
  readonly logger: Logger;
  readonly dashboards: DashboardService;
  readonly teams: TeamService;
  readonly enrollments: EnrollmentService;
  readonly scheduler: SchedulerService;
  readonly sendNow: SendNowService;
  readonly reminderDays: number;
};


/** `/api/v1/teams/{teamId}/…`: the dashboard, its CSV, and the leader's schedule controls. */
export function registerTeamRoutes(server: Server, deps: TeamRouteDeps): void {
  const { auth, logger } = deps;

  const schedules = async (ref: TeamRef, caller: Caller): Promise<SchedulesResponse> => {
    const enrollment = await deps.enrollments.find(ref);
    if (!enrollment) throw new NotSetUpError();
    const states = await deps.scheduler.states(ref);
    return {
      schedules: states.map((state) => scheduleView(state, enrollment, deps.reminderDays, caller.t)),
      channel: channelLabel(await deps.sendNow.courseChannel(ref, enrollment), caller.t),
    };
  };

  apiRoute(server, 'get', '/api/v1/teams/:teamId/dashboard', auth, logger, async (req, caller) => {
    const dashboard = await deps.dashboards.build(caller.person, teamRefOf(req, caller), caller.t.language);
    return dashboardView(dashboard, deps.reminderDays, caller.t);
  });

  apiRoute(server, 'get', '/api/v1/teams/:teamId/export.csv', auth, logger, async (req, caller) => {
    const ref = teamRefOf(req, caller);
    await deps.teams.requireLeader(ref, caller.person.userId);
    const dashboard = await deps.dashboards.build(caller.person, ref, caller.t.language);
    const slug = dashboard.team.name.toLowerCase().replace(/[^a-z0-9æøå]+/g, '-').replace(/^-|-$/g, '') || 'team';
    return { file: { contentType: 'text/csv; charset=utf-8', filename: caller.t('csv.filename', { team: slug }), body: aggregatesCsv(dashboard, caller.t) } };
  });

  apiRoute(server, 'post', '/api/v1/teams/:teamId/schedules/:kind/:action', auth, logger, async (req, caller) => {
    const ref = teamRefOf(req, caller);
    const kind = String(req.params.kind);
    const action = String(req.params.action);
    if ((kind !== 'lesson' && kind !== 'reflection') || !['pause', 'resume', 'send-now'].includes(action)) throw badRequest(caller.t);
    await deps.teams.requireLeader(ref, caller.person.userId);
    if (action === 'send-now') {
      // Only queues: the outbox worker posts it, and the delivery shows in the schedule's history.
      if (kind === 'lesson') {
        const queued = await deps.sendNow.lesson(ref, caller.person.userId);
        // As in the channel: an earlier try that gave up may have reached the channel, so the coordinator is told to look.
        if (queued?.earlierTryGaveUp) return { ...(await schedules(ref, caller)), earlierTryGaveUp: true } satisfies SchedulesResponse;
      } else await deps.sendNow.round(ref, caller.person.userId);
    } else {
      await deps.scheduler.setPaused(ref, kind, action === 'pause');
    }
    return schedules(ref, caller);
  });

  apiRoute(server, 'patch', '/api/v1/teams/:teamId/schedule-times', auth, logger, async (req, caller) => {
    const ref = teamRefOf(req, caller);
    await deps.teams.requireLeader(ref, caller.person.userId);
    const body = (req.body ?? {}) as ScheduleTimesRequest;
    const existing = await deps.enrollments.find(ref);
    if (!existing) throw new NotSetUpError();
    const raw: Record<string, unknown> = {
      channelId: existing.channelId,
      language: existing.language,
      startDate: existing.startDate < deps.enrollments.today(existing.timeZone) ? deps.enrollments.today(existing.timeZone) : existing.startDate,
      mandatory: String(existing.mandatory),
      dueDate: existing.dueDate ?? '',
      lessonWeekday: String(existing.lessonWeekday),
      lessonTime: body.lessonTime ?? existing.lessonTime,
      intervalWeeks: String(existing.intervalWeeks),
      reflectionDaysAfter: String(existing.reflectionDaysAfter),
      reflectionTime: body.reflectionTime ?? existing.reflectionTime,
    };
    const channels = await deps.teams.channels(ref);
    const result = await deps.enrollments.save(ref, caller.person.userId, raw, channels.map((channel) => channel.channelId));
    if (!result.ok) {
      throw new ApiHttpError(400, {
        code: 'validation',
        message: caller.t('api.validation'),
        problems: result.problems.map((problem) => ({
          field: problem.field,
          message: caller.t(`setup.problem.${problem.kind}`, { field: caller.t(problem.field === 'lessonTime' ? 'setup.lessonTime' : problem.field === 'reflectionTime' ? 'setup.reflectionTime' : 'setup.startDate') }),
        })),
      });
    }
    await deps.scheduler.plan(result.enrollment);
    return schedules(ref, caller);
  });
}
