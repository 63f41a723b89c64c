/** Partial dates for the generator: 1500 to a fixed "today", recent years more likely. */
import { int, type Rng } from './random.js';

/** A fixed last day, so that the generated file is the same whenever it is generated. */
export const LAST_YEAR = 2026;
const LAST_MONTH = 11;
export const FIRST_YEAR = 1500;

const pad = (n: number) => String(n).padStart(2, '0');
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

export interface GenDate {
  year: number;
  month: number;
  day: number;
  precision: 'year' | 'month' | 'day';
}

export function format(d: GenDate): string {
  if (d.precision === 'year') return String(d.year);
  if (d.precision === 'month') return `${d.year}-${pad(d.month)}`;
  return `${d.year}-${pad(d.month)}-${pad(d.day)}`;
}

/** A year in FIRST_YEAR..LAST_YEAR, skewed to recent years (density grows linearly). */
export function randomYear(rng: Rng): number {
  const span = LAST_YEAR - FIRST_YEAR + 1;
  return Math.min(LAST_YEAR, FIRST_YEAR + Math.floor(Math.sqrt(rng()) * span));
}

/** A date at mixed precision: a quarter years, a third months, the rest days. */
export function randomDate(rng: Rng): GenDate {
  const year = randomYear(rng);
  const month = int(rng, 1, year === LAST_YEAR ? LAST_MONTH - 1 : 12);
  const day = int(rng, 1, daysIn(year, month));
  const r = rng();
  const precision = r < 0.25 ? 'year' : r < 0.55 ? 'month' : 'day';
  return { year, month, day, precision };
}

/** An end at or after `start`, at the same precision, never after the last day. */
export function endAfter(rng: Rng, start: GenDate): GenDate {
  const base = new Date(Date.UTC(start.year, start.month - 1, start.day));
  if (start.precision === 'year') base.setUTCFullYear(start.year + int(rng, 0, 8));
  else if (start.precision === 'month') base.setUTCMonth(base.getUTCMonth() + int(rng, 0, 30));
  else base.setUTCDate(base.getUTCDate() + int(rng, 0, 400));
  const year = base.getUTCFullYear();
  const month = base.getUTCMonth() + 1;
  // Past the last day: the event ends where it starts.
  if (year > LAST_YEAR || (year === LAST_YEAR && month >= LAST_MONTH)) return { ...start };
  return { year, month, day: base.getUTCDate(), precision: start.precision };
}

export const monthOf = (year: number, month: number) => `${year}-${pad(month)}`;
