/**
 * Partial ISO dates keep the precision their source gives: `1950` stays a year and never becomes
 * 1 January. For range queries each date also has the first and the last day it can mean, which
 * sort and compare as plain strings.
 */

export type Precision = 'year' | 'month' | 'day';

export const PARTIAL_DATE_PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Why a string is not a partial date, or null when it is one. */
export function partialDateError(value: string): string | null {
  const match = PARTIAL_DATE_PATTERN.exec(value);
  if (!match) return 'expected a date as YYYY, YYYY-MM or YYYY-MM-DD';
  const [, y, m, d] = match;
  const year = Number(y);
  if (m === undefined) return null;
  const month = Number(m);
  if (month < 1 || month > 12) return `month ${m} does not exist`;
  if (d === undefined) return null;
  const day = Number(d);
  if (day < 1 || day > daysInMonth(year, month)) return `${value} is not a day of the calendar`;
  return null;
}

export function precisionOf(value: string): Precision {
  if (value.length === 4) return 'year';
  if (value.length === 7) return 'month';
  return 'day';
}

/** The first day a partial date can mean: `1950` → `1950-01-01`. */
export function firstDay(value: string): string {
  if (value.length === 4) return `${value}-01-01`;
  if (value.length === 7) return `${value}-01`;
  return value;
}

/** The last day a partial date can mean: `1953` → `1953-12-31`, `2024-02` → `2024-02-29`. */
export function lastDay(value: string): string {
  if (value.length === 4) return `${value}-12-31`;
  if (value.length === 7) {
    const [year, month] = value.split('-').map(Number) as [number, number];
    return `${value}-${pad(daysInMonth(year, month))}`;
  }
  return value;
}

/** The longest span, in days, of each span class: a class is the first whose bound holds. */
export const SPAN_CLASS_DAYS = [31, 366, 3660] as const;
/** The class of spans longer than every bound: no lower bound on their start. */
export const LONGEST_SPAN_CLASS = SPAN_CLASS_DAYS.length;

const DAY_MS = 86_400_000;

function dayNumber(isoDay: string): number {
  const [year, month, day] = isoDay.split('-').map(Number) as [number, number, number];
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: the latter reads years 0-99 as 1900-1999.
  date.setUTCFullYear(year, month - 1, day);
  return Math.floor(date.getTime() / DAY_MS);
}

/** The span class of an event from its first to its last day (see the events table). */
export function spanClassOf(firstDay: string, lastDay: string): number {
  const days = dayNumber(lastDay) - dayNumber(firstDay);
  const found = SPAN_CLASS_DAYS.findIndex((bound) => days <= bound);
  return found === -1 ? LONGEST_SPAN_CLASS : found;
}

/** An ISO day moved by a number of days (negative: earlier). */
export function shiftDays(isoDay: string, days: number): string {
  const date = new Date((dayNumber(isoDay) + days) * DAY_MS);
  const year = date.getUTCFullYear();
  const text = `${String(Math.abs(year)).padStart(4, '0')}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  return year < 0 ? `-${text}` : text;
}
