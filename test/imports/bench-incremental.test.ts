/**
 * The bench's incremental import (d) (bench/load/incremental.ts) is what its figure says it is:
 * loaded records with one field revised, and new records. A changed record that differed in
 * more (its citations drawn again, as the generator once did) would make (d) measure rewrites
 * the README does not speak of.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { generate } from '../../bench/generate.js';
import { writeIncremental } from '../../bench/load/incremental.js';
import { runImport } from '../../src/bundle/run.js';
import { openTestDb, sqliteOnly, tempDir } from '../helper.js';

const SQLITE_ONLY = sqliteOnly('the bench loads SQLite files');

type Line = { kind: string; record: Record<string, unknown> & { id: string } };
const linesOf = (file: string): Line[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line));

t.test(
  "(d)'s changed records are the loaded ones with one field revised",
  SQLITE_ONLY,
  async (t) => {
    const dir = tempDir(t);
    const { ndjson } = await generate(200, dir, { force: true });
    const plan = writeIncremental(200, join(dir, 'incremental.ndjson'), ndjson, 600);
    t.ok(plan.changedEvents > 0 && plan.changedPeople > 0, JSON.stringify(plan));

    const loaded = new Map(linesOf(ndjson).map((l) => [`${l.kind}/${l.record.id}`, l.record]));
    const changes = linesOf(plan.file).filter((l) => loaded.has(`${l.kind}/${l.record.id}`));
    t.equal(changes.length, plan.changedEvents + plan.changedPeople, 'as many changed as planned');
    const revised = { events: 'title', people: 'description' } as Record<string, string>;
    const others = (record: Record<string, unknown>, field: string) =>
      Object.fromEntries(Object.entries(record).filter(([key]) => key !== field));
    const differing = changes.filter(({ kind, record }) => {
      const field = revised[kind] as string;
      const before = loaded.get(`${kind}/${record.id}`) as Record<string, unknown>;
      return (
        record[field] === before[field] ||
        JSON.stringify(others(record, field)) !== JSON.stringify(others(before, field))
      );
    });
    t.same(
      differing.map((l) => `${l.kind}/${l.record.id}`),
      [],
      'each differs from the loaded record in its revised field alone',
    );

    // Imported as the bench does: into the database the bundle loaded, counted as planned.
    const db = openTestDb(t);
    const run = (file: string) =>
      runImport(
        db,
        { format: 'ndjson', stream: createReadStream(file) },
        { mode: 'all', dryRun: false, keyName: 'test' },
      );
    t.equal((await run(ndjson)).status, 'imported');
    const incremental = await run(plan.file);
    t.equal(incremental.status, 'imported', JSON.stringify(incremental.report.rejections));
    t.match(incremental.report.totals, { ...plan.expected, unchanged: 0, rejected: 0 });
  },
);
