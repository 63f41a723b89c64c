/**
 * How every list runs on PostgreSQL: the same page as run.ts's runList gives on SQLite for the
 * same data and query, with the same filters, sorts, cursors (cursor.ts, keyset.ts: a cursor
 * issued by either backend reads on the other), `count`, `id=` and `according_to=`.
 *
 * A kind declares its filters and sorts once, over the SQLite tables; their SQL names tables and
 * columns only, which the PostgreSQL twins (the `*.pg.ts` tables, kept equal by
 * test/postgres/schema-parity.test.ts) share, so they are rendered here as they are. Text columns
 * compare as "C" (migrations/postgres/0001), so names order byte by byte as on SQLite.
 *
 * SQLite's alternatives and partitions are index tricks for its planner; PostgreSQL's reads their
 * union (an OR of disjoint conditions) in one query a page. `q` is ranked by search/postgres
 * (ranked.ts): the same matches as on SQLite, in an order that may differ between close scores.
 */
import { and, or, type SQL, sql } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import { problems } from '../../http/errors.js';
import { rankedMatchesPostgres } from '../../search/postgres/ranked.js';
import { cursorScope, decodeCursor, type KeyPart } from './cursor.js';
import { afterSortKey, orderBy, type Sort, withNextCursor } from './keyset.js';
import {
  commonFilters,
  type Keyed,
  keyOf,
  type ListParams,
  type ListResult,
  type ListSpec,
  listResponse,
  sortOf,
} from './run.js';

export interface PostgresListSpec
  extends Pick<ListSpec, 'kind' | 'sorts' | 'defaultSort' | 'filters' | 'alternatives'> {
  id: PgColumn;
  /** The list's select over the PostgreSQL tables, with `extra` columns added. */
  select: (db: NodePgDatabase, extra: { sortKey: SQL }) => { $dynamic: () => unknown };
  /** runList's partitions: disjoint conditions whose union is the list. */
  parts?: SQL[];
}

/** Any of some disjoint conditions; none given: no condition. */
const anyOf = (conditions: SQL[] | undefined) =>
  conditions === undefined ? undefined : or(...conditions);

/**
 * The type a sort's key has: a number for a numeric column or the rank, text otherwise. SQLite
 * compares any value with any other; PostgreSQL would fail on text against a number, so a cursor
 * whose key is of the other type (never one a list issued) is refused.
 */
function checkKeyType(sort: Sort, key: readonly [KeyPart, string] | undefined): void {
  if (!key) return;
  const column = sort.column as { dataType?: string };
  const numeric = sort.name.replace(/^-/, '') === 'rank' || column.dataType === 'number';
  if (typeof key[0] !== (numeric ? 'number' : 'string')) {
    throw problems.invalidField('query', '/cursor', 'not a cursor this API issued');
  }
}

/**
 * The list's response body on PostgreSQL: run.ts's listResponse, with the citations `include`
 * asks for read first (`citationsOf`, asynchronous here) for the page's ids.
 */
export async function listResponsePostgres<Row extends { id: string }, Item extends { id: string }>(
  result: ListResult<Row>,
  toItem: (row: Row) => Item,
  cited: {
    include: readonly string[] | undefined;
    citationsOf: (ids: string[]) => Promise<Map<string, unknown[]>>;
  },
): Promise<{ data: Item[]; next_cursor: string | null; total?: number }> {
  if (!cited.include?.includes('citations')) return listResponse(result, toItem);
  const byId = await cited.citationsOf(result.rows.map((row) => row.id));
  return listResponse(result, toItem, { include: cited.include, citationsOf: () => byId });
}

export async function runListPostgres<Row extends { id: string }>(
  client: pg.PoolClient,
  given: PostgresListSpec,
  params: ListParams,
): Promise<ListResult<Row>> {
  const db = drizzle({ client });
  const filters = [...given.filters, ...commonFilters(given, params)];
  const where = and(...filters, anyOf(given.alternatives), anyOf(given.parts));
  // In runList's order, so that a query wrong twice is refused for the same reason.
  const ranked = params.q === undefined ? undefined : rankedMatchesPostgres(given.kind, params.q);
  const ordered = sortOf(given, params, ranked ? sql`ranked.score` : undefined);
  const sort = { ...ordered, name: cursorScope(given.kind, ordered.name, params.q) };
  const after = params.cursor
    ? decodeCursor(params.cursor, sort.name, [['string', 'number'], 'string'])
    : undefined;
  checkKeyType(ordered, after);

  // biome-ignore lint/suspicious/noExplicitAny: drizzle's dynamic select types do not compose across resources
  let query: any = given.select(db, { sortKey: sql`${sort.column}` }).$dynamic();
  if (ranked) query = query.innerJoin(ranked, sql`ranked.entity_id = ${given.id}`);
  const rows = (await query
    .where(and(where, afterSortKey(sort, given.id, after)))
    .orderBy(...orderBy(sort, given.id))
    .limit(params.limit + 1)) as (Row & Keyed)[];
  const page = withNextCursor(rows, params.limit, sort.name, keyOf);
  if (!params.count) return page;

  // Counted from the kind's table alone, as runList counts: the list's joins neither add nor
  // drop rows.
  // biome-ignore lint/suspicious/noExplicitAny: as above
  let counted: any = db.select({ n: sql<number>`count(*)::int` }).from(given.id.table).$dynamic();
  if (ranked) counted = counted.innerJoin(ranked, sql`ranked.entity_id = ${given.id}`);
  const [{ n }] = (await counted.where(where)) as [{ n: number }];
  return { ...page, total: n };
}
