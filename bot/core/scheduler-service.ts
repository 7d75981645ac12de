import type { AllowedHours } from './calendar.js';
import { lessonIds, type CourseCatalog } from './course.js';
import type { DeliveryKind, DeliveryPayload, DeliveryRecord, Firing, OutboxTarget, ScheduleState } from './delivery.js';
import type { Enrollment } from './enrollment.js';
import { DateTime } from 'luxon';
import { NotSetUpError } from './errors.js';
import type { Clock, EnrollmentRepository, LessonThreadRepository, Logger, ProgressRepository, ScheduleRepository, TeamRepository } from './ports.js';
import { nextOccurrenceAfter, reminderAt, type ScheduleKind } from './schedule-rules.js';
import type { CourseRef, TeamMember, TeamRef } from './team.js';
import { hoursOf, type TenantSettingsSource } from './tenant-settings.js';

/** Options that shape every team's schedules. */
export type SchedulerOptions = {
  /** A firing later than this after its time is marked missed instead of sent. */
  readonly catchUpMs: number;
  readonly reminderDays: number;
  readonly hours?: AllowedHours;
};

/** Schedules fired at once within a tick. */
const FIRING_CONCURRENCY = 16;

/** Roster pages read when fanning a reminder out. */
const ROSTER_PAGE = 500;

/**
 * Turns each team's setup into schedules and fires them: one delivery per occurrence, one outbox row per target,
 * written in the transaction that advances the schedule.
 * @remarks The next occurrence is always computed from the rule on local dates and persisted, so a restart or a
 * daylight-saving change neither skips nor doubles anything; occurrences missed while down are caught up within the window.
 */
export class SchedulerService {
  private readonly listeners: (() => void)[] = [];

  constructor(
    private readonly deps: {
      readonly schedules: ScheduleRepository;
      readonly enrollmentRepository: EnrollmentRepository;
      readonly teamRepository: TeamRepository;
      readonly threads: LessonThreadRepository;
      readonly progress: ProgressRepository;
      readonly courses: CourseCatalog;
      readonly clock: Clock;
      readonly logger: Logger;
      readonly options: SchedulerOptions;
      /** Each tenant's settings: allowed hours and weekdays, and whether due-date reminders are sent; `options.hours` without it. */
      readonly settings?: TenantSettingsSource;
    },
  ) {}

  /** The tenant's allowed hours and weekdays, and whether its due-date reminders are on. */
  private async rules(tenantId: string): Promise<{ readonly hours: AllowedHours | undefined; readonly reminders: boolean }> {
    if (!this.deps.settings) return { hours: this.deps.options.hours, reminders: true };
    const settings = await this.deps.settings.get(tenantId);
    return { hours: hoursOf(settings), reminders: settings.remindersEnabled };
  }

  /** (Re)plans the schedules of a team's course from its setup: lessons, reflection rounds, and the due-date reminder. */
  async plan(enrollment: Enrollment): Promise<void> {
    const now = this.deps.clock.now();
    const team: CourseRef = { tenantId: enrollment.tenantId, teamId: enrollment.teamId, courseId: enrollment.courseId };
    const startsAt = new Date(Math.max(now.getTime(), 0));
    const lessonsLeft = await this.lessonsLeft(team, enrollment);
    const { hours, reminders } = await this.rules(team.tenantId);
    await this.deps.schedules.plan(team, 'lesson', lessonsLeft ? nextOccurrenceAfter('lesson', enrollment, startsAt, hours) : undefined, now);
    await this.deps.schedules.plan(team, 'reflection', nextOccurrenceAfter('reflection', enrollment, startsAt, hours), now);
    const reminder = reminders ? reminderAt(enrollment, this.deps.options.reminderDays, hours) : undefined;
    await this.deps.schedules.plan(team, 'reminder', reminder && reminder > now ? reminder : undefined, now);
  }

  /**
   * Replans every team of a tenant whose setup exists, after its allowed hours, weekdays or reminders changed; returns how many.
   * @remarks Paged; one team's failure is logged and does not stop the others.
   */
  async replanTenant(tenantId: string): Promise<number> {
    let after: string | undefined;
    let planned = 0;
    for (;;) {
      const teamIds = await this.deps.enrollmentRepository.teamIdsInTenant(tenantId, { after, limit: ROSTER_PAGE });
      for (const teamId of teamIds) {
        try {
          const enrollments = await this.deps.enrollmentRepository.list({ tenantId, teamId });
          for (const enrollment of enrollments) await this.plan(enrollment);
          if (enrollments.length > 0) planned += 1;
        } catch (error) {
          this.deps.logger.error({ err: error, teamId }, 'team could not be replanned after a settings change');
        }
      }
      if (teamIds.length < ROSTER_PAGE) return planned;
      after = teamIds.at(-1);
    }
  }

  /** The schedules of the team's course (of all its courses without `courseId`): when each fires next and whether it is paused. */
  states(team: TeamRef & { readonly courseId?: string }): Promise<readonly ScheduleState[]> {
    return this.deps.schedules.list(team);
  }

  /** The latest deliveries of the team's course with their state (sent, failed with a reason, missed, skipped). */
  recentDeliveries(team: TeamRef & { readonly courseId?: string }, limit = 20): Promise<readonly DeliveryRecord[]> {
    return this.deps.schedules.deliveries(team, limit);
  }

  /** Pauses or resumes one schedule of a course; resuming continues from the next occurrence after now (no burst of old ones). */
  async setPaused(team: CourseRef, kind: ScheduleKind, paused: boolean): Promise<void> {
    const now = this.deps.clock.now();
    await this.deps.schedules.setPaused(team, kind, paused, now);
    if (!paused) {
      const enrollment = await this.deps.enrollmentRepository.find(team);
      if (!enrollment) throw new NotSetUpError();
      const next = await this.nextAfter(kind, enrollment, now);
      await this.deps.schedules.plan(team, kind, next, now);
    }
  }

  /**
   * Queues one send right away, outside the schedule, as a delivery of its own (so the leader sees its state).
   * @remarks Only queues: the outbox worker sends it, paced like every other send. Listeners of {@link onQueued} are told.
   */
  async sendNow(team: CourseRef, kind: DeliveryKind, payload: DeliveryPayload): Promise<void> {
    const now = this.deps.clock.now();
    const what = 'lessonId' in payload && payload.lessonId ? `:${payload.lessonId}` : 'dilemmaId' in payload ? `:dilemma:${payload.dilemmaId}` : '';
    await this.deps.schedules.enqueue(team, kind, { occurrenceKey: `now:${now.toISOString()}${what}`, dueAt: now, status: 'queued', targets: [{ targetKey: 'channel', payload }] }, now);
    for (const listener of this.listeners) listener();
  }

  /**
   * Queues a 1:1 reminder now to every member who has not finished the course, except those already reminded today
   * (in the team's time zone); returns how many were queued.
   * @remarks The once-a-day rule is kept in the data: each person's day is claimed in the transaction that writes their
   * outbox row, so a second click, another leader or another instance queues nothing for them.
   */
  async remindNow(enrollment: Enrollment): Promise<number> {
    const now = this.deps.clock.now();
    const targets = await this.targets('reminder', enrollment);
    if (targets.length === 0) return 0;
    const queued = await this.deps.schedules.enqueueReminders({ tenantId: enrollment.tenantId, teamId: enrollment.teamId, courseId: enrollment.courseId }, { occurrenceKey: `now:${now.toISOString()}`, dueAt: now, status: 'queued', targets }, localDay(now, enrollment.timeZone), now);
    if (queued > 0) for (const listener of this.listeners) listener();
    return queued;
  }

  /** The members who have not read every lesson of the team's course, paged through the roster. */
  notDone(enrollment: Enrollment): Promise<readonly TeamMember[]> {
    return this.membersNotDone(enrollment);
  }

  /**
   * Queues an update of a posted lesson card with the team's read count, unless one is already waiting: however many
   * people read at once, the outbox makes one write per waiting row, paced like every other send.
   */
  async lessonCountChanged(team: CourseRef, lessonId: string): Promise<void> {
    const payload: DeliveryPayload = { kind: 'lessonCount', courseId: team.courseId, lessonId };
    if (await this.deps.schedules.enqueueUnlessWaiting(team, 'lessonCount', { targetKey: `count:${team.courseId}:${lessonId}`, payload }, this.deps.clock.now())) this.announceQueued();
  }

  /** Tells the listeners of {@link onQueued} that something else (a shared reply) was queued to be sent now. */
  announceQueued(): void {
    for (const listener of this.listeners) listener();
  }

  /** Calls `listener` whenever something was queued to be sent now (the background loop then drains at once). */
  onQueued(listener: () => void): void {
    this.listeners.push(listener);
  }

  /**
   * Fires up to `limit` due occurrences; returns how many were due (fired here, or found already fired by another instance).
   * @remarks Several at once (each firing is a handful of reads and one transaction, mostly waiting on the database), and
   * starting at a random place in the list, so instances ticking together mostly fire different schedules instead of
   * all preparing the same one for one of them to win it. `onFired` is called after each firing that queued rows here
   * (the background loop's drain takes them up at once, not after the whole batch has fired).
   */
  async tick(limit = 100, onFired?: () => void): Promise<number> {
    const now = this.deps.clock.now();
    const due = await this.deps.schedules.due(now, limit);
    const start = due.length > 1 ? Math.floor(Math.random() * due.length) : 0;
    const queue = [...due.slice(start), ...due.slice(0, start)];
    await Promise.all(
      Array.from({ length: Math.min(FIRING_CONCURRENCY, queue.length) }, async () => {
        for (let schedule = queue.shift(); schedule; schedule = queue.shift()) {
          try {
            if (await this.fireOne(schedule, now)) onFired?.();
          } catch (error) {
            this.deps.logger.error({ err: error, teamId: schedule.team.teamId, kind: schedule.kind }, 'schedule could not fire');
          }
        }
      }),
    );
    return due.length;
  }

  private async fireOne(schedule: ScheduleState, now: Date): Promise<boolean> {
    const dueAt = schedule.nextAt!;
    const enrollment = await this.deps.enrollmentRepository.find(schedule.team);
    const team = await this.deps.teamRepository.find(schedule.team);
    if (!enrollment || !team) return this.deps.schedules.fire(schedule, dueAt, this.skipped(dueAt, 'notSetUp'), undefined, now);
    if (!(await this.anythingLeft(schedule.kind, enrollment))) return this.deps.schedules.fire(schedule, dueAt, this.skipped(dueAt, 'courseDone'), undefined, now);
    if (schedule.kind === 'reminder' && !(await this.rules(enrollment.tenantId)).reminders) {
      return this.deps.schedules.fire(schedule, dueAt, this.skipped(dueAt, 'remindersOff', `due:${enrollment.dueDate}`), undefined, now);
    }
    const next = await this.nextAfter(schedule.kind, enrollment, dueAt);
    const occurrenceKey = schedule.kind === 'reminder' ? `due:${enrollment.dueDate}` : dueAt.toISOString();
    let firing: Firing;
    if (team.status !== 'active') firing = this.skipped(dueAt, `team${team.status[0]!.toUpperCase()}${team.status.slice(1)}`, occurrenceKey);
    else if (now.getTime() - dueAt.getTime() > this.deps.options.catchUpMs) firing = { occurrenceKey, dueAt, status: 'missed', reason: 'serverDown', targets: [] };
    else firing = { occurrenceKey, dueAt, status: 'queued', targets: await this.targets(schedule.kind, enrollment), ...(schedule.kind === 'reminder' ? { reminderDay: localDay(now, enrollment.timeZone) } : {}) };
    if (firing.status === 'queued' && firing.targets.length === 0) firing = this.skipped(dueAt, 'nothingToSend', occurrenceKey);
    return this.deps.schedules.fire(schedule, dueAt, firing, next, now);
  }

  private skipped(dueAt: Date, reason: string, occurrenceKey = dueAt.toISOString()): Firing {
    return { occurrenceKey, dueAt, status: 'skipped', reason, targets: [] };
  }

  private async targets(kind: ScheduleKind, enrollment: Enrollment): Promise<readonly OutboxTarget[]> {
    // The lesson is chosen now, not when the row is sent, so a "send now" of the same lesson meets this row at the
    // team's post claim and only one of them posts it.
    const { courseId } = enrollment;
    if (kind === 'lesson') return [{ targetKey: 'channel', payload: { kind: 'channelLesson', courseId, lessonId: await this.nextLessonId(enrollment) } }];
    if (kind === 'reflection') {
      const latest = (await this.deps.threads.list(enrollment, enrollment.courseId)).at(-1);
      const lessonId = latest && latest.reflectionActivityId === undefined ? latest.lessonId : undefined;
      return [{ targetKey: 'channel', payload: { kind: 'reflectionRound', courseId, lessonId } }];
    }
    const members = await this.membersNotDone(enrollment);
    return members.map((member) => ({
      targetKey: member.userId,
      payload: { kind: 'reminder', courseId, userId: member.userId, teamsUserId: member.teamsUserId, dueDate: enrollment.dueDate },
    }));
  }

  private async membersNotDone(enrollment: Enrollment): Promise<readonly TeamMember[]> {
    const course = await this.courseOf(enrollment);
    if (!course) return [];
    const ids = lessonIds(course);
    const notDone: TeamMember[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await this.deps.teamRepository.members(enrollment, { after, limit: ROSTER_PAGE });
      for (const member of page) {
        const read = await this.deps.progress.readLessonIds({ tenantId: enrollment.tenantId, userId: member.userId }, enrollment.courseId);
        if (!ids.every((id) => read.has(id))) notDone.push(member);
      }
      if (page.length < ROSTER_PAGE) return notDone;
      after = page.at(-1)!.userId;
    }
  }

  private async nextAfter(kind: ScheduleKind, enrollment: Enrollment, after: Date): Promise<Date | undefined> {
    if (kind === 'planReminder') return undefined;
    const { hours, reminders } = await this.rules(enrollment.tenantId);
    if (kind === 'reminder') {
      const at = reminders ? reminderAt(enrollment, this.deps.options.reminderDays, hours) : undefined;
      return at && at > after ? at : undefined;
    }
    return nextOccurrenceAfter(kind, enrollment, after, hours);
  }

  /** Whether a lesson schedule has lessons left to post, or a reflection schedule has rounds left to start. */
  private async anythingLeft(kind: ScheduleKind, enrollment: Enrollment): Promise<boolean> {
    if (kind === 'reminder') return true;
    if (await this.lessonsLeft(enrollment, enrollment)) return true;
    if (kind === 'lesson') return false;
    return (await this.deps.threads.list(enrollment, enrollment.courseId)).some((thread) => thread.reflectionActivityId === undefined);
  }

  private async nextLessonId(enrollment: Enrollment): Promise<string | undefined> {
    const course = await this.courseOf(enrollment);
    if (!course) return undefined;
    const posted = new Set((await this.deps.threads.list(enrollment, enrollment.courseId)).map((thread) => thread.lessonId));
    return lessonIds(course).find((id) => !posted.has(id));
  }

  /** The enrollment's course as its tenant sees it (a course no longer offered keeps running). */
  private async courseOf(enrollment: Enrollment) {
    return (await this.deps.courses.forTenant(enrollment.tenantId)).known(enrollment.courseId);
  }

  private async lessonsLeft(team: TeamRef, enrollment: Enrollment): Promise<boolean> {
    const course = await this.courseOf(enrollment);
    if (!course) return false;
    const posted = (await this.deps.threads.list(team, enrollment.courseId)).length;
    return posted < lessonIds(course).length;
  }
}

/** The local date of an instant in a time zone, `YYYY-MM-DD`. */
export function localDay(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toISODate() ?? at.toISOString().slice(0, 10);
}
