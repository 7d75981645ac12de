import type { Dashboard } from '../../core/dashboard-service.js';
import type { DeliveryRecord, ScheduleState } from '../../core/delivery.js';
import type { Enrollment } from '../../core/enrollment.js';
import { REMINDER_TIME } from '../../core/schedule-rules.js';
import type { Leadership } from '../../core/team-service.js';
import type { MessageKey } from '../../i18n/catalogs/index.js';
import { describeLessonSchedule, describeReflectionSchedule } from '../../i18n/schedule-text.js';
import type { Translator } from '../../i18n/translator.js';
import type { DeliveryView, ScheduleView, TeamDashboard, TeamRole } from '../contracts.js';

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

const knownReasons = new Set(['blocked', 'notFound', 'serverDown', 'courseDone', 'nothingToSend', 'notSetUp', 'remindersOff']);

/** A delivery's reason in words. */
export function reasonText(reason: string | undefined, t: Translator): string | null {
  if (!reason) return null;
  const plain = reason.replace(/^gaveUp:/, '');
  if (knownReasons.has(plain)) return t(`delivery.reason.${plain}` as MessageKey);
  if (plain.startsWith('team')) return t('delivery.reason.teamInactive');
  return t('delivery.reason.other', { detail: plain });
}

/** A delivery for the tab. */
export function deliveryView(delivery: DeliveryRecord, minGroupSize: number, t: Translator): DeliveryView {
  // Reminders go to individuals: for a small group, counts and reasons would point at people.
  if (delivery.kind === 'reminder' && delivery.targets < minGroupSize) {
    return { id: delivery.id, kind: delivery.kind, dueAt: delivery.dueAt.toISOString(), status: delivery.status === 'failed' ? 'sent' : delivery.status, reason: null, targets: 0, sent: 0, failed: 0 };
  }
  return {
    id: delivery.id,
    kind: delivery.kind,
    dueAt: delivery.dueAt.toISOString(),
    status: delivery.status,
    reason: delivery.status === 'sent' || delivery.status === 'queued' ? null : reasonText(delivery.reason, t),
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
    courseTitle: dashboard.courseTitle,
    setUp: enrollment !== undefined,
    minGroupSize: dashboard.minGroupSize,
    members: dashboard.members ?? null,
    tooFewToShow: dashboard.tooFewToShow,
    lessons: dashboard.lessons.map((figures) => ({
      lessonId: figures.lesson.id,
      number: figures.number,
      title: figures.lesson.title,
      posted: figures.posted,
      read: figures.read ?? null,
      reflections: figures.reflections ?? null,
    })),
    participation: dashboard.weeks.map((week) => ({ weekStart: week.weekStart, lessonsRead: week.lessonsRead ?? null, reflections: week.reflections ?? null })),
    rounds: dashboard.lessons
      .filter((figures) => figures.posted)
      .map((figures) => ({
        lessonId: figures.lesson.id,
        title: figures.lesson.title,
        reflections: figures.reflections ?? null,
        shared: figures.shared.map((reply) => ({ authorName: reply.authorName ?? null, answers: [...reply.answers] })),
      })),
    own: { lessonsRead: dashboard.own.lessonsRead, lessonsTotal: dashboard.own.lessonsTotal, reflections: dashboard.own.reflections },
    schedules: dashboard.schedules && enrollment ? dashboard.schedules.map((state) => scheduleView(state, enrollment, reminderDays, t)) : null,
    deliveries: dashboard.deliveries ? dashboard.deliveries.map((delivery) => deliveryView(delivery, dashboard.minGroupSize, t)) : null,
    namedProgress: dashboard.namedProgress ? dashboard.namedProgress.map(({ name, lessonsRead, reflections }) => ({ name, lessonsRead, reflections })) : null,
    namedProgressEnabled: dashboard.namedProgressEnabled,
  };
}
