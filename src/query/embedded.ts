/**
 * Lists an item embeds, capped at their first items: `capped` keeps them and says how many there
 * are in all, counting with one indexed COUNT only when a row is left over.
 */
import { asc, count, eq, type SQL, sql } from 'drizzle-orm';
import type { AnySQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/database.js';
import { perConnection } from '../db/prepared.js';
import { EMBEDDED_MAX, type EmbeddedList } from './shapes.js';

/**
 * The first `max` of `rows`, read with `LIMIT max + 1`, and the list's extent: `more` (the view
 * that has them all) only when some are left out.
 */
export function capped<T>(
  rows: T[],
  countAll: () => number,
  more: string | null,
  max = EMBEDDED_MAX,
): [T[], EmbeddedList] {
  if (rows.length <= max) return [rows, { total: rows.length, more: null }];
  return [rows.slice(0, max), { total: countAll(), more }];
}

/** How many rows of `table` match `where`. */
export function countWhere(db: Db, table: SQLiteTable, where: SQL | undefined): number {
  return db.select({ n: count() }).from(table).where(where).get()?.n ?? 0;
}

/**
 * The children of a place or an organization (rows whose parent is `id`), by name, capped as
 * every embedded list; these have no paginated view, so `more` stays null. Made once per table,
 * with the query prepared once per connection.
 */
export function cappedChildren(
  table: SQLiteTable & { id: AnySQLiteColumn; name: AnySQLiteColumn; parentId: AnySQLiteColumn },
): (db: Db, id: string) => [{ id: string; name: string }[], EmbeddedList] {
  const firstChildren = perConnection((db) =>
    db
      .select({ id: table.id, name: table.name })
      .from(table)
      .where(eq(table.parentId, sql.placeholder('id')))
      .orderBy(asc(table.name), asc(table.id))
      .limit(EMBEDDED_MAX + 1)
      .prepare(),
  );
  return (db, id) => {
    const rows = firstChildren(db).all({ id }) as { id: string; name: string }[];
    return capped(rows, () => countWhere(db, table, eq(table.parentId, id)), null);
  };
}

/*
 * SQL text that builds an item's JSON in SQLite (json_object, json_group_array), for the items
 * made by one statement (src/kinds/events/item.ts). Each helper gives the JSON of one value
 * exactly as the JS of this module and shapes.ts makes it, so that the answers keep their bytes.
 */

/**
 * A partial date as `dateValue` gives it (`{ value, precision }`, and `qualifier` when the date
 * ends in `~`, `?` or `%`), or null.
 */
export function jsonDate(column: string): string {
  const precision = `case length(rtrim(${column}, '~?%')) when 4 then 'year' when 7 then 'month' when 8 then 'week' else 'day' end`;
  return `case when ${column} is null then null
    when substr(${column}, -1) in ('~', '?', '%') then json_object('value', ${column}, 'precision', ${precision},
      'qualifier', case substr(${column}, -1) when '~' then 'approximate' when '?' then 'uncertain' else 'uncertain_approximate' end)
    else json_object('value', ${column}, 'precision', ${precision}) end`;
}

/** A reference as `ref` gives it (`{ id, name }`, the name '' when missing), or null. */
export function jsonRef(id: string, name: string): string {
  return `case when ${id} is null then null else json_object('id', ${id}, 'name', coalesce(${name}, '')) end`;
}

/** An agent as `toAgent` gives it, from a row's person, organization and group columns. */
export function jsonAgent(p: {
  personId: string;
  personName: string;
  organizationId: string;
  organizationName: string;
  groupLabel: string;
}): string {
  return `case
    when ${p.personId} is not null then json_object('kind', 'person', 'id', ${p.personId}, 'name', coalesce(${p.personName}, ''))
    when ${p.organizationId} is not null then json_object('kind', 'organization', 'id', ${p.organizationId}, 'name', coalesce(${p.organizationName}, ''))
    else json_object('kind', 'group', 'label', coalesce(${p.groupLabel}, '')) end`;
}

/** One embedded list: its rows (`from` and `where`, in `order`) and the JSON of each row. */
export interface JsonList {
  /** The JSON of one row (a json_object call). */
  item: string;
  /** `table alias` and joins, each row a list member. */
  from: string;
  where: string;
  order: string;
  /**
   * The rows to count when some are left out, when fewer than `from`: the list's own table
   * without the joins that only name things (joins that cannot drop a row, by foreign key).
   */
  count?: { from: string; where: string };
  /**
   * Count every row at once: for a list that is a UNION, whose rows are all read to drop the
   * duplicates before any LIMIT, so counting the first ones would read them all twice.
   */
  countWhole?: boolean;
}

/** A JSON array of the first `max` rows of a list, in order (an array, empty when none). */
export function jsonArray(list: JsonList, max: number): string {
  // json(x): the subquery's rows lose the JSON subtype, so each is read back as JSON, not text.
  return `(select json_group_array(json(x)) from
    (select ${list.item} as x from ${list.from} where ${list.where} order by ${list.order} limit ${max}))`;
}

/**
 * A list's extent as `capped` gives it (`{ total, more }`): rows counted up to `max + 1` from the
 * index, all of them (one more COUNT) only when some are left out, and then `more` (SQL of the
 * view's path, or null). `k` is counted once: an aggregate subquery is never flattened.
 */
export function jsonExtent(list: JsonList, max: number, more: string | null): string {
  const first = list.countWhole
    ? `select count(*) as k from ${list.from} where ${list.where}`
    : `select count(*) as k from (select 1 from ${list.from} where ${list.where} limit ${max + 1})`;
  const all = list.count ?? list;
  const total = list.countWhole
    ? 'k'
    : `case when k > ${max} then (select count(*) from ${all.from} where ${all.where}) else k end`;
  return `(select json_object('total', ${total}, 'more', ${
    more === null ? 'null' : `case when k > ${max} then ${more} end`
  }) from (${first}))`;
}

/**
 * The steps of the account of citation `c`, as `citationsOf` gives them, in order: read along the
 * steps' primary key (subject, ordinal, step), whose order json_group_array keeps.
 */
const ACCOUNT_JSON = `(select json_group_array(json_object('kind', t.step_kind, 'id', t.step_id,
    'name', coalesce(
      (select title from sources where t.step_kind = 'source' and id = t.step_id),
      (select name from people where t.step_kind = 'person' and id = t.step_id),
      (select name from organizations where t.step_kind = 'organization' and id = t.step_id),
      t.step_id)))
  from citation_steps t where t.subject_kind = c.subject_kind
    and t.subject_id = c.subject_id and t.ordinal = c.ordinal)`;

/** The citations of one fact (`kind`, the SQL of its id) as `citationsOf` gives them. */
export function citationList(kind: string, subjectId: string): JsonList {
  const where = `c.subject_kind = '${kind}' and c.subject_id = ${subjectId}`;
  return {
    item: `json_object('source', json_object('id', s.id, 'name', s.title), 'excerpt', c.excerpt,
      'according_to', ${ACCOUNT_JSON})`,
    from: 'citations c join sources s on s.id = c.source_id',
    where,
    order: 'c.ordinal',
    count: { from: 'citations c', where },
  };
}

/**
 * The basis of a record (`kind`, the SQL of its id) as `basisOf` gives it: an object by field
 * name, in field-name order (the table's key order), each entry `kind` then `note` and `citation`
 * only when set; `{}` when there is none.
 */
export function jsonBasis(kind: string, subjectId: string): string {
  // The ORDER BY inside the aggregate (SQLite 3.44+) orders the object's keys; the rows are found
  // by the table's key (subject_kind, subject_id, field).
  return `(select json_group_object(b.field, case
      when b.note is null and b.citation is null then json_object('kind', b.kind)
      when b.citation is null then json_object('kind', b.kind, 'note', b.note)
      when b.note is null then json_object('kind', b.kind, 'citation', b.citation)
      else json_object('kind', b.kind, 'note', b.note, 'citation', b.citation) end
      order by b.field)
    from field_basis b where b.subject_kind = '${kind}' and b.subject_id = ${subjectId})`;
}
