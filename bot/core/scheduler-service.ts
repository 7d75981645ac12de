import type { AllowedHours } from './calendar.js';
import { lessonIds, type CourseCatalog, type TenantCourses } from './course.js';
import type { DeliveryKind, DeliveryPayload, DeliveryRecord, Firing, OutboxTarget, ScheduledFiring, ScheduleState } from './delivery.js';
import type { Enrollment } from './enrollment.js';
import { DateTime } from 'luxon';
import { NotSetUpError } from './errors.js';
import type { Clock, EnrollmentRepository, LessonThreadRepository, Logger, ProgressRepository, ScheduleRepository, TeamRepository } from './ports.js';
import type { LessonThread } from './lesson-thread.js';
import { nextOccurrenceAfter, reminderAt, type ScheduleKind } from './schedule-rules.js';
import type { CourseRef, Team, TeamMember, TeamRef } from './team.js';
import { hoursOf, type TenantSettingsSource } from './tenant-settings.js';

/** Options that shape every team's schedules. */
export type SchedulerOptions = {
  /** A firing later than this after its time is marked missed instead of sent. */
  readonly catchUpMs: number;
  readonly reminderDays: number;
  readonly hours?: AllowedHours;
};

/** Due schedules prepared at once within a tick (a reminder's preparation reads its team's roster and progress). */
const PREPARE_CONCURRENCY = 8;

/** Firings recorded in one transaction at most: schedules, and outbox rows (a tenant's firings stay together where they fit). */
const FIRE_GROUP_SCHEDULES = 100;
const FIRE_GROUP_ROWS = 2_000;

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
    const targets = reminderTargets(enrollment, await this.membersNotDone(enrollment));
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
   * @remarks Set-based: what the firings need is read for the whole batch in a few statements (setups, teams, threads,
   * each tenant's settings once, each reminder team's roster and progress a page at a time), and the firings are
   * written a group of tenants per transaction ({@link ScheduleRepository.fireMany}), the tenants in a random order so
   * instances ticking together mostly write different ones instead of all preparing the same one for one of them to
   * win it. `onFired` is called after each transaction that recorded a firing here (the background loop's drain takes
   * those tenants up at once, not after the whole batch).
   */
  async tick(limit = 100, onFired?: () => void): Promise<number> {
    const now = this.deps.clock.now();
    const due = await this.deps.schedules.due(now, limit);
    if (due.length === 0) return 0;
    const prepared = await this.prepare(due, now);
    const byTenant = new Map<string, ScheduledFiring[]>();
    for (const one of prepared) if (one) byTenant.set(one.schedule.team.tenantId, [...(byTenant.get(one.schedule.team.tenantId) ?? []), one]);
    const tenants = [...byTenant.values()];
    const start = tenants.length > 1 ? Math.floor(Math.random() * tenants.length) : 0;
    const groups: ScheduledFiring[][] = [];
    let rows = 0;
    for (const tenant of [...tenants.slice(start), ...tenants.slice(0, start)]) {
      const tenantRows = tenant.reduce((sum, one) => sum + one.firing.targets.length, 0);
      const last = groups.at(-1);
      if (last && last.length + tenant.length <= FIRE_GROUP_SCHEDULES && rows + tenantRows <= FIRE_GROUP_ROWS) {
        last.push(...tenant);
        rows += tenantRows;
      } else {
        groups.push([...tenant]);
        rows = tenantRows;
      }
    }
    for (const group of groups) await this.fireGroup(group, now, onFired);
    return due.length;
  }

  /** Records a group of firings in one transaction; if that fails, each on its own, so one bad firing does not hold the others. */
  private async fireGroup(group: readonly ScheduledFiring[], now: Date, onFired: (() => void) | undefined): Promise<void> {
    try {
      if ((await this.deps.schedules.fireMany(group, now)).some(Boolean)) onFired?.();
      return;
    } catch (error) {
      if (group.length === 1) {
        this.logFailure(error, group[0]!.schedule);
        return;
      }
    }
    for (const one of group) {
      try {
        if (await this.deps.schedules.fire(one.schedule, one.expectedAt, one.firing, one.nextAt, now)) onFired?.();
      } catch (error) {
        this.logFailure(error, one.schedule);
      }
    }
  }

  private logFailure(error: unknown, schedule: ScheduleState): void {
    this.deps.logger.error({ err: error, teamId: schedule.team.teamId, kind: schedule.kind }, 'schedule could not fire');
  }

  /** What each due schedule fires, read for the whole batch at once; undefined where that failed (logged). */
  private async prepare(due: readonly ScheduleState[], now: Date): Promise<readonly (ScheduledFiring | undefined)[]> {
    const refs = due.map((schedule) => schedule.team);
    const [enrollments, teams] = await Promise.all([this.deps.enrollmentRepository.findMany(refs), this.deps.teamRepository.findMany(refs)]);
    const tenants = new Map<string, Promise<TenantView>>();
    const tenantView = (tenantId: string): Promise<TenantView> => {
      let view = tenants.get(tenantId);
      if (!view) {
        view = Promise.all([this.rules(tenantId), this.deps.courses.forTenant(tenantId)]).then(([rules, courses]) => ({ ...rules, courses }));
        tenants.set(tenantId, view);
      }
      return view;
    };
    // Threads are read for lessons and rounds only (a reminder needs none).
    const threadIndexes = due.flatMap((schedule, index) => (schedule.kind !== 'reminder' && enrollments[index] && teams[index] ? [index] : []));
    const threadLists = await this.deps.threads.listMany(threadIndexes.map((index) => due[index]!.team));
    const threads = new Map(threadIndexes.map((index, at) => [index, threadLists[at]!] as const));
    const indexes = due.map((_, index) => index);
    return mapConcurrently(indexes, PREPARE_CONCURRENCY, async (index) => {
      const schedule = due[index]!;
      try {
        const enrollment = enrollments[index];
        const team = teams[index];
        return await this.prepareOne(schedule, enrollment && team ? { enrollment, team, tenant: await tenantView(schedule.team.tenantId), threads: threads.get(index) ?? [] } : undefined, now);
      } catch (error) {
        this.logFailure(error, schedule);
        return undefined;
      }
    });
  }

  /** What one due schedule fires, from what {@link prepare} read (undefined: its setup or team is gone). */
  private async prepareOne(
    schedule: ScheduleState,
    found: { readonly enrollment: Enrollment; readonly team: Team; readonly tenant: TenantView; readonly threads: readonly LessonThread[] } | undefined,
    now: Date,
  ): Promise<ScheduledFiring> {
    const dueAt = schedule.nextAt!;
    const fired = (firing: Firing, nextAt?: Date): ScheduledFiring => ({ schedule, expectedAt: dueAt, firing, nextAt });
    if (!found) return fired(this.skipped(dueAt, 'notSetUp'));
    const { enrollment, team, tenant, threads } = found;
    const course = tenant.courses.known(enrollment.courseId);
    const lessons = course ? lessonIds(course) : [];
    const lessonsLeft = course !== undefined && threads.length < lessons.length;
    const anythingLeft = schedule.kind === 'reminder' || lessonsLeft || (schedule.kind !== 'lesson' && threads.some((thread) => thread.reflectionActivityId === undefined));
    if (!anythingLeft) return fired(this.skipped(dueAt, 'courseDone'));
    if (schedule.kind === 'reminder' && !tenant.reminders) return fired(this.skipped(dueAt, 'remindersOff', `due:${enrollment.dueDate}`));
    const next = this.nextFrom(schedule.kind, enrollment, dueAt, tenant);
    const occurrenceKey = schedule.kind === 'reminder' ? `due:${enrollment.dueDate}` : dueAt.toISOString();
    if (team.status !== 'active') return fired(this.skipped(dueAt, `team${team.status[0]!.toUpperCase()}${team.status.slice(1)}`, occurrenceKey), next);
    if (now.getTime() - dueAt.getTime() > this.deps.options.catchUpMs) return fired({ occurrenceKey, dueAt, status: 'missed', reason: 'serverDown', targets: [] }, next);
    const { courseId } = enrollment;
    let targets: readonly OutboxTarget[];
    if (schedule.kind === 'lesson') {
      // The lesson is chosen now, not when the row is sent, so a "send now" of the same lesson meets this row at the
      // team's post claim and only one of them posts it.
      const posted = new Set(threads.map((thread) => thread.lessonId));
      targets = [{ targetKey: 'channel', payload: { kind: 'channelLesson', courseId, lessonId: lessons.find((id) => !posted.has(id)) } }];
    } else if (schedule.kind === 'reflection') {
      const latest = threads.at(-1);
      targets = [{ targetKey: 'channel', payload: { kind: 'reflectionRound', courseId, lessonId: latest && latest.reflectionActivityId === undefined ? latest.lessonId : undefined } }];
    } else {
      targets = reminderTargets(enrollment, course ? await this.membersNotDoneOf(enrollment, lessons) : []);
    }
    if (targets.length === 0) return fired(this.skipped(dueAt, 'nothingToSend', occurrenceKey), next);
    return fired({ occurrenceKey, dueAt, status: 'queued', targets, ...(schedule.kind === 'reminder' ? { reminderDay: localDay(now, enrollment.timeZone) } : {}) }, next);
  }

  private skipped(dueAt: Date, reason: string, occurrenceKey = dueAt.toISOString()): Firing {
    return { occurrenceKey, dueAt, status: 'skipped', reason, targets: [] };
  }

  private async membersNotDone(enrollment: Enrollment): Promise<readonly TeamMember[]> {
    const course = await this.courseOf(enrollment);
    return course ? this.membersNotDoneOf(enrollment, lessonIds(course)) : [];
  }

  /** The members who have not read every one of `lessons`: the roster and its progress a page at a time. */
  private async membersNotDoneOf(enrollment: Enrollment, lessons: readonly string[]): Promise<readonly TeamMember[]> {
    const notDone: TeamMember[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await this.deps.teamRepository.members(enrollment, { after, limit: ROSTER_PAGE });
      const read = page.length > 0 ? await this.deps.progress.readLessonIdsOf(enrollment.tenantId, page.map((member) => member.userId), enrollment.courseId) : new Map<string, ReadonlySet<string>>();
      for (const member of page) {
        const done = read.get(member.userId);
        if (!lessons.every((id) => done?.has(id))) notDone.push(member);
      }
      if (page.length < ROSTER_PAGE) return notDone;
      after = page.at(-1)!.userId;
    }
  }

  /** When a schedule fires next after `after`, with the tenant's rules already read. */
  private nextFrom(kind: ScheduleKind, enrollment: Enrollment, after: Date, rules: { readonly hours: AllowedHours | undefined; readonly reminders: boolean }): Date | undefined {
    if (kind === 'planReminder') return undefined;
    if (kind === 'reminder') {
      const at = rules.reminders ? reminderAt(enrollment, this.deps.options.reminderDays, rules.hours) : undefined;
      return at && at > after ? at : undefined;
    }
    return nextOccurrenceAfter(kind, enrollment, after, rules.hours);
  }

  private async nextAfter(kind: ScheduleKind, enrollment: Enrollment, after: Date): Promise<Date | undefined> {
    return this.nextFrom(kind, enrollment, after, await this.rules(enrollment.tenantId));
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

/** A tenant's rules and courses, read once per tick. */
type TenantView = { readonly hours: AllowedHours | undefined; readonly reminders: boolean; readonly courses: TenantCourses };

/** One 1:1 reminder per member. */
function reminderTargets(enrollment: Enrollment, members: readonly TeamMember[]): readonly OutboxTarget[] {
  return members.map((member) => ({
    targetKey: member.userId,
    payload: { kind: 'reminder', courseId: enrollment.courseId, userId: member.userId, teamsUserId: member.teamsUserId, dueDate: enrollment.dueDate },
  }));
}

/** Runs `work` over the items with at most `concurrency` at once; the results in the items' order. */
async function mapConcurrently<T, R>(items: readonly T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      for (let index = next++; index < items.length; index = next++) results[index] = await work(items[index]!);
    }),
  );
  return results;
}

/** The local date of an instant in a time zone, `YYYY-MM-DD`. */
export function localDay(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toISODate() ?? at.toISOString().slice(0, 10);
}
