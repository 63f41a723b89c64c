/** An app that takes writes, requests with its key, and checks that the database stays whole. */
import { createHash } from 'node:crypto';
import { getTableName } from 'drizzle-orm';
import type { Test } from 'tap';
import type { App } from '../../src/app.js';
import { KIND_NAMES, kindOf } from '../../src/kinds/index.js';
import { buildTestApp } from '../helper.js';

export const KEY = { name: 'test', secret: 'test-secret-0123456789' };
export const SOURCE = 'article-2023-07-27';
export const AUTH = { authorization: `Bearer ${KEY.secret}` };

interface Teardown {
  teardown(fn: () => unknown): void;
}

/** The seeded app with one API key. */
export function buildWriteApp(t: Teardown, options: { seed?: boolean } = {}): Promise<App> {
  return buildTestApp(t, { ...options, apiKeys: [KEY] });
}

export interface Answer<T = any> {
  status: number;
  headers: Record<string, unknown>;
  body: T;
}

/** A request with the API key (unless headers say otherwise); the body parsed when there is one. */
export async function send<T = any>(
  app: App,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer<T>> {
  const res = await app.inject({
    method,
    url,
    headers: { ...AUTH, ...headers },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  return {
    status: res.statusCode,
    headers: res.headers,
    body: (res.body === '' ? null : res.json()) as T,
  };
}

/** A person record citing the article, for writes to create. */
export const person = (id: string, name: string, extra: object = {}) => ({
  id,
  name,
  aliases: [],
  citations: [{ source: SOURCE, excerpt: 'Kim Jong-un' }],
  ...extra,
});

/** Ids of the search hits for some words, as `kind:id`. */
export async function searchHits(app: App, words: string): Promise<string[]> {
  const res = await app.inject({
    method: 'GET',
    url: `/v1/search?q=${encodeURIComponent(words)}&limit=100`,
  });
  return (res.json().data as { kind: string; id: string }[]).map((h) => `${h.kind}:${h.id}`);
}

/**
 * A digest of every row of every table (but those `leaveOut` names): equal digests, unchanged
 * database, on either backend.
 */
export async function databaseDigest(
  app: App,
  leaveOut: (table: string) => boolean = () => false,
): Promise<string> {
  const hash = createHash('sha256');
  if (app.backend === 'postgres') {
    // One statement for every table (the fuzz takes a digest after each of its requests): each
    // table's rows as text, sorted, since a table's rows come back in no promised order.
    const pool = app.postgres.primary;
    const { rows: tables } = await pool.query<{ name: string }>(
      `select table_name as name from information_schema.tables
       where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
    );
    // Table names come from the catalog, never from a request.
    const digests = tables
      .filter((table) => !leaveOut(table.name))
      .map(
        ({ name }) =>
          `select '${name}' as name, (select string_agg(x::text, e'\\n' order by x::text)
           from "${name}" x) as rows`,
      );
    const { rows } = await pool.query(digests.join(' union all '));
    hash.update(JSON.stringify(rows));
    return hash.digest('hex');
  }
  const sqlite = app.db.$client;
  const tables = sqlite
    .prepare(
      `select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`,
    )
    .all() as { name: string }[];
  for (const { name } of tables.filter((table) => !leaveOut(table.name))) {
    hash.update(name);
    hash.update(JSON.stringify(sqlite.prepare(`select * from "${name}"`).raw().all()));
  }
  return hash.digest('hex');
}

/** The searchable items and their search documents, counted in one statement. */
const DOCUMENTS_AND_ITEMS = `select (select count(*) from search_docs) as docs,
  (select count(*) from events) + (select count(*) from people)
  + (select count(*) from organizations) + (select count(*) from places)
  + (select count(*) from delegations) + (select count(*) from statements)
  + (select count(*) from figures) + (select count(*) from sources) as items`;

/** Rows of `table` (citations, field_basis) whose subject of `kind` does not exist. */
const strays = (table: string, columns: string, kind: (typeof KIND_NAMES)[number], $: string) =>
  `select ${columns} from ${table} c where subject_kind = ${$}
   and not exists (select 1 from "${getTableName(kindOf(kind).table)}" x where x.id = c.subject_id)`;

/**
 * The full-text index matches its content, and no reference (citations, basis too) points nowhere.
 * On PostgreSQL the index is a GIN index on search_docs, kept by the server, and every foreign key
 * is checked at commit: what is left to check is the documents and the polymorphic references.
 */
export async function assertConsistent(t: Test, app: App): Promise<void> {
  if (app.backend === 'postgres') {
    const pool = app.postgres.primary;
    const { rows } = await pool.query(DOCUMENTS_AND_ITEMS);
    t.same(Number(rows[0].docs), Number(rows[0].items), 'one search document per searchable item');
    const rowsOf = async (sql: string, kind: string) => (await pool.query(sql, [kind])).rows;
    const orphans = [];
    const unexplained = [];
    for (const kind of KIND_NAMES) {
      const singular = kindOf(kind).singular;
      orphans.push(
        ...(await rowsOf(strays('citations', 'subject_kind, subject_id', kind, '$1'), singular)),
      );
      unexplained.push(
        ...(await rowsOf(
          strays('field_basis', 'subject_kind, subject_id, field', kind, '$1'),
          singular,
        )),
      );
    }
    t.same(orphans, [], 'every citation supports a record that exists');
    t.same(unexplained, [], 'every basis belongs to a record that exists');
    return;
  }
  const sqlite = app.db.$client;
  t.doesNotThrow(
    () =>
      sqlite
        .prepare(`INSERT INTO search_fts(search_fts, rank) VALUES ('integrity-check', 1)`)
        .run(),
    'the search index passes its integrity check',
  );
  t.same(sqlite.prepare('PRAGMA foreign_key_check').all(), [], 'no foreign key points nowhere');
  const counts = sqlite.prepare(DOCUMENTS_AND_ITEMS).get() as { docs: number; items: number };
  t.same(counts.docs, counts.items, 'one search document per searchable item');
  const orphans = KIND_NAMES.flatMap((kind) =>
    sqlite
      .prepare(strays('citations', 'subject_kind, subject_id', kind, '?'))
      .all(kindOf(kind).singular),
  );
  t.same(orphans, [], 'every citation supports a record that exists');
  const unexplained = KIND_NAMES.flatMap((kind) =>
    sqlite
      .prepare(strays('field_basis', 'subject_kind, subject_id, field', kind, '?'))
      .all(kindOf(kind).singular),
  );
  t.same(unexplained, [], 'every basis belongs to a record that exists');
}
