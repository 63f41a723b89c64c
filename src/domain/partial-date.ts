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
