/** What the import and export tests share: a keyed app, a POST helper, a dump, record factories. */
import type { App } from '../../src/app.js';
import type { ApiKey } from '../../src/http/auth.js';
import { buildTestApp } from '../helper.js';

export const KEY: ApiKey = { name: 'importer', secret: 'sk-annals-test-7f3c9a1e5b2d' };
export const OTHER_KEY: ApiKey = { name: 'archivist', secret: 'sk-annals-test-0b8e4d6c2a91' };

type Teardown = Parameters<typeof buildTestApp>[0];

/** The app on a fresh database (seeded unless `seed: false`) that takes KEY and OTHER_KEY. */
export function buildImportApp(t: Teardown, options: { seed?: boolean } = {}): Promise<App> {
  return buildTestApp(t, { seed: options.seed, apiKeys: [KEY, OTHER_KEY] });
}

export const JSON_TYPE = 'application/json';
export const NDJSON_TYPE = 'application/x-ndjson';
export const CSV_TYPE = 'text/csv';

/** POSTs a body to /v1/imports with KEY (or `key`), returning the status and parsed body. */
export async function postImport(
  app: App,
  body: unknown,
  options: { query?: string; type?: string; key?: ApiKey | null } = {},
) {
  const key = options.key === undefined ? KEY : options.key;
  const type = options.type ?? JSON_TYPE;
  const res = await app.inject({
    method: 'POST',
    url: `/v1/imports${options.query ? `?${options.query}` : ''}`,
    headers: {
      'content-type': type,
      ...(key ? { authorization: `Bearer ${key.secret}` } : {}),
    },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const json = res.json();
  /** The import record: the body itself on success, its `import` member on a 422. */
  const record = res.statusCode === 422 ? json.import : json;
  return { res, status: res.statusCode, json, record, report: record?.report };
}

/** A bundle envelope around some records. */
export function bundle(records: Record<string, unknown[]> = {}) {
  return { format: 'annals-bundle', version: 1, ...records };
}

/** NDJSON text of `[kind, record]` pairs, one a line. */
export function ndjson(entries: [string, unknown][]): string {
  return entries.map(([kind, record]) => `${JSON.stringify({ kind, record })}\n`).join('');
}

export const place = (id: string, fields: Record<string, unknown> = {}) => ({
  id,
  name: `Place ${id}`,
  type: 'city',
  ...fields,
});

export const person = (id: string, fields: Record<string, unknown> = {}) => ({
  id,
  name: `Person ${id}`,
  ...fields,
});

export const event = (id: string, fields: Record<string, unknown> = {}) => ({
  id,
  type: 'meeting',
  title: `Event ${id}`,
  start: '2023-07-26',
  ...fields,
});

/**
 * Every row of every table, sorted, as text, leaving out the import log (which grows with every
 * import) and the migrations' bookkeeping; on SQLite also the full-text index's shadow tables,
 * derived from search_docs. Two equal dumps mean the same knowledge base, on either backend.
 */
export async function dump(app: App): Promise<Record<string, string[]>> {
  if (app.backend === 'postgres') {
    const pool = app.postgres.primary;
    const { rows: tables } = await pool.query<{ name: string }>(
      `select table_name as name from information_schema.tables
       where table_schema = 'public' and table_type = 'BASE TABLE'
         and table_name not like '__drizzle%' and table_name != 'imports'
       order by table_name`,
    );
    // Table names come from the catalog, never from a request. A table's rows come back in no
    // promised order, hence the sort.
    const entries = [];
    for (const { name } of tables) {
      const { rows } = await pool.query<{ row: string }>(
        `select row_to_json(x)::text as row from "${name}" x`,
      );
      entries.push([name, rows.map((r) => r.row).sort()] as const);
    }
    return Object.fromEntries(entries);
  }
  const db = app.db;
  const tables = db.$client
    .prepare(
      `select name from sqlite_master where type = 'table'
         and name not like 'sqlite_%' and name not like '__drizzle%'
         and name not like 'search_fts%' and name != 'imports'
       order by name`,
    )
    .all() as { name: string }[];
  return Object.fromEntries(
    tables.map(({ name }) => [
      name,
      (db.$client.prepare(`select * from "${name}"`).all() as unknown[])
        .map((row) => JSON.stringify(row))
        .sort(),
    ]),
  );
}

/** The ids a full-text search finds for `q`. */
export async function searchIds(app: App, q: string): Promise<string[]> {
  const res = await app.inject({ method: 'GET', url: `/v1/search?q=${encodeURIComponent(q)}` });
  return (res.json().data as { id: string }[]).map((hit) => hit.id);
}

/** Rejections in the report that match a pointer. */
export function rejectionAt(report: { rejections: any[] }, pointer: string) {
  return report.rejections.filter((r) => r.pointer === pointer);
}

/** A report's counts, in the order the report lists them. */
export const counts = (created: number, updated: number, unchanged: number, rejected: number) => ({
  created,
  updated,
  unchanged,
  rejected,
});
