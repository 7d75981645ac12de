import { DateTime } from 'luxon';
import { nextAllowedSlot, type AllowedHours } from './calendar.js';
import type { Enrollment } from './enrollment.js';

/** Every kind of schedule, in the order they are listed. */
export const scheduleKinds = ['lesson', 'reflection', 'reminder', 'planReminder'] as const;

/** What a schedule delivers. */
export type ScheduleKind = (typeof scheduleKinds)[number];

/** How many days before the due date people who are not done get a reminder. */
export const DEFAULT_REMINDER_DAYS = 3;

/** The local time of day reminders go out (then moved into the allowed hours). */
export const REMINDER_TIME = '10:00';

/** The local date of the n-th lesson (0-based): the first chosen weekday on or after the start, then every N weeks. */
export function lessonDate(enrollment: Pick<Enrollment, 'startDate' | 'lessonWeekday' | 'intervalWeeks'>, n: number): string {
  const start = DateTime.fromISO(enrollment.startDate, { zone: 'utc' });
  const first = start.plus({ days: (enrollment.lessonWeekday - start.weekday + 7) % 7 });
  return first.plus({ weeks: n * enrollment.intervalWeeks }).toISODate()!;
}

/** The planned (unadjusted) wall-clock time of occurrence n of a schedule. */
function planned(kind: 'lesson' | 'reflection', enrollment: Enrollment, n: number): { readonly date: string; readonly time: string } {
  const date = lessonDate(enrollment, n);
  if (kind === 'lesson') return { date, time: enrollment.lessonTime };
  return { date: DateTime.fromISO(date, { zone: 'utc' }).plus({ days: enrollment.reflectionDaysAfter }).toISODate()!, time: enrollment.reflectionTime };
}

/**
 * The first occurrence of a recurring schedule strictly after an instant, moved into the allowed hours.
 * @remarks Occurrences are walked on local dates, so summer and winter time give the same wall-clock time.
 */
export function nextOccurrenceAfter(kind: 'lesson' | 'reflection', enrollment: Enrollment, after: Date, hours?: AllowedHours): Date {
  const afterMillis = after.getTime();
  const start = DateTime.fromISO(enrollment.startDate, { zone: 'utc' });
  const afterLocal = DateTime.fromJSDate(after, { zone: enrollment.timeZone });
  const weeksSinceStart = Math.max(0, Math.floor(afterLocal.diff(start, 'weeks').weeks / enrollment.intervalWeeks) - 2);
  for (let n = weeksSinceStart; ; n += 1) {
    const slot = nextAllowedSlot(planned(kind, enrollment, n), enrollment.timeZone, hours);
    if (slot.toMillis() > afterMillis) return slot.toJSDate();
  }
}

/** When the due-date reminder goes out, or undefined when the course is not mandatory or has no due date. */
export function reminderAt(enrollment: Enrollment, reminderDays: number, hours?: AllowedHours): Date | undefined {
  if (!enrollment.mandatory || !enrollment.dueDate) return undefined;
  const date = DateTime.fromISO(enrollment.dueDate, { zone: 'utc' }).minus({ days: reminderDays }).toISODate()!;
  return nextAllowedSlot({ date, time: REMINDER_TIME }, enrollment.timeZone, hours).toJSDate();
}
