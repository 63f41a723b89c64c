/**
 * List filters as data: each names the query parameter it reads and how it narrows the rows, and
 * `filterConditions` compiles the ones a query gives into parameterized drizzle conditions. A
 * list declares its filters once; another list over the same rows (the timeline's events, the
 * events' facets) reuses the declaration instead of repeating it.
 *
 * `eq` and `inSubtree` take one value or several (a `valuesParam`, `type=war,fair`): several
 * match any of them. `listFilters` splits the first `eq` given several values into one part per
 * value, so that each part is one ordered range of an index and runList merges them, rather than
 * an `IN` that SQLite reads range by range and then sorts whole.
 */
import { type AnyColumn, eq, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import { firstDay, lastDay } from '../domain/partial-date.js';
import { subtreeOf, type Tree } from './subtree.js';

type Operand = AnyColumn | SQL;

/** One value or several, as a filter's parameter gives them. */
export type OneOrMany = string | readonly string[];

const valuesOf = (value: OneOrMany): string[] => (typeof value === 'string' ? [value] : [...value]);

/** `column` equal to the value, or to any of the values. */
export function anyOf(column: Operand, value: OneOrMany): SQL {
  const values = valuesOf(value);
  return values.length === 1
    ? eq(column as AnyColumn, values[0])
    : inArray(column as AnyColumn, values);
}

/**
 * How a filter narrows, for a parameter `P` whose value is a `V`:
 * - `eq`: `column = value`;
 * - `overlapsFrom`: a span reaching the partial date `value` or later: its last day (`column`)
 *   is on or after the date's first;
 * - `overlapsTo`: a span starting on or before the partial date `value`: its first day
 *   (`column`) is on or before the date's last;
 * - `sinceYearOf`: `column` on or after 1 January two years before the year of `value`: for the
 *   spans of one partial date (a statement's date, an arrival), which reach at most three years
 *   (`2022~` is 2021 to 2023), a first bound that lets an index on their start narrow;
 * - `inSubtree`: `column` is the row `value` of `tree` or any row under it;
 * - `where`: anything else, written out.
 */
type FilterOn<P extends string, V> = { param: P } & (
  | { op: 'eq' | 'overlapsFrom' | 'overlapsTo' | 'sinceYearOf'; column: Operand }
  | { op: 'inSubtree'; column: Operand; tree: Tree }
  | { op: 'where'; where: (value: V) => SQL | undefined }
);

/** A filter of a list whose query is `Q`: on one of its parameters. */
export type Filter<Q> = {
  [P in keyof Q & string]-?: FilterOn<P, Exclude<Q[P], undefined>>;
}[keyof Q & string];

/** drizzle compares a column and an SQL expression alike, but its overloads take one or the other. */
const operand = (column: Operand) => column as AnyColumn;

/** 1 January two years before the first day a partial date can mean (0000-01-01 at the least). */
function sinceTwoYearsBefore(date: string): string {
  const year = Math.max(0, Number(firstDay(date).slice(0, 4)) - 2);
  return `${String(year).padStart(4, '0')}-01-01`;
}

function conditionOf<Q>(filter: Filter<Q>, value: unknown): SQL | undefined {
  switch (filter.op) {
    case 'eq':
      return anyOf(filter.column, value as OneOrMany);
    case 'overlapsFrom':
      return gte(operand(filter.column), firstDay(value as string));
    case 'overlapsTo':
      return lte(operand(filter.column), lastDay(value as string));
    case 'sinceYearOf':
      return gte(operand(filter.column), sinceTwoYearsBefore(value as string));
    case 'inSubtree':
      return sql`${filter.column} in ${subtreeOf(filter.tree, value as OneOrMany)}`;
    case 'where':
      return (filter.where as (value: unknown) => SQL | undefined)(value);
  }
}

const given = (value: unknown) => value !== undefined && value !== null && value !== '';

/** The conditions of the filters `query` gives a value (an empty string gives none). */
export function filterConditions<Q>(filters: readonly Filter<Q>[], query: Partial<Q>): SQL[] {
  return filters.flatMap((filter) => {
    const value: unknown = query[filter.param as keyof Q];
    if (!given(value)) return [];
    const condition = conditionOf(filter, value);
    return condition ? [condition] : [];
  });
}

/**
 * A list's filters as runList takes them: the conditions, and, when an `eq` filter is given
 * several values, `alternatives`: one condition per value, disjoint, each an index range in the
 * list's order (the first such filter only; the others stay `IN`).
 */
export function listFilters<Q>(
  filters: readonly Filter<Q>[],
  query: Partial<Q>,
): { filters: SQL[]; alternatives?: SQL[] } {
  const split = filters.find((filter) => {
    const value: unknown = query[filter.param as keyof Q];
    return filter.op === 'eq' && Array.isArray(value) && value.length > 1;
  });
  if (split?.op !== 'eq') return { filters: filterConditions(filters, query) };
  const values = query[split.param as keyof Q] as readonly string[];
  return {
    filters: filterConditions(
      filters.filter((filter) => filter !== split),
      query,
    ),
    alternatives: values.map((value) => eq(operand(split.column), value)),
  };
}
