/**
 * Child process: the baseline for the import. The same NDJSON file, the same rows (computed by
 * each kind's definition, as the import does) into the same tables of a fresh database with the same
 * migrations (so the same indexes and search triggers), but with plain prepared INSERTs in one
 * transaction: no validation, no staging, no comparison with stored records. Also times reading
 * and parsing the file alone. Prints one JSON line.
 *
 *   node --import tsx bench/load/raw-insert.ts <file.ndjson> <database>
 */
import { createReadStream } from 'node:fs';
import { getTableColumns, getTableName } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { linesOf } from '../../src/bundle/readers.js';
import { migrateDatabase, openDatabase } from '../../src/db/database.js';
import { type KindName, kindOf } from '../../src/kinds/index.js';
import { citations } from '../../src/kinds/sources/citations-table.js';
import { type KindDefinition, keyOf } from '../../src/records/definition.js';
import { rowOf } from '../../src/records/rows.js';
import { cpuSeconds, freshDatabase, peakRssMb } from './common.js';

const [file, path] = process.argv.slice(2) as [string, string];
freshDatabase(path);
const db = openDatabase(path);
migrateDatabase(db);
const sqlite = db.$client;

type Row = Record<string, unknown>;

/** A prepared INSERT of a table's columns, taking a row keyed as drizzle keys it (camelCase). */
function inserter(table: SQLiteTable) {
  const columns = Object.entries(getTableColumns(table)) as [string, SQLiteColumn][];
  const names = columns.map(([, c]) => `"${c.name}"`).join(', ');
  const statement = sqlite.prepare(
    `insert into "${getTableName(table)}" (${names}) values (${columns.map(() => '?').join(', ')})`,
  );
  return (row: Row) => {
    const values = columns.map(([key, column]) => {
      const value = row[key];
      return value === undefined || value === null ? null : column.mapToDriverValue(value);
    });
    statement.run(values);
  };
}

const inserters = new Map<SQLiteTable, (row: Row) => void>();
const insertInto = (table: SQLiteTable) => {
  let insert = inserters.get(table);
  if (!insert) {
    insert = inserter(table);
    inserters.set(table, insert);
  }
  return insert;
};

/** The record's rows (computed by its kind's definition, as the import does), inserted plainly. */
function insertRecord(name: KindName, record: Row & { id: string; citations: Row[] }): number {
  const kind = kindOf(name) as KindDefinition;
  let rows = 1;
  insertInto(kind.table)(rowOf(kind, record));
  for (const list of kind.lists ?? []) {
    const owner = keyOf(list.table, list.owner);
    for (const row of list.toRows(record as never)) {
      insertInto(list.table)({ ...row, [owner]: record.id });
      rows += 1;
    }
  }
  record.citations.forEach((c, ordinal) => {
    insertInto(citations)({
      subjectKind: kind.singular,
      subjectId: record.id,
      ordinal,
      sourceId: c.source,
      excerpt: c.excerpt,
    });
  });
  return rows + record.citations.length;
}

/** Bundle records as the import's zod schemas give them: arrays default to []. */
function withDefaults(record: Row): Row {
  for (const key of ['citations', 'aliases', 'names', 'cites', 'members', 'receivers']) {
    if (!(key in record)) record[key] = [];
  }
  return record;
}

const stream = () => createReadStream(file, { highWaterMark: 1 << 20 });

let parsed = 0;
const parseStarted = performance.now();
for await (const { text } of linesOf(stream())) {
  if (text) {
    JSON.parse(text);
    parsed += 1;
  }
}
const parseSeconds = (performance.now() - parseStarted) / 1000;

let records = 0;
let rows = 0;
const started = performance.now();
const cpuStarted = cpuSeconds();
sqlite.exec('begin immediate');
sqlite.pragma('defer_foreign_keys = ON');
for await (const { text } of linesOf(stream())) {
  if (!text) continue;
  const { kind, record } = JSON.parse(text) as { kind: KindName; record: Row };
  rows += insertRecord(kind, withDefaults(record) as Row & { id: string; citations: Row[] });
  records += 1;
}
sqlite.exec('commit');
const seconds = (performance.now() - started) / 1000;
const cpu = cpuSeconds() - cpuStarted;
sqlite.close();

console.log(
  JSON.stringify({
    seconds,
    cpuSeconds: cpu,
    parseSeconds,
    parsed,
    lines: records,
    rows,
    peakRssMb: peakRssMb(),
  }),
);
