/**
 * How every list runs: its filters, `q` ranked through the full-text index, `sort` (with `-` for
 * descending), the keyset cursor under that sort, and `count`. A resource gives its query (the
 * columns and joins it answers with) and its filters; the rest is the same for all.
 */
import { type AnyColumn, and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/database.js';
import { jsonList } from '../../db/prepared.js';
import type { SearchKind } from '../../db/tables/search.js';
import { problems } from '../../http/errors.js';
import { rankedMatches } from '../../search/ranking.js';
import { cursorScope, decodeCursor } from './cursor.js';
import { afterSortKey, mergeSorted, orderBy, type Sort, withNextCursor } from './keyset.js';

export interface ListParams {
  limit: number;
  cursor?: string;
  q?: string;
  sort?: string;
  count?: boolean;
  according_to?: string;
  /** `id=`: only these items (at most a page of them). */
  id?: readonly string[];
}

export interface ListSpec {
  /** The kind in the search index, for `q`. */
  kind: SearchKind;
  id: AnyColumn;
  /** Public sort names and what they order by; nullable columns need an SQL coalesce. */
  sorts: Record<string, AnyColumn | SQL>;
  defaultSort: string;
  /** The list's select, columns and joins, with `extra` columns added (a drizzle select). */
  select: (extra: { sortKey: AnyColumn | SQL }) => { $dynamic: () => unknown };
  filters: SQL[];
  /**
   * Disjoint conditions whose union is what `filters` leave (a filter given several values, one
   * condition a value: filters.ts listFilters), each read in order and merged like partitions,
   * and crossed with them when there are both. Absent: one.
   */
  alternatives?: SQL[];
  /**
   * Disjoint parts whose union is the list, merged in order: a filter that no single index range
   * can serve (an overlap of date spans) becomes a few that can. Each part reads only sort keys
   * and ids from `table` (from an index alone where one covers the filters), and only the rows
   * of the merged page are then read whole, by id. Absent: one query.
   */
  partitions?: {
    table: SQLiteTable;
    parts: SQL[];
    /** The list's rows with these ids (as `jsonList` gives them), any order: a prepared query. */
    rowsOf: (ids: string) => unknown[];
  };
}

export interface ListResult<Row> {
  rows: Row[];
  nextCursor: string | null;
  total?: number;
}

/** A row's place in its list: its sort value and id. */
export type Keyed = { sortKey: string | number | null; id: string };
export const keyOf = (row: Keyed) => [row.sortKey, row.id] as const;

/** The sort `sort=` names (or the default), refused on `/sort` when the list has no such sort. */
export function sortOf(
  spec: Pick<ListSpec, 'sorts' | 'defaultSort'>,
  params: Pick<ListParams, 'sort'>,
  rank: SQL | undefined,
): Sort {
  const name = params.sort ?? (rank ? 'rank' : spec.defaultSort);
  const descending = name.startsWith('-');
  const field = descending ? name.slice(1) : name;
  if (field === 'rank') {
    if (!rank) throw problems.invalidField('query', '/sort', 'sort=rank needs q');
    // bm25 is lower for better matches: `rank` ascending puts the best first.
    return { name, column: rank, direction: descending ? 'desc' : 'asc' };
  }
  const column = spec.sorts[field];
  if (!column) throw problems.invalidField('query', '/sort', `cannot sort by '${field}'`);
  return { name, column, direction: descending ? 'desc' : 'asc' };
}

/**
 * The whole rows of a page whose keys are known, in the keys' order. A row deleted since its key
 * was read (by a write between the two statements) is left out; the cursor then comes from the
 * row before it, so the next page misses nothing.
 */
export function rowsInOrder<Row extends { id: string }>(
  keys: Keyed[],
  rowsOf: (ids: string) => unknown[],
): (Row & Keyed)[] {
  if (keys.length === 0) return [];
  const found = rowsOf(jsonList(keys.map((key) => key.id))) as Row[];
  const byId = new Map(found.map((row) => [row.id, row]));
  return keys.flatMap((key) => {
    const row = byId.get(key.id);
    return row ? [{ ...row, sortKey: key.sortKey }] : [];
  });
}

/**
 * `according_to=`: the rows whose citations give the account of this source, person or
 * organization (a step of the account names it), or of a source the organization issued (KCNA's
 * reports for `korean-central-news-agency`). Read from the steps' index, a match at a time.
 */
export function accountFilter(kind: SearchKind, id: AnyColumn, named: string): SQL {
  return sql`${id} in (
    select subject_id from citation_steps
      where step_kind in ('source', 'person', 'organization') and step_id = ${named}
        and subject_kind = ${kind}
    union
    select t.subject_id from sources r
      join citation_steps t on t.step_kind = 'source' and t.step_id = r.id and t.subject_kind = ${kind}
      where r.issued_by_id = ${named})`;
}

/** The filters every list takes (`according_to`, `id`), beside its own: what else counts them. */
export function commonFilters(
  spec: Pick<ListSpec, 'kind' | 'id'>,
  params: Pick<ListParams, 'according_to' | 'id'>,
): SQL[] {
  return [
    ...(params.according_to === undefined
      ? []
      : [accountFilter(spec.kind, spec.id, params.according_to)]),
    ...(params.id === undefined ? [] : [inArray(spec.id, [...params.id])]),
  ];
}

export function runList<Row extends { id: string }>(
  db: Db,
  given: ListSpec,
  params: ListParams,
): ListResult<Row> {
  const spec = { ...given, filters: [...given.filters, ...commonFilters(given, params)] };
  const alternatives = spec.alternatives ?? [undefined];
  const parts = crossed(spec.partitions?.parts, spec.alternatives);
  const ranked = params.q === undefined ? undefined : rankedMatches(db, spec.kind, params.q);
  const ordered = sortOf(spec, params, ranked ? sql`${ranked.score}` : undefined);
  const sort = { ...ordered, name: cursorScope(spec.kind, ordered.name, params.q) };
  const after = params.cursor
    ? decodeCursor(params.cursor, sort.name, [['string', 'number'], 'string'])
    : undefined;

  const matching = (columns: { sortKey: AnyColumn | SQL }) => {
    // biome-ignore lint/suspicious/noExplicitAny: drizzle's dynamic select types do not compose across resources
    let query: any = spec.select(columns).$dynamic();
    if (ranked) query = query.innerJoin(ranked, eq(ranked.entityId, spec.id));
    return query;
  };
  const pageWhere = (part?: SQL) => and(...spec.filters, part, afterSortKey(sort, spec.id, after));
  let rows: (Row & Keyed)[];
  if (spec.partitions) {
    const { table } = spec.partitions;
    const keysOf = (part: SQL) => {
      // biome-ignore lint/suspicious/noExplicitAny: as above
      let query: any = db
        .select({ sortKey: sql`${sort.column}`, id: sql`${spec.id}` })
        .from(table)
        .$dynamic();
      if (ranked) query = query.innerJoin(ranked, eq(ranked.entityId, spec.id));
      // Plain arrays: keys need none of Drizzle's per-field mapping, which cost more than the read.
      const keys = query
        .where(pageWhere(part))
        .orderBy(...orderBy(sort, spec.id))
        .limit(params.limit + 1)
        .values() as [Keyed['sortKey'], string][];
      return keys.map(([sortKey, id]): Keyed => ({ sortKey, id }));
    };
    const keys = mergeSorted((parts as SQL[]).map(keysOf), params.limit + 1, keyOf, sort.direction);
    // The keys carry the order (and a rank, with q): the rows need no join to the matches.
    rows = rowsInOrder<Row>(keys, spec.partitions.rowsOf);
  } else {
    const rowsOf = (alternative?: SQL): (Row & Keyed)[] =>
      matching({ sortKey: sort.column })
        .where(pageWhere(alternative))
        .orderBy(...orderBy(sort, spec.id))
        .limit(params.limit + 1)
        .all();
    rows =
      alternatives.length === 1
        ? rowsOf(alternatives[0])
        : mergeSorted(alternatives.map(rowsOf), params.limit + 1, keyOf, sort.direction);
  }
  const page = withNextCursor(rows, params.limit, sort.name, keyOf);

  const total = params.count ? countOf(db, spec, parts, ranked) : undefined;
  return { ...page, ...(total === undefined ? {} : { total }) };
}

/** Every part crossed with every alternative (both disjoint, so the pairs are too); undefined: one. */
function crossed(parts: SQL[] | undefined, alternatives: SQL[] | undefined): (SQL | undefined)[] {
  if (!parts) return alternatives ?? [undefined];
  if (!alternatives) return parts;
  return parts.flatMap((part) => alternatives.map((alternative) => and(part, alternative)));
}

/**
 * How many rows the list holds under its filters (and `q`), whatever the page: `count(*)` of the
 * table of `spec.id` with only the filters, one partition part at a time, joined to the ranked
 * matches when there is a `q`. The list's own select is not counted: its joins (a place's name,
 * a parent's title) are left joins on a primary key, or inner joins on a NOT NULL foreign key
 * (a figure's subject), so they neither add nor drop rows, and without them and their columns
 * SQLite counts from the smallest index that serves the filters. (Counting the list's select as a
 * subquery read every joined row: 110 ms for the 100k events unfiltered, against 0.08 ms.)
 *
 * Bounded by an index where the filters are (test/perf/query-plans.test.ts plans the counts):
 * with no filter SQLite reads the smallest index whole, one entry a row; an indexed filter reads
 * its index range; a partition (a date range) one range per part. Not bounded by an index:
 * figures' `min` and `max`, since no index holds `upper_bound` or `lower_bound`, so their count
 * reads the whole figures table, as their page does (test/perf/plan-findings.ts). With `q` the
 * list holds at most the newest RANKED_AT_MOST matches, and the count joins the same ones.
 */
function countOf(
  db: Db,
  spec: ListSpec,
  parts: (SQL | undefined)[],
  ranked: ReturnType<typeof rankedMatches> | undefined,
) {
  let total = 0;
  for (const part of parts) {
    // biome-ignore lint/suspicious/noExplicitAny: as in runList
    let query: any = db.select({ n: sql<number>`count(*)` }).from(spec.id.table).$dynamic();
    if (ranked) query = query.innerJoin(ranked, eq(ranked.entityId, spec.id));
    const [n] = query.where(and(...spec.filters, part)).values()[0] as [number];
    total += n;
  }
  return total;
}

/**
 * The list's response body from its result: the rows as items, with their citations when
 * `include` asks for them (`citationsOf` reads them for a page's ids), cursor and total passed on.
 */
export function listResponse<Row, Item extends { id: string }>(
  result: ListResult<Row>,
  toItem: (row: Row) => Item,
  cited?: {
    include: readonly string[] | undefined;
    citationsOf: (ids: string[]) => Map<string, unknown[]>;
  },
): { data: Item[]; next_cursor: string | null; total?: number } {
  let data = result.rows.map(toItem);
  if (cited?.include?.includes('citations')) {
    const byId = cited.citationsOf(data.map((item) => item.id));
    data = data.map((item) => ({ ...item, citations: byId.get(item.id) ?? [] }));
  }
  return {
    data,
    next_cursor: result.nextCursor,
    ...(result.total === undefined ? {} : { total: result.total }),
  };
}
