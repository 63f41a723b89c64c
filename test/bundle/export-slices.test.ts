/**
 * An export in slices is the same bytes as the export written in one go, before slices existed
 * (kept below as `wholeExport`): whatever the slices' budget, for JSON and NDJSON, all kinds or
 * some, a period or none; and for CSV, one kind's records as csvOf writes them in one go; on the
 * seed and on generated data, where kinds hold several batches.
 */
import t, { type Test } from 'tap';
import { csvOf } from '../../src/bundle/csv.js';
import {
  EXPORT_START,
  type ExportOptions,
  type ExportPosition,
  exportChunks,
  exportSlice,
  SLICE_BUDGET,
  type SliceBudget,
} from '../../src/bundle/export.js';
import { exportSliceTask, sliceOf } from '../../src/bundle/export-task.js';
import { recordBatch } from '../../src/bundle/records.js';
import { loadSeed, readSeedBundle } from '../../src/bundle/seed.js';
import type { Db } from '../../src/db/database.js';
import { openDatabase } from '../../src/db/database.js';
import { renderRead } from '../../src/http/reads/task.js';
import { KIND_NAMES, KINDS } from '../../src/kinds/index.js';
import { generatedDatabase } from '../generated.js';
import { openTestDb, sqliteOnly } from '../helper.js';

const SQLITE_ONLY = sqliteOnly(
  "SQLite's export slice tasks on a SQLite database; PostgreSQL's export: test/postgres/export.test.ts",
);

/** The export as it was written before slices (src/bundle/export.ts at 21c43b7), in one string. */
function wholeExport(db: Db, options: ExportOptions): string {
  const kinds = KINDS.filter((k) => !options.kinds || options.kinds.includes(k.name));
  const { from, to } = options;
  if (options.format === 'csv') return wholeCsv(db, options);
  const json = options.format === 'json';
  let out = json ? '{"format":"annals-bundle","version":1' : '';
  for (const { name: kind, inPeriod } of kinds) {
    if (json) out += `,\n${JSON.stringify(kind)}:[`;
    const period = from || to ? inPeriod?.(from, to) : undefined;
    let first = true;
    for (let after: string | null = null; ; ) {
      const records: { id: string }[] = recordBatch(db, kind, period, after, 500);
      if (records.length === 0) break;
      for (const record of records) {
        const text = JSON.stringify(record);
        out += json
          ? `${first ? '' : ','}\n${text}`
          : `{"kind":${JSON.stringify(kind)},"record":${text}}\n`;
        first = false;
      }
      after = records[records.length - 1]?.id ?? null;
    }
    if (json) out += first ? ']' : '\n]';
  }
  return json ? `${out}}\n` : out;
}

/** A CSV export in one go: the header, then every record of its one kind. */
function wholeCsv(db: Db, options: ExportOptions): string {
  const { name, inPeriod } = KINDS.find((k) =>
    options.kinds?.includes(k.name),
  ) as (typeof KINDS)[number];
  const period = options.from || options.to ? inPeriod?.(options.from, options.to) : undefined;
  const records: { id: string }[] = [];
  for (let after: string | null = null; ; ) {
    const batch: { id: string }[] = recordBatch(db, name, period, after, 500);
    if (batch.length === 0) break;
    records.push(...batch);
    after = batch[batch.length - 1]?.id ?? null;
  }
  return csvOf(name, records, true);
}

/** The slices from the start to the end, each through its read task as a worker renders it. */
function slices(db: Db, options: ExportOptions, budget: SliceBudget): string[] {
  const texts: string[] = [];
  for (let position: ExportPosition | null = EXPORT_START; position !== null; ) {
    const slice = exportSlice(db, options, position, budget);
    texts.push(slice.text);
    position = slice.next;
  }
  return texts;
}

const OPTIONS: ExportOptions[] = [
  { format: 'json' },
  { format: 'ndjson' },
  { format: 'json', kinds: ['events', 'people'] },
  { format: 'ndjson', kinds: ['statements', 'places'] },
  { format: 'json', from: '2023-07-25', to: '2023-07-27' },
  { format: 'ndjson', from: '1950', to: '1953' },
  { format: 'json', kinds: ['participations', 'sources'], to: '2000' },
  { format: 'ndjson', kinds: ['figures'], from: '2030' },
  // CSV: the header in the first slice only, then rows, whatever the budget.
  { format: 'csv', kinds: ['events'] },
  { format: 'csv', kinds: ['statements'], from: '2023-07-26', to: '2023-07-26' },
  { format: 'csv', kinds: ['figures'], from: '2030' },
];

const BUDGETS: [string, SliceBudget][] = [
  ['a record a slice', { bytes: 1, ms: Number.POSITIVE_INFINITY, records: 1 }],
  ['7 records a batch, 2 KB a slice', { bytes: 2000, ms: Number.POSITIVE_INFINITY, records: 7 }],
  ['the default budget', SLICE_BUDGET],
];

function checkSlices(t: Test, db: Db, options: ExportOptions) {
  const whole = wholeExport(db, options);
  const label = JSON.stringify(options);
  for (const [name, budget] of BUDGETS) {
    const texts = slices(db, options, budget);
    t.equal(texts.join(''), whole, `${label}, ${name}: the slices joined are the whole export`);
  }
  t.equal([...exportChunks(db, options)].join(''), whole, `${label}: exportChunks too`);
}

t.test('on the seed', SQLITE_ONLY, async (t) => {
  const db = openTestDb(t);
  loadSeed(db);
  for (const options of OPTIONS) checkSlices(t, db, options);

  const one = slices(db, { format: 'ndjson' }, BUDGETS[0]?.[1] as SliceBudget);
  const seed = readSeedBundle();
  const records = KIND_NAMES.reduce((sum, kind) => sum + seed[kind].length, 0);
  t.equal(
    one.filter((text) => text !== '').length,
    records,
    `a record a slice: ${records} slices of a line`,
  );
  // The default's sizes with no time limit: its 25 ms are reached by the seed on a busy machine.
  const json = slices(db, { format: 'json' }, { ...SLICE_BUDGET, ms: Number.POSITIVE_INFINITY });
  t.equal(json.length, 1, "the seed fits in one slice of the default's sizes");
  t.ok(JSON.parse(json[0] as string), 'which parses');
});

t.test('on generated data, kinds of several batches', SQLITE_ONLY, async (t) => {
  const path = await generatedDatabase(t, 150);
  const db = openDatabase(path);
  t.teardown(() => db.$client.close());
  for (const options of OPTIONS) checkSlices(t, db, options);
  const count = slices(db, { format: 'json' }, SLICE_BUDGET).length;
  t.ok(count > 1, `${count} slices by default`);
});

t.test(
  'the slice task renders a slice as its text after one line of position',
  SQLITE_ONLY,
  async (t) => {
    const db = openTestDb(t);
    loadSeed(db);
    const budget = { ...SLICE_BUDGET, bytes: 1, records: 10 };
    // The task renders with the default budget; a position from a smaller one is as good.
    const first = exportSlice(db, { format: 'json' }, EXPORT_START, budget);
    // Its 25 ms budget may cut the rest in more slices on a busy machine: follow them to the end.
    let text = first.text;
    let position = first.next as ExportPosition | null;
    let rendered = 0;
    while (position !== null && rendered < 100) {
      const result = renderRead(exportSliceTask, db, { options: { format: 'json' }, position });
      t.equal(result.tag, 'ok', `slice ${rendered + 1} rendered`);
      const slice = sliceOf((result as { body: string }).body);
      text += slice.text;
      position = slice.next as ExportPosition | null;
      rendered += 1;
    }
    t.ok(rendered >= 1 && position === null, `the task rendered the rest in ${rendered} slice(s)`);
    t.equal(text, wholeExport(db, { format: 'json' }), 'the same bytes');
  },
);
