/**
 * Child process of items.ts: one measured round of one item read task, from the source tree at
 * `--root` (so that two trees, say main and a branch, can be measured alternately on the same
 * ids). Prints one JSON line.
 *
 *   node --import tsx bench/micro/item-round.ts --root . --db annals.db --task events.get \
 *     --items 20000 --seed 1 [--warmup 2000] [--query '{"names_by":"DPRK"}']
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    root: { type: 'string', default: '.' },
    db: { type: 'string' },
    task: { type: 'string', default: 'events.get' },
    items: { type: 'string', default: '20000' },
    warmup: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '1' },
    query: { type: 'string', default: '{}' },
  },
});
if (!values.db) throw new Error('--db is required');

const from = (path: string) => import(pathToFileURL(join(values.root, path)).href);
const { openReadConnection } = await from('src/db/database.ts');
const { renderRead } = await from('src/http/reads/task.ts');
const { readTasks } = await from('src/reads/registry.ts');

const db = openReadConnection(values.db);
const task = readTasks().get(values.task);
if (!task) throw new Error(`no task ${values.task}`);
const table = values.task.startsWith('people.') ? 'people' : 'events';
const ids = db.$client.prepare(`select id from ${table}`).pluck().all() as string[];

/** mulberry32: the same seed draws the same ids in every tree. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
const next = random(Number(values.seed));
const draw = (n: number) =>
  Array.from({ length: n }, () => ids[Math.floor(next() * ids.length)] as string);
const query = JSON.parse(values.query) as unknown;

let bytes = 0;
const render = (id: string) => {
  const result = renderRead(task, db, { id, query });
  if (result.tag !== 'ok') throw new Error(`${id}: ${JSON.stringify(result)}`);
  bytes += result.body.length;
};

for (const id of draw(Number(values.warmup))) render(id);
const measured = draw(Number(values.items));
bytes = 0;
const cpu = process.cpuUsage();
const wall = performance.now();
for (const id of measured) render(id);
const used = process.cpuUsage(cpu);
const wallMs = performance.now() - wall;
console.log(
  JSON.stringify({
    root: values.root,
    task: values.task,
    items: measured.length,
    cpuUsPerItem: (used.user + used.system) / measured.length,
    wallUsPerItem: (wallMs * 1000) / measured.length,
    bytesPerItem: bytes / measured.length,
  }),
);
