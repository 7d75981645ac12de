import type { Dashboard } from '../../core/dashboard-service.js';
import type { HeadCount } from '../../core/disclosure-control.js';
import { asLeaderSees, type DeliveryRecord, type ScheduleState } from '../../core/delivery.js';
import type { Enrollment } from '../../core/enrollment.js';
import { REMINDER_TIME } from '../../core/schedule-rules.js';
import type { Leadership } from '../../core/team-service.js';
import type { TeamChannel } from '../../core/team.js';
import type { MessageKey } from '../../i18n/catalogs/index.js';
import { deliveryReasonText, showsReason } from '../../i18n/delivery-text.js';
import { describeLessonSchedule, describeReflectionSchedule } from '../../i18n/schedule-text.js';
import type { Translator } from '../../i18n/translator.js';
import type { DeliveryView, ScheduleView, TeamDashboard, TeamRole } from '../contracts.js';

/** The course channel's name for confirmations in the tab ("… in the channel Oppvekst"); null when it is unknown. */
export function channelLabel(channel: TeamChannel | undefined, t: Translator): string | null {
  return channel ? channel.name || t('setup.generalChannel') : null;
}

/** The contract's role name for a leadership. */
export function roleOf(leadership: Leadership): TeamRole {
  return leadership === 'none' ? 'member' : leadership;
}

/** A schedule for the tab, its rule in words. */
export function scheduleView(state: ScheduleState, enrollment: Enrollment, reminderDays: number, t: Translator): ScheduleView {
  const description =
    state.kind === 'lesson'
      ? describeLessonSchedule(enrollment, t)
      : state.kind === 'reflection'
        ? describeReflectionSchedule(enrollment, t)
        : t('plan.reminderRule', { days: reminderDays });
  const time = state.kind === 'lesson' ? enrollment.lessonTime : state.kind === 'reflection' ? enrollment.reflectionTime : REMINDER_TIME;
  return { kind: state.kind as ScheduleView['kind'], nextAt: state.nextAt?.toISOString() ?? null, paused: state.paused, time, description };
}

/** A delivery for the tab: its state, and the reason in words when it failed, is retried, was missed or skipped. */
export function deliveryView(record: DeliveryRecord, minGroupSize: number, t: Translator): DeliveryView {
  const delivery = asLeaderSees(record, minGroupSize);
  return {
    id: delivery.id,
    kind: delivery.kind,
    dueAt: delivery.dueAt.toISOString(),
    status: delivery.status,
    reason: showsReason(delivery.status) ? deliveryReasonText(delivery, t) : null,
    targets: delivery.targets,
    sent: delivery.sent,
    failed: delivery.failed,
  };
}

/** The dashboard as the contract shapes it; undefined figures become null. */
export function dashboardView(dashboard: Dashboard, reminderDays: number, t: Translator): TeamDashboard {
  const { enrollment } = dashboard;
  return {
    team: { teamId: dashboard.team.teamId, name: dashboard.team.name },
    viewer: { role: roleOf(dashboard.role) },
    courseId: dashboard.courseId,
    courseTitle: dashboard.courseTitle,
    courseWithdrawn: dashboard.courseWithdrawn,
    courses: dashboard.courses.map((course) => ({ ...course })),
    setUp: enrollment !== undefined,
    minGroupSize: dashboard.minGroupSize,
    members: dashboard.members ?? null,
    tooFewToShow: dashboard.tooFewToShow,
    lessons: dashboard.lessons.map((figures) => ({
      lessonId: figures.lesson.id,
      number: figures.number,
      title: figures.lesson.title,
      posted: figures.posted,
      read: exactOf(figures.read),
      readBand: bandOf(figures.read),
      reflections: exactOf(figures.reflections),
      reflectionsBand: bandOf(figures.reflections),
    })),
    participation: dashboard.weeks.map((week) => ({ weekStart: week.weekStart, lessonsRead: week.lessonsRead ?? null, reflections: week.reflections ?? null })),
    rounds: dashboard.lessons
      .filter((figures) => figures.posted)
      .map((figures) => ({
        lessonId: figures.lesson.id,
        title: figures.lesson.title,
        reflections: exactOf(figures.reflections),
        reflectionsBand: bandOf(figures.reflections),
        shared: figures.shared.map((reply) => ({ authorName: reply.authorName ?? null, answers: [...reply.answers] })),
      })),
    own: { lessonsRead: dashboard.own.lessonsRead, lessonsTotal: dashboard.own.lessonsTotal, reflections: dashboard.own.reflections },
    schedules: dashboard.schedules && enrollment ? dashboard.schedules.map((state) => scheduleView(state, enrollment, reminderDays, t)) : null,
    deliveries: dashboard.deliveries ? dashboard.deliveries.map((delivery) => deliveryView(delivery, dashboard.minGroupSize, t)) : null,
    namedProgress: dashboard.namedProgress ? dashboard.namedProgress.map(({ name, lessonsRead, reflections }) => ({ name, lessonsRead, reflections })) : null,
    namedProgressEnabled: dashboard.namedProgressEnabled,
  };
}

/** The exact count, or null when hidden or given as a band. */
function exactOf(count: HeadCount | undefined): number | null {
  return count && 'exact' in count ? count.exact : null;
}

/** The band, or null when hidden or exact. */
function bandOf(count: HeadCount | undefined): { readonly from: number; readonly to: number } | null {
  return count && 'from' in count ? { from: count.from, to: count.to } : null;
}
