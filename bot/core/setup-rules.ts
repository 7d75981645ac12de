import { DateTime } from 'luxon';
import type { EnrollmentInput, LocalDate, Weekday } from './enrollment.js';

/** The setup-card fields that can be wrong. */
export type SetupField =
  | 'channelId'
  | 'language'
  | 'startDate'
  | 'dueDate'
  | 'lessonWeekday'
  | 'lessonTime'
  | 'intervalWeeks'
  | 'reflectionDaysAfter'
  | 'reflectionTime';

/** What is wrong with one field of the setup. */
export type SetupProblem = {
  readonly field: SetupField;
  readonly kind: 'missing' | 'invalid' | 'unknownChannel' | 'inPast' | 'beforeStart' | 'requiredWhenMandatory' | 'reflectionBeforeLesson';
};

/** The outcome of checking a setup. */
export type SetupCheck = { readonly ok: true; readonly input: EnrollmentInput } | { readonly ok: false; readonly problems: readonly SetupProblem[] };

/** The weekdays lessons may be set to (ISO, Monday to Friday): nothing is posted at weekends. */
export const LESSON_WEEKDAYS: readonly Weekday[] = [1, 2, 3, 4, 5];

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function text(raw: Readonly<Record<string, unknown>>, field: string): string {
  const value = raw[field];
  return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}

function date(value: string): LocalDate | undefined {
  const parsed = DateTime.fromISO(value, { zone: 'utc' });
  return parsed.isValid && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;
}

function integer(value: string, min: number, max: number): number | undefined {
  if (!/^\d+$/.test(value)) return undefined;
  const n = Number(value);
  return n >= min && n <= max ? n : undefined;
}

/**
 * Checks raw setup-card input against the rules and the team's channels.
 * @remarks Every problem is reported at once, so the card can mark them all; "today" is in the team's time zone.
 */
export function checkSetup(
  raw: Readonly<Record<string, unknown>>,
  context: { readonly channelIds: readonly string[]; readonly languages: readonly string[]; readonly today: LocalDate },
): SetupCheck {
  const problems: SetupProblem[] = [];
  const problem = (field: SetupField, kind: SetupProblem['kind']): undefined => {
    problems.push({ field, kind });
    return undefined;
  };

  const channelId = text(raw, 'channelId');
  if (!channelId) problem('channelId', 'missing');
  else if (!context.channelIds.includes(channelId)) problem('channelId', 'unknownChannel');

  const language = text(raw, 'language');
  if (!context.languages.includes(language)) problem('language', language ? 'invalid' : 'missing');

  const startRaw = text(raw, 'startDate');
  const startDate = startRaw ? (date(startRaw) ?? problem('startDate', 'invalid')) : problem('startDate', 'missing');
  if (startDate && startDate < context.today) problem('startDate', 'inPast');

  const mandatory = text(raw, 'mandatory') === 'true';
  const dueRaw = text(raw, 'dueDate');
  const dueDate = dueRaw ? (date(dueRaw) ?? problem('dueDate', 'invalid')) : mandatory ? problem('dueDate', 'requiredWhenMandatory') : undefined;
  if (dueDate && startDate && dueDate < startDate) problem('dueDate', 'beforeStart');

  const lessonWeekday = integer(text(raw, 'lessonWeekday'), 1, LESSON_WEEKDAYS.length) ?? problem('lessonWeekday', 'invalid');
  const lessonTimeRaw = text(raw, 'lessonTime').slice(0, 5);
  const lessonTime = TIME.test(lessonTimeRaw) ? lessonTimeRaw : problem('lessonTime', lessonTimeRaw ? 'invalid' : 'missing');
  const intervalWeeks = integer(text(raw, 'intervalWeeks'), 1, 4) ?? problem('intervalWeeks', 'invalid');
  const reflectionDaysAfter = integer(text(raw, 'reflectionDaysAfter'), 0, 6) ?? problem('reflectionDaysAfter', 'invalid');
  const reflectionTimeRaw = text(raw, 'reflectionTime').slice(0, 5);
  const reflectionTime = TIME.test(reflectionTimeRaw) ? reflectionTimeRaw : problem('reflectionTime', reflectionTimeRaw ? 'invalid' : 'missing');
  if (reflectionDaysAfter === 0 && lessonTime && reflectionTime && reflectionTime <= lessonTime) problem('reflectionTime', 'reflectionBeforeLesson');

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    input: {
      channelId,
      language,
      startDate: startDate!,
      mandatory,
      dueDate,
      lessonWeekday: lessonWeekday as Weekday,
      lessonTime: lessonTime!,
      intervalWeeks: intervalWeeks!,
      reflectionDaysAfter: reflectionDaysAfter!,
      reflectionTime: reflectionTime!,
    },
  };
}

/** Today's date in the time zone, `YYYY-MM-DD`. */
export function todayIn(timeZone: string, now: Date): LocalDate {
  return DateTime.fromJSDate(now, { zone: timeZone }).toISODate()!;
}
