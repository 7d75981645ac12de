import { intlLocale, type Language } from './i18n.js';

/** The time zone every date and time in the tab is shown in. */
export const timeZone = 'Europe/Oslo';

/** Number, date and time formatting for one language, in Europe/Oslo. */
export type Formatters = {
  number(value: number): string;
  percent(fraction: number): string;
  /** A date and time, e.g. "9. mars 2026 kl. 09.00" (Norwegian writes the clock with a full stop). */
  dateTime(iso: string): string;
  /** A calendar date `YYYY-MM-DD`, e.g. "9. mars 2026". */
  date(isoDate: string): string;
  /** A short calendar date, e.g. "9. mar.". */
  shortDate(isoDate: string): string;
};

/** Formatters for the language. */
export function formatters(language: Language): Formatters {
  const locale = intlLocale(language);
  const number = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  const shortDate = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const calendar = (isoDate: string): Date => new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  return {
    number: (value) => number.format(value),
    percent: (fraction) => percent.format(fraction),
    dateTime: (iso) => (language === 'en' ? dateTime.format(new Date(iso)) : norwegianClock(dateTime.formatToParts(new Date(iso)))),
    date: (isoDate) => date.format(calendar(isoDate)),
    shortDate: (isoDate) => shortDate.format(calendar(isoDate)),
  };
}

/** Joins formatted parts, writing the separator between hours and minutes as a full stop, as Norwegian does ("kl. 09.00"). */
function norwegianClock(parts: readonly Intl.DateTimeFormatPart[]): string {
  return parts.map((part, index) => (part.type === 'literal' && parts[index - 1]?.type === 'hour' && parts[index + 1]?.type === 'minute' ? '.' : part.value)).join('');
}

/** The ISO week number of a date `YYYY-MM-DD`. */
export function isoWeek(isoDate: string): number {
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  const day = (date.getUTCDay() + 6) % 7;
  date.setUTCDate(date.getUTCDate() - day + 3);
  const firstThursday = new Date(Date.UTC(date.getUTCFullYear(), 0, 4));
  const firstDay = (firstThursday.getUTCDay() + 6) % 7;
  firstThursday.setUTCDate(firstThursday.getUTCDate() - firstDay + 3);
  return 1 + Math.round((date.getTime() - firstThursday.getTime()) / (7 * 86_400_000));
}
