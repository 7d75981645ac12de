import { DateTime } from 'luxon';

/** A local calendar date, `YYYY-MM-DD`. */
type IsoDate = string;

/**
 * Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm, "Meeus/Jones/Butcher").
 * @returns month (1–12) and day.
 */
export function easterSunday(year: number): { readonly month: number; readonly day: number } {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { month, day };
}

const cache = new Map<number, ReadonlySet<IsoDate>>();

/**
 * Norway's public holidays (helligdager and 1 and 17 May) in a year, computed, not listed.
 * @remarks Fixed: 1 January, 1 May, 17 May, 25 and 26 December. Movable, from Easter: Maundy Thursday, Good Friday,
 * Easter Sunday and Monday, Ascension Day (+39), Whit Sunday (+49) and Whit Monday (+50).
 */
export function norwegianHolidays(year: number): ReadonlySet<IsoDate> {
  const known = cache.get(year);
  if (known) return known;
  const easter = DateTime.fromObject({ year, ...easterSunday(year) }, { zone: 'utc' });
  const movable = [-3, -2, 0, 1, 39, 49, 50].map((offset) => easter.plus({ days: offset }).toISODate()!);
  const fixed = ['01-01', '05-01', '05-17', '12-25', '12-26'].map((monthDay) => `${year}-${monthDay}`);
  const holidays = new Set([...fixed, ...movable]);
  cache.set(year, holidays);
  return holidays;
}

/** Monday to Friday, as ISO weekdays. */
export const WORKING_WEEKDAYS: readonly number[] = Object.freeze([1, 2, 3, 4, 5]);

/** True for dates on one of the weekdays (ISO, 1 = Monday; Monday–Friday unless given) that are not Norwegian public holidays. */
export function isWorkingDay(date: IsoDate, weekdays: readonly number[] = WORKING_WEEKDAYS): boolean {
  const day = DateTime.fromISO(date, { zone: 'utc' });
  return weekdays.includes(day.weekday) && !norwegianHolidays(day.year).has(date);
}

/**
 * The hours in which the app may post or remind: `HH:MM`–`HH:MM` local time on working days.
 * @remarks `weekdays` (ISO, 1 = Monday) are the organisation's allowed days, Monday–Friday when absent; never empty.
 */
export type AllowedHours = { readonly start: string; readonly end: string; readonly weekdays?: readonly number[] };

/** Working hours by default: nothing in the evening, at night, at weekends or on public holidays. */
export const DEFAULT_ALLOWED_HOURS: AllowedHours = { start: '08:00', end: '17:00' };

/**
 * The first allowed moment at or after a wall-clock time in a zone.
 * @remarks On a working day inside the hours: unchanged. Before the hours: their start. After them, or on a weekend
 * or holiday: the next working day at the same time, kept inside the hours. Computed on local dates, so a
 * daylight-saving change never shifts or doubles a slot.
 */
export function nextAllowedSlot(local: { readonly date: IsoDate; readonly time: string }, zone: string, hours: AllowedHours = DEFAULT_ALLOWED_HOURS): DateTime {
  const clamp = (time: string): string => (time < hours.start ? hours.start : time);
  let date = DateTime.fromISO(local.date, { zone: 'utc' });
  let time = local.time;
  const weekdays = hours.weekdays && hours.weekdays.length > 0 ? hours.weekdays : WORKING_WEEKDAYS;
  if (isWorkingDay(date.toISODate()!, weekdays) && time >= hours.end) {
    date = date.plus({ days: 1 });
  }
  while (!isWorkingDay(date.toISODate()!, weekdays)) date = date.plus({ days: 1 });
  time = clamp(time >= hours.end ? hours.start : time);
  return atLocal(date.toISODate()!, time, zone);
}

/** The instant of a wall-clock time on a date in a zone; a time skipped by a spring-forward change moves to the first valid minute after it. */
export function atLocal(date: IsoDate, time: string, zone: string): DateTime {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const { year, month, day } = DateTime.fromISO(date, { zone: 'utc' });
  return DateTime.fromObject({ year, month, day, hour, minute }, { zone });
}
