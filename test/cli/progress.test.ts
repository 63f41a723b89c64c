import { setTimeout as sleep } from 'node:timers/promises';
import t from 'tap';
import { createProgress, formatBytes, formatLine } from '../../src/cli/progress.js';

function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  return { written, isTTY, columns: 100, write: (text: string) => written.push(text) };
}

t.test('formatBytes uses binary units', async (t) => {
  t.equal(formatBytes(512), '512 B');
  t.equal(formatBytes(1536), '1.5 KiB');
  t.equal(formatBytes(64 * 1024 * 1024), '64 MiB');
});

t.test('formatLine shows records, rate, a bar and bytes within the width', async (t) => {
  const line = formatLine(
    { records: 12_345, bytes: 512 * 1024, total: 1024 * 1024, rate: 4000 },
    100,
  );
  t.equal(
    line,
    '12,345 records  4,000/s  [###############---------------]  50%  512 KiB / 1.0 MiB',
  );
  const narrow = formatLine({ records: 1, bytes: 1, total: 2, rate: 1, note: 'writing' }, 40);
  t.ok(narrow.length <= 39, 'a narrow terminal drops the bar and cuts the line');
  t.notMatch(narrow, /\[/, 'no bar without room for one');
  t.equal(formatLine({ records: 0, bytes: 2048, rate: 1024 }), '0 records  1.0 KiB/s  2.0 KiB');
});

t.test('on a terminal the line is redrawn, then erased', async (t) => {
  const stream = fakeStream(true);
  const progress = createProgress({ total: 100, stream, intervalMs: 5 });
  progress.bytes(50);
  progress.records(20_000);
  await sleep(30);
  progress.note('writing');
  progress.done();
  t.ok(stream.written.length >= 2, 'redrawn on a timer');
  t.ok(stream.written[0]?.startsWith('\r\x1b[2K20,000 records'), 'each draw replaces the line');
  t.match(stream.written.at(-2), /writing$/, 'a note is drawn at once');
  t.equal(stream.written.at(-1), '\r\x1b[2K', 'the line is erased at the end');
  t.notMatch(stream.written.join(''), /\n/, 'no plain lines on a terminal');
});

t.test('elsewhere, a plain line every 10,000 records', async (t) => {
  const stream = fakeStream(false);
  const progress = createProgress({ total: 4096, stream });
  progress.bytes(2048);
  for (let n = 1; n <= 25_000; n += 1) progress.records(n);
  progress.note('writing');
  progress.note('writing');
  progress.note('indexing');
  progress.done();
  t.same(stream.written, [
    '10,000 records read (2.0 KiB of 4.0 KiB)\n',
    '20,000 records read (2.0 KiB of 4.0 KiB)\n',
    'writing…\n',
    'indexing…\n',
  ]);
});

t.test('elsewhere, a small file prints nothing, not even its phases', async (t) => {
  const stream = fakeStream(false);
  const progress = createProgress({ total: 10, stream });
  progress.records(3);
  progress.note('writing');
  progress.done();
  t.same(stream.written, []);
});
