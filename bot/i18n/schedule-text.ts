import { DateTime } from 'luxon';
import type { Enrollment } from '../core/enrollment.js';
import type { Translator } from './translator.js';

/** The weekday's name in the language (ISO weekday, 1 = Monday), as Intl writes it. */
export function weekdayName(isoWeekday: number, language: string): string {
  return DateTime.fromObject({ weekday: isoWeekday as 1 }, { zone: 'utc' }).setLocale(language).toFormat('cccc');
}

/** A wall-clock time as written in the language: 09.00 in Norwegian, 09:00 in English. */
export function formatTime(time: string, language: string): string {
  return language === 'en' ? time : time.replace(':', '.');
}

/** A calendar date written out in the language, e.g. "2. mars 2026" or "2 March 2026". */
export function formatDate(date: string, language: string): string {
  return DateTime.fromISO(date, { zone: 'utc' }).setLocale(language === 'en' ? 'en-GB' : language).toLocaleString(DateTime.DATE_FULL);
}

/** The lesson rule in words, e.g. "hver mandag kl. 09.00", "annakvar måndag kl. 09.00", "every other Monday at 09:00". */
export function describeLessonSchedule(enrollment: Pick<Enrollment, 'lessonWeekday' | 'lessonTime' | 'intervalWeeks'>, t: Translator): string {
  return t('schedule.lessons', {
    interval: String(Math.min(enrollment.intervalWeeks, 4)),
    weekday: weekdayName(enrollment.lessonWeekday, t.language),
    time: formatTime(enrollment.lessonTime, t.language),
  });
}

/** The reflection rule in words, e.g. "2 dager etter hver leksjon kl. 14.00". */
export function describeReflectionSchedule(enrollment: Pick<Enrollment, 'reflectionDaysAfter' | 'reflectionTime'>, t: Translator): string {
  return t('schedule.reflections', { days: enrollment.reflectionDaysAfter, time: formatTime(enrollment.reflectionTime, t.language) });
}

/** A moment written out for people: "mandag 9. mars kl. 09.00", "Monday 9 March at 09:00". */
export function formatWhen(at: Date, timeZone: string, t: Translator): string {
  const local = DateTime.fromJSDate(at, { zone: timeZone }).setLocale(t.language === 'en' ? 'en-GB' : t.language);
  const date = local.toFormat(t.language === 'en' ? 'cccc d LLLL' : 'cccc d. LLLL');
  return t('datetime.at', { date, time: formatTime(local.toFormat('HH:mm'), t.language) });
}
