/**
 * Partial ISO dates keep the precision their source gives: `1950` stays a year and never becomes
 * 1 January, `2023-W30` stays a week ("this week"). An EDTF qualifier may follow: `~`
 * approximate ("around 1950"), `?` uncertain ("1950, perhaps"), `%` both. For range queries each
 * date also has the first and the last day it can mean, which sort and compare as plain strings.
 * A qualified date can mean one more unit of its precision on each side: `1950~` is any day of
 * 1949 to 1951, `2023-07-25?` any of 24 to 26 July.
 */

export type Precision = 'year' | 'month' | 'week' | 'day';
export type Qualifier = 'approximate' | 'uncertain' | 'uncertain_approximate';

/** YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Www (ISO week), then at most one of `~`, `?`, `%`. */
export const PARTIAL_DATE_PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W(\d{2}))?([~?%])?$/;
export const PARTIAL_DATE_FORMS = 'YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Www, with ~, ? or % after';
/** The longest partial date: `2023-07-25~`. */
export const PARTIAL_DATE_MAX = 11;

const QUALIFIERS: Record<string, Qualifier> = {
  '~': 'approximate',
  '?': 'uncertain',
  '%': 'uncertain_approximate',
};

function daysInMonth(year: number, month: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

const DAY_MS = 86_400_000;
/** How many dates (and days) the memos below keep before they start again. */
const SPANS_KEPT = 4096;

/** Day numbers already computed, by day (spanClassOf asks for two on every event row). */
const dayNumbers = new Map<string, number>();

function dayNumber(isoDay: string): number {
  const known = dayNumbers.get(isoDay);
  if (known !== undefined) return known;
  const [year, month, day] = isoDay.split('-').map(Number) as [number, number, number];
  const number = dayNumberOf(year, month, day);
  if (dayNumbers.size >= SPANS_KEPT) dayNumbers.clear();
  dayNumbers.set(isoDay, number);
  return number;
}

function dayNumberOf(year: number, month: number, day: number): number {
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: the latter reads years 0-99 as 1900-1999.
  date.setUTCFullYear(year, month - 1, day);
  return Math.floor(date.getTime() / DAY_MS);
}

function isoDayOf(dayNumber: number): string {
  const date = new Date(dayNumber * DAY_MS);
  const year = date.getUTCFullYear();
  const text = `${String(Math.abs(year)).padStart(4, '0')}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  return year < 0 ? `-${text}` : text;
}

/** The Monday of week 1 of an ISO week-numbering year: the week that holds 4 January. */
function firstMondayOf(year: number): number {
  const january4 = dayNumberOf(year, 1, 4);
  // Day 0 (1970-01-01) was a Thursday: (n + 3) mod 7 is 0 on Mondays.
  return january4 - ((((january4 + 3) % 7) + 7) % 7);
}

/** How many weeks an ISO year has: 53 when it starts on a Thursday (or a Wednesday, leap). */
export function weeksInYear(year: number): number {
  return (firstMondayOf(year + 1) - firstMondayOf(year)) / 7;
}

interface Parsed {
  year: number;
  month?: number;
  day?: number;
  week?: number;
  qualifier?: Qualifier;
}

function parse(value: string): Parsed | null {
  const match = PARTIAL_DATE_PATTERN.exec(value);
  if (!match) return null;
  const [, y, m, d, w, q] = match;
  return {
    year: Number(y),
    ...(m === undefined ? {} : { month: Number(m) }),
    ...(d === undefined ? {} : { day: Number(d) }),
    ...(w === undefined ? {} : { week: Number(w) }),
    ...(q === undefined ? {} : { qualifier: QUALIFIERS[q] }),
  };
}

/** Why a string is not a partial date, or null when it is one. */
export function partialDateError(value: string): string | null {
  const date = parse(value);
  if (!date) return `expected a date as ${PARTIAL_DATE_FORMS}`;
  const { year, month, day, week } = date;
  if (week !== undefined && (week < 1 || week > weeksInYear(year))) {
    return `${year} has no week ${pad(week)} (ISO weeks 01 to ${weeksInYear(year)})`;
  }
  if (month === undefined) return null;
  if (month < 1 || month > 12) return `month ${pad(month)} does not exist`;
  if (day === undefined) return null;
  if (day < 1 || day > daysInMonth(year, month)) return `${value} is not a day of the calendar`;
  return null;
}

/** The date without its qualifier: `1950~` → `1950`. */
export function unqualified(value: string): string {
  return value.replace(/[~?%]$/, '');
}

export function precisionOf(value: string): Precision {
  const date = unqualified(value);
  if (date.length === 4) return 'year';
  if (date.length === 7) return 'month';
  if (date.length === 8) return 'week';
  return 'day';
}

/** The EDTF qualifier of a date, or null: `1950~` → `approximate`. */
export function qualifierOf(value: string): Qualifier | null {
  return QUALIFIERS[value.at(-1) ?? ''] ?? null;
}

/** The first and last day numbers a date means as written, without its qualifier. */
function daysOf(date: Parsed): [number, number] {
  const { year, month, day, week } = date;
  if (week !== undefined) {
    const monday = firstMondayOf(year) + (week - 1) * 7;
    return [monday, monday + 6];
  }
  if (month === undefined) return [dayNumberOf(year, 1, 1), dayNumberOf(year, 12, 31)];
  if (day === undefined) {
    return [dayNumberOf(year, month, 1), dayNumberOf(year, month, daysInMonth(year, month))];
  }
  const n = dayNumberOf(year, month, day);
  return [n, n];
}

/** The unit before and after a date of this precision, for a qualified date's wider span. */
function widened(date: Parsed): [number, number] {
  const { year, month, day, week } = date;
  const [first, last] = daysOf(date);
  if (week !== undefined) return [first - 7, last + 7];
  if (day !== undefined) return [first - 1, last + 1];
  if (month === undefined) {
    return [daysOf({ year: year - 1 })[0], daysOf({ year: year + 1 })[1]];
  }
  const before = month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 };
  const after = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
  return [daysOf(before)[0], daysOf(after)[1]];
}

// Days compare as strings: keep them within four-digit years.
const EARLIEST = dayNumberOf(0, 1, 1);
const LATEST = dayNumberOf(9999, 12, 31);

/**
 * Spans already computed, by date: an event's row asks for its dates' first and last days six
 * times, and an import of 100k events spent 1.5 s in spanOf (1.1 s of it parsing and converting
 * again what it had just converted). Emptied when full rather than kept in order: dates repeat
 * within a record and among neighbours, and a miss only costs the computation.
 */
const spans = new Map<string, readonly [string, string]>();

function spanOf(value: string): readonly [string, string] {
  const known = spans.get(value);
  if (known) return known;
  const date = parse(value);
  let span: readonly [string, string] = [value, value];
  if (date) {
    const [first, last] = date.qualifier ? widened(date) : daysOf(date);
    span = [isoDayOf(Math.max(first, EARLIEST)), isoDayOf(Math.min(last, LATEST))];
  }
  if (spans.size >= SPANS_KEPT) spans.clear();
  spans.set(value, span);
  return span;
}

/**
 * The first day a partial date can mean: `1950` → `1950-01-01`, `2023-W30` → `2023-07-24` (the
 * week's Monday), `1950~` → `1949-01-01` (a qualified date reaches one unit further).
 */
export function firstDay(value: string): string {
  return spanOf(value)[0];
}

/**
 * The last day a partial date can mean: `1953` → `1953-12-31`, `2024-02` → `2024-02-29`,
 * `2023-W30` → `2023-07-30` (the week's Sunday), `2023-07-25?` → `2023-07-26`.
 */
export function lastDay(value: string): string {
  return spanOf(value)[1];
}

/** A date range as days: the first day its `from` can mean, the last day its `to` can mean. */
export interface DayRange {
  first?: string;
  last?: string;
}

export function dayRangeOf(from: string | undefined, to: string | undefined): DayRange {
  return { ...(from ? { first: firstDay(from) } : {}), ...(to ? { last: lastDay(to) } : {}) };
}

/**
 * Whether a span from `start` to `end` (`start` alone when `end` is null) surely overlaps a range,
 * whatever days its dates turn out to mean: it starts by the range's last day even if it started
 * on the last day `start` can mean, and ends on or after the range's first day even if it ended
 * on the first day `end` can mean. A span that overlaps the range otherwise (its earliest start
 * by the range's end, its latest end from the range's start) overlaps it only possibly: "this
 * week" (`2023-W30`) on Friday 28 July, the Korean War (`1950` to `1953`) in March 1950.
 */
export function surelyOverlaps(start: string, end: string | null, range: DayRange): boolean {
  return (
    (range.last === undefined || lastDay(start) <= range.last) &&
    (range.first === undefined || firstDay(end ?? start) >= range.first)
  );
}

/** The longest span, in days, of each span class: a class is the first whose bound holds. */
export const SPAN_CLASS_DAYS = [31, 366, 3660] as const;
/** The class of spans longer than every bound: no lower bound on their start. */
export const LONGEST_SPAN_CLASS = SPAN_CLASS_DAYS.length;

/** The span class of an event from its first to its last day (see the events table). */
export function spanClassOf(firstDay: string, lastDay: string): number {
  const days = dayNumber(lastDay) - dayNumber(firstDay);
  const found = SPAN_CLASS_DAYS.findIndex((bound) => days <= bound);
  return found === -1 ? LONGEST_SPAN_CLASS : found;
}

/** An ISO day moved by a number of days (negative: earlier). */
export function shiftDays(isoDay: string, days: number): string {
  return isoDayOf(dayNumber(isoDay) + days);
}
