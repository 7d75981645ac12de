import type { Request, Server } from 'restify';
import type { DashboardService } from '../../core/dashboard-service.js';
import type { EnrollmentService } from '../../core/enrollment-service.js';
import { ForbiddenError } from '../../core/errors.js';
import { courseText, type CourseCatalog } from '../../core/course.js';
import { LESSON_WEEKDAYS } from '../../core/setup-rules.js';
import { catalogs } from '../../i18n/catalogs/index.js';
import type { MessageKey } from '../../i18n/catalogs/nb.js';
import { translator } from '../../i18n/translator.js';
import { weekdayName } from '../../i18n/schedule-text.js';
import { setupValues } from '../../../cards/views/team-cards.js';
import type { Logger } from '../../core/ports.js';
import type { SchedulerService } from '../../core/scheduler-service.js';
import type { SendNowService } from '../../core/send-now-service.js';
import type { TeamService } from '../../core/team-service.js';
import type { TeamRef } from '../../core/team.js';
import type { ScheduleTimesRequest, SchedulesResponse, SetupForm, SetupSaved } from '../contracts.js';
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
  readonly courses: CourseCatalog;
};


/** `/api/v1/teams/{teamId}/…`: the dashboard, its CSV, and the leader's schedule controls. */
export function registerTeamRoutes(server: Server, deps: TeamRouteDeps): void {
  const { auth, logger } = deps;

  const schedules = async (ref: TeamRef, caller: Caller, courseId: string | undefined): Promise<SchedulesResponse> => {
    const enrollment = await deps.enrollments.resolve(ref, courseId);
    const states = await deps.scheduler.states({ ...ref, courseId: enrollment.courseId });
    return {
      schedules: states.map((state) => scheduleView(state, enrollment, deps.reminderDays, caller.t)),
      channel: channelLabel(await deps.sendNow.courseChannel(ref, enrollment), caller.t),
    };
  };

  apiRoute(server, 'get', '/api/v1/teams/:teamId/dashboard', auth, logger, async (req, caller) => {
    const dashboard = await deps.dashboards.build(caller.person, teamRefOf(req, caller), caller.t.language, courseQuery(req));
    return dashboardView(dashboard, deps.reminderDays, caller.t);
  });

  apiRoute(server, 'get', '/api/v1/teams/:teamId/export.csv', auth, logger, async (req, caller) => {
    const ref = teamRefOf(req, caller);
    await deps.teams.requireLeader(ref, caller.person.userId);
    const dashboard = await deps.dashboards.build(caller.person, ref, caller.t.language, courseQuery(req));
    const slug = dashboard.team.name.toLowerCase().replace(/[^a-z0-9æøå]+/g, '-').replace(/^-|-$/g, '') || 'team';
    return { file: { contentType: 'text/csv; charset=utf-8', filename: caller.t('csv.filename', { team: slug }), body: aggregatesCsv(dashboard, caller.t) } };
  });

  apiRoute(server, 'post', '/api/v1/teams/:teamId/schedules/:kind/:action', auth, logger, async (req, caller) => {
    const ref = teamRefOf(req, caller);
    const kind = String(req.params.kind);
    const action = String(req.params.action);
    if ((kind !== 'lesson' && kind !== 'reflection') || !['pause', 'resume', 'send-now'].includes(action)) throw badRequest(caller.t);
    await deps.teams.requireLeader(ref, caller.person.userId);
    const { courseId } = await deps.enrollments.resolve(ref, courseQuery(req));
    if (action === 'send-now') {
      // Only queues: the outbox worker posts it, and the delivery shows in the schedule's history.
      if (kind === 'lesson') {
        const queued = await deps.sendNow.lesson(ref, caller.person.userId, courseId);
        // As in the channel: an earlier try that gave up may have reached the channel, so the coordinator is told to look.
        if (queued?.earlierTryGaveUp) return { ...(await schedules(ref, caller, courseId)), earlierTryGaveUp: true } satisfies SchedulesResponse;
      } else await deps.sendNow.round(ref, caller.person.userId, courseId);
    } else {
      await deps.scheduler.setPaused({ ...ref, courseId }, kind, action === 'pause');
    }
    return schedules(ref, caller, courseId);
  });

  apiRoute(server, 'patch', '/api/v1/teams/:teamId/schedule-times', auth, logger, async (req, caller) => {
    const ref = teamRefOf(req, caller);
    await deps.teams.requireLeader(ref, caller.person.userId);
    const body = (req.body ?? {}) as ScheduleTimesRequest;
    const existing = await deps.enrollments.resolve(ref, courseQuery(req));
    const raw: Record<string, unknown> = {
      courseId: existing.courseId,
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
    return schedules(ref, caller, result.enrollment.courseId);
  });

  apiRoute(server, 'get', '/api/v1/teams/:teamId/setup', auth, logger, async (req, caller): Promise<SetupForm> => {
    const ref = teamRefOf(req, caller);
    if (!(await deps.enrollments.maySetUp(ref, caller.person.userId))) throw new ForbiddenError('leaderOnly');
    const running = await deps.enrollments.list(ref);
    const asked = courseQuery(req);
    const existing = running.find((enrollment) => enrollment.courseId === asked) ?? (asked ? undefined : running.at(-1));
    const tenantCourses = await deps.courses.forTenant(ref.tenantId);
    const offered = tenantCourses.all();
    const courses = [...offered, ...running.flatMap((enrollment) => (offered.some((course) => course.id === enrollment.courseId) ? [] : [tenantCourses.known(enrollment.courseId)].filter((course) => course !== undefined)))];
    const t = caller.t;
    const defaults: Record<string, string> = {
      courseId: asked && courses.some((course) => course.id === asked) ? asked : (courses.find((course) => !running.some((enrollment) => enrollment.courseId === course.id)) ?? courses[0]!).id,
      channelId: ref.teamId,
      language: t.language,
      startDate: deps.enrollments.today(),
      lessonWeekday: '1',
      lessonTime: '09:00',
      intervalWeeks: '1',
      reflectionDaysAfter: '2',
      reflectionTime: '14:00',
      mandatory: 'false',
      dueDate: '',
    };
    return {
      courses: courses.map((course) => ({ id: course.id, title: courseText(course, t.language).title })),
      running: running.map((enrollment) => enrollment.courseId),
      channels: (await deps.teams.channels(ref)).map((channel) => ({ value: channel.channelId, label: channel.name || t('setup.generalChannel') })),
      languages: Object.keys(catalogs).map((language) => ({ value: language, label: translator(language)('language.name') })),
      weekdays: LESSON_WEEKDAYS.map((day) => ({ value: String(day), label: weekdayName(day, t.language) })),
      intervals: [1, 2, 3, 4].map((interval) => ({ value: String(interval), label: t('schedule.interval', { interval: String(interval) }) })),
      reflectionDays: [0, 1, 2, 3, 4, 5, 6].map((days) => ({ value: String(days), label: t('schedule.reflectionDays', { days }) })),
      values: existing ? setupValues(existing) : defaults,
    };
  });

  apiRoute(server, 'put', '/api/v1/teams/:teamId/setup', auth, logger, async (req, caller): Promise<SetupSaved> => {
    const ref = teamRefOf(req, caller);
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (typeof body !== 'object' || Array.isArray(body)) throw badRequest(caller.t);
    const channels = await deps.teams.channels(ref);
    const channelIds = channels.map((channel) => channel.channelId);
    // The General channel's id is the team id; Teams does not always list it among the stored channels.
    const result = await deps.enrollments.save(ref, caller.person.userId, body, channelIds.includes(ref.teamId) ? channelIds : [ref.teamId, ...channelIds]);
    if (!result.ok) {
      const label = (field: string): string => caller.t(setupFieldKeys[field] ?? 'setup.startDate');
      throw new ApiHttpError(400, {
        code: 'validation',
        message: caller.t('api.validation'),
        problems: result.problems.map((problem) => ({ field: problem.field, message: caller.t(`setup.problem.${problem.kind}`, { field: label(problem.field) }) })),
      });
    }
    await deps.scheduler.plan(result.enrollment);
    return { courseId: result.enrollment.courseId, created: result.created };
  });
}

/** The catalog key of each setup field's label. */
const setupFieldKeys: Readonly<Record<string, MessageKey>> = {
  channelId: 'setup.channel',
  language: 'setup.language',
  startDate: 'setup.startDate',
  dueDate: 'setup.dueDate',
  lessonWeekday: 'setup.lessonWeekday',
  lessonTime: 'setup.lessonTime',
  intervalWeeks: 'setup.interval',
  reflectionDaysAfter: 'setup.reflectionDays',
  reflectionTime: 'setup.reflectionTime',
};

/** The course a request names with `?course=<id>`, if any. */
export function courseQuery(req: Request): string | undefined {
  const value = (req.query as Record<string, unknown> | undefined)?.course;
  return typeof value === 'string' && value !== '' ? value : undefined;
}
