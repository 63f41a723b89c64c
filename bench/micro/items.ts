/**
 * CPU per item of the item read tasks (events.get, people.get) as a read worker renders them:
 * one read transaction, the task, the schema's serializer (renderRead). Rounds alternate between
 * the source trees given, each round a fresh process on the same uniformly drawn ids, so that
 * both trees meet the same data and the same machine load. Not part of `npm run bench`.
 *
 *   tsx bench/micro/items.ts --db /tmp/annals-100000.db [--trees /tmp/main,.] \
 *     [--tasks events.get,people.get] [--items 20000] [--rounds 3]
 *
 * Prints each round and then, per task and tree, the median CPU µs per item.
 */
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    trees: { type: 'string', default: '.' },
    tasks: { type: 'string', default: 'events.get,people.get' },
    items: { type: 'string', default: '20000' },
    warmup: { type: 'string', default: '2000' },
    rounds: { type: 'string', default: '3' },
    query: { type: 'string', default: '{}' },
  },
});
if (!values.db) throw new Error('--db is required');
const roundScript = new URL('./item-round.ts', import.meta.url).pathname;

interface Round {
  root: string;
  task: string;
  cpuUsPerItem: number;
  wallUsPerItem: number;
  bytesPerItem: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

const rounds: Round[] = [];
const trees = values.trees.split(',');
console.log(
  `load average before: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
for (let r = 0; r < Number(values.rounds); r++) {
  for (const task of values.tasks.split(',')) {
    // Alternate which tree goes first, so neither always meets the other's warm page cache.
    const order = r % 2 === 0 ? trees : [...trees].reverse();
    for (const root of order) {
      const out = execFileSync(
        process.execPath,
        [
          '--import',
          'tsx',
          roundScript,
          ...['--root', root, '--db', values.db, '--task', task],
          ...['--items', values.items, '--warmup', values.warmup, '--seed', String(r + 1)],
          ...['--query', values.query],
        ],
        { encoding: 'utf8' },
      );
      const round = JSON.parse(out.trim().split('\n').at(-1) as string) as Round;
      rounds.push(round);
      console.log(
        `round ${r + 1} ${task} ${root}: ${round.cpuUsPerItem.toFixed(1)} CPU µs/item, ` +
          `${round.wallUsPerItem.toFixed(1)} wall µs/item, ${round.bytesPerItem.toFixed(0)} B`,
      );
    }
  }
}
console.log(
  `load average after: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
for (const task of values.tasks.split(',')) {
  for (const root of trees) {
    const mine = rounds.filter((x) => x.task === task && x.root === root);
    console.log(
      `${task} ${root}: median ${median(mine.map((x) => x.cpuUsPerItem)).toFixed(1)} CPU µs/item ` +
        `(${mine.map((x) => x.cpuUsPerItem.toFixed(1)).join(', ')})`,
    );
  }
}
