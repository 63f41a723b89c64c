/**
 * A load into an EMPTY PostgreSQL database (an import finding it empty, the seed's first load):
 * the staging database (staged.ts) then holds exactly the rows PostgreSQL will hold, in the same
 * tables and columns (test/postgres/schema-parity.test.ts), so it is copied table by table with
 * COPY FROM STDIN, rows streamed from better-sqlite3's iterate() a chunk at a time (no table is
 * ever held in memory), and what PostgreSQL's row-level triggers derive is derived once at the
 * end, set-based. Imports into a loaded database keep copyStaged's record-by-record path, which
 * compares each record with what is stored.
 *
 * Why: the record-by-record path reads every record back in the canonical JSON shape, compares
 * it with nothing, turns it into rows again and writes them by unnest-array INSERTs, and each row
 * fires its triggers (an event's document computed once for it and once per name). Measured with
 * 10,000 generated events (64,035 records, bench/generate.ts) imported into empty PostgreSQL,
 * the two versions alternating, twice each, on the shared 2-core machine (load 3-4; CPU of the
 * importing process and of the server's processes, read from /proc):
 *   record by record: 25.8 / 24.2 s wall; CPU 8.2 / 8.6 s in Node, 15.7 / 15.7 s in PostgreSQL
 *   bulk (this file):  13.2 / 12.8 s wall; CPU 6.3 / 6.4 s in Node,  5.8 /  6.0 s in PostgreSQL
 * and the bench's 100,000 events (638,387 records), one run each, load 2-4:
 *   record by record: 336.5 s wall (1,897 records/s); CPU 88 s in Node, 180 s in PostgreSQL
 *   bulk (this file):  127.5 s wall (5,007 records/s); CPU 66 s in Node,  64 s in PostgreSQL
 * Node's part is now mostly the staging import itself (SQLite's pipeline: about 6 s of the 10k
 * run). PostgreSQL's, by phase (backend CPU, 20,000 events): the COPYs 2.5 s (the tables'
 * indexes filled as rows come), the foreign keys' checks 1.8 s, the documents 4.8 s (computing
 * each tsvector and filling the GIN index with it), then the ANALYZE after. Tried and left out:
 * - dropping the GIN index and building it after the documents: 10k, documents 2.8 to 2.0 s
 *   wall, PostgreSQL 5.9 to 5.0 s CPU; but DROP INDEX holds ACCESS EXCLUSIVE on search_docs to
 *   the commit, so every search would wait for the rest of the load instead of answering. The
 *   other indexes stay for the same reason (every read would wait).
 * - a larger GIN pending list (gin_pending_list_limit 64MB): 20k, the documents' insert 5.1 to
 *   3.1 s CPU, but it leaves 6,493 pending pages that every search scans until they are merged,
 *   and merging them (gin_clean_pending_list) took the 1.5-1.9 s back.
 *
 * The triggers: `ALTER TABLE ... DISABLE TRIGGER USER` on the tables loaded, inside the import's
 * transaction, and ENABLE again before it ends. It is transactional (a catalog change: a rollback
 * or a SIGKILL brings the triggers back with the rows gone, and no other session ever sees them
 * disabled, since they read the last committed catalog). It takes SHARE ROW EXCLUSIVE on each
 * table until the commit: reads (ACCESS SHARE) go on, and writes wait, as they already wait for
 * IMPORT_LOCK. Like the migrations the app runs, it needs the tables' owner. USER leaves the foreign keys' internal triggers on: the keys are still checked
 * (made immediate before the ENABLE, which a table with pending checks refuses). It also
 * silences the tables' change notifications (change-notify.sql), but the search documents'
 * insert and the import log's line notify for the transaction, once, as before. A
 * transaction-local setting read by every trigger function would have meant rewriting the
 * twenty trigger functions in a migration, and they would still be called once per row.
 *
 * What is derived: each search document from PostgreSQL's own views (search.sql), the same text
 * the triggers write, in one INSERT ... SELECT, numbered as the staging database numbered it: a
 * search ranks documents of equal scores by their number, and its cursors carry it, so the same
 * numbers give the same hits in the same order, with the same cursors, on both backends (SQLite's
 * import numbers them by kind, then in each kind's writing order: src/db/derived.ts). The
 * sequence goes on after the last. A participation's copy of its event's start and an excerpt's
 * offsets are copied as staged: SQLite's import derived them by the same rules (the event's
 * start; instr and length, counting code points as strpos and length do), and deriving them again
 * would rewrite every participation and citation row. test/postgres/bulk-load.test.ts checks
 * every table against the record-by-record path.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { count, getTableColumns, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { PgTable } from 'drizzle-orm/pg-core';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Db } from '../../db/database.js';
import { searchDocs as stagedDocs } from '../../db/tables/search.js';
import { KINDS, type KindName } from '../../kinds/index.js';
import {
  citationSteps as stagedCitationSteps,
  citations as stagedCitations,
} from '../../kinds/sources/citations-table.js';
import { citationSteps, citations } from '../../kinds/sources/citations-table.pg.js';
import { fieldBasis as stagedFieldBasis } from '../../records/basis-table.js';
import { fieldBasis } from '../../records/basis-table.pg.js';
import type { KindCounts } from '../report.js';
import type { PgDb } from './insert.js';
import { deferKeys } from './writer.js';

/**
 * The tables a record's write touches (a kind's table and lists, citations and their steps, the
 * basis), each SQLite table beside its PostgreSQL twin: what a load copies.
 */
export const LOADED_TABLES: [SQLiteTable, PgTable][] = [
  ...KINDS.flatMap((kind) => [
    [kind.table, kind.pgTable] as [SQLiteTable, PgTable],
    ...(kind.lists ?? []).map((list) => [list.table, list.pgTable] as [SQLiteTable, PgTable]),
  ]),
  [stagedCitations, citations],
  [stagedCitationSteps, citationSteps],
  [stagedFieldBasis, fieldBasis],
];

/** Rows a chunk written to the COPY stream: a few hundred kilobytes. */
const ROWS_PER_CHUNK = 500;

const dialect = new PgDialect();
const ESCAPED = /[\\\n\r\t]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * A value in COPY's text format. SQLite's 0/1 booleans are input PostgreSQL's boolean reads; its
 * JSON text goes as the text it is; a number as JavaScript's shortest exact decimal.
 */
function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'string') return value.replace(ESCAPED, (c) => ESCAPES[c] as string);
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  throw new Error(`a staged value COPY cannot carry: ${typeof value}`);
}

/** The rows a staged query selects as COPY text, a chunk of rows at a time. */
function* copyChunks(staging: Db, query: { toSQL(): { sql: string } }): Generator<string> {
  const built = query.toSQL().sql;
  const rows = staging.$client.prepare(built).raw().iterate() as Iterable<unknown[]>;
  let chunk = '';
  let count = 0;
  for (const row of rows) {
    chunk += `${row.map(copyValue).join('\t')}\n`;
    if (++count === ROWS_PER_CHUNK) {
      yield chunk;
      chunk = '';
      count = 0;
    }
  }
  if (chunk !== '') yield chunk;
}

/** COPY of a staged table into its twin, the columns named in the staged table's order. */
async function copyTable(
  client: pg.PoolClient,
  staging: Db,
  from: SQLiteTable,
  to: PgTable,
): Promise<void> {
  const columns = Object.values(getTableColumns(from)).map((column) => column.name);
  const statement = dialect.sqlToQuery(
    sql`copy ${to} (${sql.join(
      columns.map((name) => sql.identifier(name)),
      sql`, `,
    )}) from stdin`,
  ).sql;
  await pipeline(
    Readable.from(copyChunks(staging, staging.select().from(from))),
    client.query(copyFrom(statement)),
  );
}

/** The staged documents' numbers, for the documents PostgreSQL's views compute. */
async function copyDocumentNumbers(client: pg.PoolClient, staging: Db): Promise<number> {
  await client.query(
    'create temporary table staged_document_numbers (id bigint primary key, kind text not null, entity_id text not null) on commit drop',
  );
  const numbers = staging
    .select({ id: stagedDocs.rowid, kind: stagedDocs.kind, entityId: stagedDocs.entityId })
    .from(stagedDocs);
  await pipeline(
    Readable.from(copyChunks(staging, numbers)),
    client.query(copyFrom('copy staged_document_numbers (id, kind, entity_id) from stdin')),
  );
  const { rows: counted } = await client.query<{ n: number }>(
    'select count(*)::int as n from staged_document_numbers',
  );
  return counted[0]?.n ?? 0;
}

/**
 * Every search document, from PostgreSQL's views, numbered as staged. A document the staging
 * database did not number gets a null number (the insert fails on it); a number left without a
 * document (a kind's view missing from the union below) fails the count.
 */
async function deriveDocuments(client: pg.PoolClient, staging: Db): Promise<void> {
  const numbered = await copyDocumentNumbers(client, staging);
  const { rowCount } = await client.query(
    `insert into search_docs (id, kind, entity_id, title, name, body)
     select n.id, v.kind, v.entity_id, v.title, v.name, v.body
     from (select * from search_doc_delegation union all select * from search_doc_event
       union all select * from search_doc_figure union all select * from search_doc_organization
       union all select * from search_doc_person union all select * from search_doc_place
       union all select * from search_doc_source union all select * from search_doc_statement) v
     left join staged_document_numbers n on n.kind = v.kind and n.entity_id = v.entity_id`,
  );
  if (rowCount !== numbered) throw new Error('search documents the staging database lacks');
  await client.query(
    "select setval(pg_get_serial_sequence('search_docs', 'id'), coalesce(max(id), 0) + 1, false) from search_docs",
  );
}

async function setUserTriggers(tx: PgDb, state: 'enable' | 'disable'): Promise<void> {
  for (const [, table] of LOADED_TABLES) {
    await tx.execute(
      state === 'enable'
        ? sql`alter table ${table} enable trigger user`
        : sql`alter table ${table} disable trigger user`,
    );
  }
}

/**
 * Loads the staging database into the empty PostgreSQL database of the caller's transaction
 * (`tx`, on `client`, its keys deferred); answers the counts: every staged record created.
 */
export async function loadStaged(
  client: pg.PoolClient,
  tx: PgDb,
  staging: Db,
): Promise<Record<KindName, KindCounts>> {
  await setUserTriggers(tx, 'disable');
  for (const [from, to] of LOADED_TABLES) await copyTable(client, staging, from, to);
  // A table whose foreign keys' checks are pending cannot be altered: they run now (all rows
  // are in), then the keys are deferred again for the rest of the transaction.
  await tx.execute(sql`set constraints all immediate`);
  await setUserTriggers(tx, 'enable');
  await deferKeys(tx);
  await deriveDocuments(client, staging);
  return Object.fromEntries(
    KINDS.map((kind) => {
      const created = staging.select({ n: count() }).from(kind.table).get()?.n ?? 0;
      return [kind.name, { created, updated: 0, unchanged: 0, rejected: 0 }];
    }),
  ) as Record<KindName, KindCounts>;
}

/**
 * Runs `use` in a transaction on one connection of `pool`, which it also gets, so that a bulk
 * load's COPY runs inside the transaction. A connection whose transaction failed is closed rather
 * than given back: a COPY cut short may have left it in a state the next user should not meet.
 */
export async function inTransactionOn<T>(
  pool: pg.Pool,
  use: (tx: PgDb, client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    const result = await drizzle({ client }).transaction((tx) => use(tx, client));
    client.release();
    return result;
  } catch (error) {
    client.release(error instanceof Error ? error : true);
    throw error;
  }
}
