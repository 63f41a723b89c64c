/**
 * Child process: SQLite's own limit, the reference for the import (issue 12). The same NDJSON
 * file, the same rows (computed by each kind's definition, as the import computes them), inserted
 * by plain prepared INSERTs in one transaction into a fresh file whose tables have the same
 * columns as ours, built from the drizzle table definitions (getTableConfig), but only their
 * primary keys: no other constraint, no index, no trigger, no full-text index, no migrations. No
 * validation, no staging, no comparison with stored records. Also times reading and parsing the
 * file alone. Prints one JSON line.
 *
 *   node --import tsx bench/load/raw-insert.ts <file.ndjson> <database>
 */
import { createReadStream } from 'node:fs';
import Sqlite from 'better-sqlite3';
import { getTableColumns } from 'drizzle-orm';
import { getTableConfig, type SQLiteColumn, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { blocksOf } from '../../src/bundle/readers.js';
import { KINDS, type KindName, kindOf } from '../../src/kinds/index.js';
import { citations } from '../../src/kinds/sources/citations-table.js';
import { type KindDefinition, keyOf } from '../../src/records/definition.js';
import { rowOf } from '../../src/records/rows.js';
import { cpuSeconds, freshDatabase, peakRssMb } from './common.js';

const [file, path] = process.argv.slice(2) as [string, string];
freshDatabase(path);
const sqlite = new Sqlite(path);
// The pragmas the project opens its files with that bear on writing speed.
sqlite.pragma('journal_mode = WAL');
sqlite.pragma('synchronous = NORMAL');

type Row = Record<string, unknown>;

/** CREATE TABLE with the table's columns and declared types, and its primary key alone. */
function createTableSql(table: SQLiteTable): string {
  const config = getTableConfig(table);
  const columns = config.columns.map(
    (c) => `"${c.name}" ${c.getSQLType()}${c.primary ? ' primary key' : ''}`,
  );
  for (const key of config.primaryKeys) {
    columns.push(`primary key (${key.columns.map((c) => `"${c.name}"`).join(', ')})`);
  }
  return `create table "${config.name}" (${columns.join(', ')})`;
}

const tables: SQLiteTable[] = [
  ...KINDS.flatMap((kind) => [
    kind.table as SQLiteTable,
    ...((kind as KindDefinition).lists ?? []).map((l) => l.table as SQLiteTable),
  ]),
  citations,
];
for (const table of new Set(tables)) sqlite.exec(createTableSql(table));

/** A prepared INSERT of a table's columns, taking a row keyed as drizzle keys it (camelCase). */
function inserter(table: SQLiteTable) {
  const columns = Object.entries(getTableColumns(table)) as [string, SQLiteColumn][];
  const names = columns.map(([, c]) => `"${c.name}"`).join(', ');
  const statement = sqlite.prepare(
    `insert into "${getTableConfig(table).name}" (${names}) values (${columns.map(() => '?').join(', ')})`,
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

/** The file's lines, cut as the import cuts them. */
async function* linesOf(): AsyncGenerator<string> {
  for await (const { bytes } of blocksOf(stream())) {
    yield* Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
      .toString('utf8')
      .split('\n');
  }
}

let parsed = 0;
const parseStarted = performance.now();
for await (const text of linesOf()) {
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
for await (const text of linesOf()) {
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
    rowsPerSecond: rows / seconds,
    peakRssMb: peakRssMb(),
  }),
);
