import { asLeaderSees, type DeliveryRecord, type ScheduleState } from '../../bot/core/delivery.js';
import type { Enrollment } from '../../bot/core/enrollment.js';
import { deliveryReasonText, showsReason } from '../../bot/i18n/delivery-text.js';
import type { Translator } from '../../bot/i18n/translator.js';
import type { AdaptiveCard, ExecuteButton } from '../models.js';
import { renderCard } from '../render.js';
import { verbs } from '../verbs.js';
import { describeLessonSchedule, describeReflectionSchedule, formatTime, formatWhen } from '../../bot/i18n/schedule-text.js';

/** One delivery as a line: when, what, its state, and the reason in words when it failed, is retried, missed or skipped. */
function deliveryLine(record: DeliveryRecord, timeZone: string, minGroupSize: number, t: Translator): string {
  const delivery = asLeaderSees(record, minGroupSize);
  const status = t(`delivery.status.${delivery.status}`, { reason: showsReason(delivery.status) ? deliveryReasonText(delivery, t) : '' });
  const values = { when: formatWhen(delivery.dueAt, timeZone, t), kind: t(`delivery.kind.${delivery.kind}`), status, sent: delivery.sent, targets: delivery.targets };
  return delivery.kind === 'reminder' && delivery.targets > 0 ? t('plan.lineCount', values) : t('plan.line', values);
}

/** The leader's view of the schedule: rules in words, when each fires next, recent deliveries, and the controls. */
export function planCard(
  input: {
    readonly enrollment: Enrollment;
    readonly states: readonly ScheduleState[];
    readonly recent: readonly DeliveryRecord[];
    readonly reminderDays: number;
    readonly hours: { readonly start: string; readonly end: string };
    readonly minGroupSize: number;
  },
  t: Translator,
): AdaptiveCard {
  const { enrollment } = input;
  const state = (kind: ScheduleState['kind']) => input.states.find((s) => s.kind === kind);
  const status = (kind: ScheduleState['kind']): string => {
    const s = state(kind);
    if (s?.paused) return t('plan.paused');
    if (!s?.nextAt) return t('plan.finished');
    return t('plan.next', { when: formatWhen(s.nextAt, enrollment.timeZone, t) });
  };
  const { teamId, courseId } = enrollment;
  const toggle = (kind: 'lesson' | 'reflection'): ExecuteButton =>
    state(kind)?.paused
      ? { label: t(`action.resume.${kind}`), verb: verbs.scheduleResume, data: { teamId, courseId, kind } }
      : { label: t(`action.pause.${kind}`), verb: verbs.schedulePause, data: { teamId, courseId, kind } };
  return renderCard('plan', {
    title: t('plan.title'),
    facts: [
      { title: t('plan.lessons'), value: `${describeLessonSchedule(enrollment, t)}; ${status('lesson')}` },
      { title: t('plan.reflections'), value: `${describeReflectionSchedule(enrollment, t)}; ${status('reflection')}` },
      {
        title: t('plan.reminder'),
        value: enrollment.mandatory && enrollment.dueDate ? `${t('plan.reminderRule', { days: input.reminderDays })}; ${status('reminder')}` : t('plan.noReminder'),
      },
    ],
    hoursNote: t('plan.allowedHours', { start: formatTime(input.hours.start, t.language), end: formatTime(input.hours.end, t.language) }),
    recentTitle: t('plan.recent'),
    recent: input.recent.length > 0 ? input.recent.map((delivery) => ({ text: deliveryLine(delivery, enrollment.timeZone, input.minGroupSize, t) })) : [{ text: t('plan.none') }],
    executes: [
      toggle('lesson'),
      toggle('reflection'),
      { label: t('action.postLesson'), verb: verbs.lessonPost, data: { teamId, courseId } },
      { label: t('action.startRound'), verb: verbs.roundStart, data: { teamId, courseId } },
      { label: t('action.changeSetup'), verb: verbs.setupOpen, data: { teamId, courseId } },
    ],
  });
}
