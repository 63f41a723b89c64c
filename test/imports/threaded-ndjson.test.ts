/**
 * A large NDJSON input is checked on threads of its own past THREADED_AFTER_BYTES (readers.ts).
 * The same input, cut into chunks anywhere, imports the same with and without them: the same
 * report (every rejection at its line), the same rows, in the input's order.
 */
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import t from 'tap';
import { MAX_LINE_BYTES } from '../../src/bundle/check.js';
import { THREADED_AFTER_BYTES } from '../../src/bundle/readers.js';
import { runImport } from '../../src/bundle/run.js';
import { openTestDb, sqliteOnly } from '../helper.js';

const PLACES = 40_000;

/** The threads this process runs now (Linux's count: the checking threads show in it). */
const threadsNow = () =>
  Number(/^Threads:\s+(\d+)/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]);
const idOf = (n: number) => `tp-${String(n).padStart(6, '0')}`;

/** The input's lines, and the rejections expected of it with their lines. */
function input() {
  const lines: string[] = [];
  const expected: { line: number; pointer: string; reason: RegExp }[] = [];
  const at = () => lines.length + 1;
  const bad = (text: string, pointer: string, reason: RegExp) => {
    expected.push({ line: at(), pointer, reason });
    lines.push(text);
  };
  for (let n = 1; n <= PLACES; n += 1) {
    // Now and then a parent defined further on, as an import may.
    const parent = n % 10 === 0 && n + 7 <= PLACES ? idOf(n + 7) : null;
    const record = { id: idOf(n), name: `Place ${n} ${'x'.repeat(200)}`, type: 'village', parent };
    lines.push(JSON.stringify({ kind: 'places', record }));
    // The same faults before the threads start (about 8 MiB in) and after.
    if (n === 5_000 || n === 35_000) {
      lines.push('');
      bad('{"kind": "places", "record": ', '', /^not valid JSON/);
      bad(JSON.stringify({ kind: 'planets', record: { id: 'p' } }), '/kind', /^unknown kind/);
      bad(JSON.stringify({ kind: 'places', rec: {} }), '/record', /^each line is/);
      bad(
        JSON.stringify({ kind: 'places', record: { id: `bad-${n}`, name: 'B', type: 7 } }),
        '/record/type',
        /./,
      );
      bad(
        JSON.stringify({
          kind: 'places',
          record: { id: `lost-${n}`, name: 'L', type: 'city', parent: 'none' },
        }),
        '/record/parent',
        /refers to place 'none'/,
      );
      // Longer than the limit by more than a chunk: that much of it waits for its end.
      bad('x'.repeat(MAX_LINE_BYTES + 400 * 1024), '', /^line longer than/);
      bad(
        JSON.stringify({
          kind: 'places',
          record: { id: idOf(n - 1), name: 'Again', type: 'city' },
        }),
        '/record/id',
        /is defined twice/,
      );
    }
  }
  return { text: `${lines.join('\n')}\n`, lines: lines.length, expected };
}

/** `text` as a stream of chunks of random sizes (up to 300 KiB), the same for the same seed. */
function chunked(text: string, seed: number): Readable {
  const bytes = Buffer.from(text);
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return 1 + (state % (300 * 1024));
  };
  return Readable.from(
    (function* () {
      for (let at = 0; at < bytes.length; ) {
        const size = next();
        yield bytes.subarray(at, at + size);
        at += size;
      }
    })(),
  );
}

t.test(
  'a large NDJSON input imports the same with checking threads as without',
  {
    ...sqliteOnly('the import session is SQLite whatever the backend'),
    ...(process.platform === 'linux' ? {} : { skip: 'counts threads in /proc' }),
  },
  async (t) => {
    const { text, lines, expected } = input();
    t.ok(Buffer.byteLength(text) > THREADED_AFTER_BYTES * 1.5, 'the input reaches the threads');
    const imported = [];
    // One thread is where this thread checks blocks too, whenever the thread is busy.
    for (const [threads, seed] of [
      [0, 7],
      [1, 13],
      [2, 11],
    ] as const) {
      const db = openTestDb(t);
      let read = 0;
      let mostThreads = 0;
      const record = await runImport(
        db,
        { format: 'ndjson', stream: chunked(text, seed) },
        {
          mode: 'partial',
          dryRun: false,
          keyName: 'test',
          checkThreads: threads,
          onProgress: (n) => {
            read = n;
            mostThreads = Math.max(mostThreads, threadsNow());
          },
        },
      );
      t.equal(read, lines, `${threads} threads: the progress counts every line`);
      const rows = db.$client
        .prepare("select id, name, parent_id from places where id like 'tp-%' order by rowid")
        .all();
      imported.push({ threads, report: record.report, rows, mostThreads });
    }
    const [alone, ...others] = imported as [(typeof imported)[0], ...typeof imported];
    for (const other of others) {
      t.ok(
        other.mostThreads >= alone.mostThreads + other.threads,
        `${other.threads} checking threads ran (${other.mostThreads} threads at most, ${alone.mostThreads} without)`,
      );
      t.same(other.report, alone.report, `${other.threads} threads: the same report`);
      t.same(other.rows, alone.rows, `${other.threads} threads: the same rows, in the same order`);
    }
    const threaded = others.at(-1) as (typeof imported)[0];
    t.equal(alone.rows.length, PLACES, 'every valid place is written');
    t.equal(threaded.report.totals.created, PLACES);

    const rejections = threaded.report.rejections;
    t.equal(rejections.length, expected.length, 'one rejection a fault');
    for (const want of expected) {
      const found = rejections.find((r) => r.line === want.line);
      t.ok(found, `line ${want.line} is rejected`);
      t.equal(found?.pointer, want.pointer, `line ${want.line}'s pointer`);
      t.match(found?.reason, want.reason, `line ${want.line}'s reason`);
    }
  },
);
