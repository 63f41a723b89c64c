/**
 * The bulk load into an empty PostgreSQL database (src/bundle/postgres/bulk-load.ts: COPY of the
 * staged tables, the search documents derived once at the end) makes the very database the
 * record-by-record path makes (staged.ts copyStaged, PostgreSQL's triggers deriving per row):
 * every row of every table, the search documents numbered as SQLite numbered them, the same
 * exports byte for byte, and the triggers on again for the writes after. A bulk import that fails
 * half-way leaves the database empty, its triggers on.
 */
import { createReadStream } from 'node:fs';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import t from 'tap';
import { generate } from '../../bench/generate.js';
import { exportChunks } from '../../src/bundle/export.js';
import { inTransactionOn, loadStaged } from '../../src/bundle/postgres/bulk-load.js';
import { exportChunksPostgres } from '../../src/bundle/postgres/export.js';
import { importIntoPostgres } from '../../src/bundle/postgres/import.js';
import { isEmptyPostgres } from '../../src/bundle/postgres/seed.js';
import { copyStaged } from '../../src/bundle/postgres/staged.js';
import { deferKeys } from '../../src/bundle/postgres/writer.js';
import { type ImportInput, runImport } from '../../src/bundle/run.js';
import { loadSeed } from '../../src/bundle/seed.js';
import { migratePostgres } from '../../src/db/postgres.js';
import { openTestDb, tempDir } from '../helper.js';
import { rowsOfBoth } from './same-rows.js';
import { startPostgres, startPostgresPool } from './server.js';

t.setTimeout(300_000);

const RUN = { mode: 'all', dryRun: false, keyName: 'local' } as const;
const ndjsonInput = (path: string): ImportInput => ({
  format: 'ndjson',
  stream: createReadStream(path) as AsyncIterable<Buffer>,
});

/** Every table of the database but the import log, each as its rows in sorted JSON lines. */
async function everyTable(pool: pg.Pool): Promise<Map<string, string[]>> {
  const { rows: tables } = await pool.query<{ name: string }>(
    `select table_name as name from information_schema.tables
     where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'imports'
     order by table_name`,
  );
  const all = new Map<string, string[]>();
  for (const { name } of tables) {
    // A document's number is compared apart (with SQLite's): the row-by-row path numbers them
    // in its own writing order.
    const rows = await pool.query(
      name === 'search_docs'
        ? "select to_jsonb(d) - 'id' as row from search_docs d"
        : `select to_jsonb(r) as row from ${pg.escapeIdentifier(name)} r`,
    );
    all.set(name, rows.rows.map(({ row }) => JSON.stringify(row)).sort());
  }
  return all;
}

const exported = async (pool: pg.Pool) => {
  let text = '';
  for await (const chunk of exportChunksPostgres(pool, { format: 'ndjson' })) text += chunk;
  return text;
};

t.test('the bulk load makes what the record-by-record path makes', async (t) => {
  // A staged database: the seed, then 300 generated events imported into it by SQLite's import.
  const { ndjson } = await generate(300, tempDir(t));
  const staged = openTestDb(t);
  loadSeed(staged);
  t.equal((await runImport(staged, ndjsonInput(ndjson), RUN)).status, 'imported', 'staged');

  const server = await startPostgres();
  const byRow = new pg.Pool({ connectionString: server.url, max: 2 });
  const bulk = new pg.Pool({ connectionString: await server.database('bulk'), max: 2 });
  // pool.end() resolves once it has told its connections to close, not once they have: the
  // server stopped right after can still reach one, whose error (57P01) would end the test
  // process unheard (seen once in a clean clone's run).
  for (const pool of [byRow, bulk]) pool.on('error', () => {});
  t.teardown(async () => {
    await byRow.end();
    await bulk.end();
    await server.stop();
  });
  await migratePostgres(byRow);
  await migratePostgres(bulk);

  await drizzle({ client: byRow }).transaction(async (tx) => {
    await deferKeys(tx);
    await copyStaged(tx, staged, () => new Map());
  });
  const counts = await inTransactionOn(bulk, async (tx, client) => {
    await deferKeys(tx);
    return loadStaged(client, tx, staged);
  });
  t.ok(counts.events.created > 300, `${counts.events.created} events counted created`);

  const expected = await everyTable(byRow);
  const got = await everyTable(bulk);
  t.same([...got.keys()], [...expected.keys()], 'the same tables');
  let rows = 0;
  for (const [table, want] of expected) {
    rows += want.length;
    t.same(got.get(table), want, `${table}: the same ${want.length} rows`);
  }
  t.ok(rows > 3000, `${rows} rows in all`);
  for (const [table, both] of await rowsOfBoth(staged, bulk)) {
    t.same(both.postgres, both.sqlite, `${table}: as staged (documents with their numbers)`);
  }
  const { rows: next } = await bulk.query<{ next: string; max: string }>(
    "select nextval(pg_get_serial_sequence('search_docs', 'id')) as next, (select max(id) from search_docs) as max",
  );
  t.equal(Number(next[0]?.next), Number(next[0]?.max) + 1, 'the next document follows the last');

  const text = await exported(bulk);
  t.ok(text.length > 100_000, `the export: ${text.length} characters`);
  t.ok(text === (await exported(byRow)), 'byte for byte the export of the record-by-record path');
  t.ok(text === [...exportChunks(staged, { format: 'ndjson' })].join(''), "and SQLite's");

  const { rows: off } = await bulk.query(
    "select tgrelid::regclass::text as table, tgname from pg_trigger where not tgisinternal and tgenabled <> 'O'",
  );
  t.same(off, [], 'every trigger on again');
  const { rows: person } = await bulk.query<{ id: string }>('select id from people limit 1');
  await bulk.query("update people set name = 'Renamed Afterwards' where id = $1", [person[0]?.id]);
  const { rows: document } = await bulk.query(
    "select title from search_docs where kind = 'person' and entity_id = $1",
    [person[0]?.id],
  );
  t.same(
    document,
    [{ title: 'Renamed Afterwards' }],
    "a later write's trigger rewrites its document",
  );
});

t.test('a bulk import failing half-way leaves the database empty', async (t) => {
  const { server, pool } = await startPostgresPool(t);
  await migratePostgres(pool);
  const { ndjson } = await generate(100, tempDir(t));
  // Another session holds search_docs: the import copies every table, then waits to write the
  // documents, and gives up after a second (its connections' lock_timeout).
  const holder = await pool.connect();
  await holder.query('begin');
  await holder.query('lock table search_docs in access exclusive mode');
  const impatient = new pg.Pool({ connectionString: server.url, options: '-c lock_timeout=1s' });
  impatient.on('error', () => {});
  t.teardown(() => impatient.end());
  await t.rejects(
    importIntoPostgres(impatient, ndjsonInput(ndjson), RUN),
    { message: /lock timeout/ },
    'the import fails at the documents',
  );
  await holder.query('rollback');
  holder.release();

  t.ok(await isEmptyPostgres(pool), 'no record kept');
  const { rows: tables } = await pool.query<{ name: string }>(
    `select table_name as name from information_schema.tables
     where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  t.ok(tables.length >= 20, `${tables.length} tables`);
  for (const { name } of tables) {
    const { rows } = await pool.query(
      `select count(*)::int as n from ${pg.escapeIdentifier(name)}`,
    );
    t.same(rows, [{ n: 0 }], `${name}: empty`);
  }
  const { rows: off } = await pool.query(
    "select tgname from pg_trigger where not tgisinternal and tgenabled <> 'O'",
  );
  t.same(off, [], 'every trigger on');

  const again = await importIntoPostgres(pool, ndjsonInput(ndjson), RUN);
  t.equal(again.status, 'imported', 'the same import then imports');
  const { rows } = await pool.query<{ n: number }>('select count(*)::int as n from search_docs');
  t.ok((rows[0]?.n ?? 0) > 100, `with its ${rows[0]?.n} documents`);
});
