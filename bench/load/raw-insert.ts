/**
 * Child process: the baseline for the import. The same NDJSON file, the same rows (computed by
 * src/bundle/rows.ts, as the import does) into the same tables of a fresh database with the same
 * migrations (so the same indexes and search triggers), but with plain prepared INSERTs in one
 * transaction: no validation, no staging, no comparison with stored records. Also times reading
 * and parsing the file alone. Prints one JSON line.
 *
 *   node --import tsx bench/load/raw-insert.ts <file.ndjson> <database>
 */
import { createReadStream } from 'node:fs';
import { getTableColumns, getTableName } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { CITED_KIND_OF, TABLE_OF } from '../../src/bundle/kinds.js';
import { linesOf } from '../../src/bundle/readers.js';
import { agentColumns, toRow } from '../../src/bundle/rows.js';
import type { Bundle, BundleKind } from '../../src/bundle/schema.js';
import { migrateDatabase, openDatabase } from '../../src/db/database.js';
import * as t from '../../src/kinds/tables.js';
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

const insertInto = Object.fromEntries(
  Object.entries(TABLE_OF).map(([kind, table]) => [kind, inserter(table)]),
) as Record<BundleKind, (row: Row) => void>;
const insertCitation = inserter(t.citations);
const insertSourceCite = inserter(t.sourceCites);
const insertEventName = inserter(t.eventNames);
const insertMember = inserter(t.delegationMembers);
const insertReceiver = inserter(t.delegationReceivers);

function insertRecord(kind: BundleKind, record: Bundle[BundleKind][number]): number {
  let rows = 1;
  insertInto[kind]((toRow[kind] as (r: typeof record) => Row)(record));
  if (kind === 'sources') {
    const r = record as Bundle['sources'][number];
    for (const cited of r.cites) insertSourceCite({ sourceId: r.id, citedSourceId: cited });
    rows += r.cites.length;
  } else if (kind === 'events') {
    const r = record as Bundle['events'][number];
    r.names.forEach((n, ordinal) => {
      insertEventName({ eventId: r.id, ordinal, name: n.name, usedBy: n.used_by });
    });
    rows += r.names.length;
  } else if (kind === 'delegations') {
    const r = record as Bundle['delegations'][number];
    for (const m of r.members) {
      insertMember({ delegationId: r.id, personId: m.person, role: m.role ?? null });
    }
    r.receivers.forEach((m, ordinal) => {
      insertReceiver({
        delegationId: r.id,
        ordinal,
        ...agentColumns(m.receiver),
        role: m.role,
        placeId: m.place ?? null,
      });
    });
    rows += r.members.length + r.receivers.length;
  }
  record.citations.forEach((c, ordinal) => {
    insertCitation({
      subjectKind: CITED_KIND_OF[kind],
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
  const { kind, record } = JSON.parse(text) as { kind: BundleKind; record: Row };
  rows += insertRecord(kind, withDefaults(record) as unknown as Bundle[BundleKind][number]);
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
