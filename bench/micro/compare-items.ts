/**
 * Every event and person item of a database, rendered by two source trees (say main and a
 * branch) through each one's read task and schema serializer, compared byte for byte: the check
 * behind "the answers keep their bytes" at a size no test runs. Events every tenth with
 * `names_by=dprk&include=place,parent`, every tenth-plus-one with `names_by=China`.
 *
 *   tsx bench/micro/compare-items.ts --db /tmp/annals-100000.db --old /tmp/main [--new .]
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    old: { type: 'string' },
    new: { type: 'string', default: '.' },
  },
});
if (!values.db || !values.old) throw new Error('--db and --old are required');
const database = values.db;

interface ReadTask {
  run(db: unknown, params: unknown): unknown;
  schema: unknown;
}

async function renderer(root: string) {
  const from = (path: string) => import(pathToFileURL(join(root, path)).href);
  const { openReadConnection } = await from('src/db/database.ts');
  const { renderRead } = await from('src/http/reads/task.ts');
  const { readTasks } = await from('src/reads/registry.ts');
  const db = openReadConnection(database);
  const tasks = readTasks() as Map<string, ReadTask>;
  return {
    db,
    /** The answer's text as a read renders it (renderRead: a made text as it is, or serialized). */
    render(name: string, params: unknown): string {
      const result = renderRead(tasks.get(name) as ReadTask, db, params);
      if (result.tag !== 'ok') throw new Error(`${name} ${JSON.stringify(params)}: ${result.tag}`);
      return result.body;
    },
  };
}

const before = await renderer(values.old);
const after = await renderer(values.new);
const ids = (table: string) =>
  before.db.$client.prepare(`select id from ${table} order by id`).pluck().all() as string[];

let checked = 0;
const differing: string[] = [];
const compare = (task: string, params: { id: string; query: unknown }) => {
  checked += 1;
  if (before.render(task, params) !== after.render(task, params)) {
    differing.push(`${task} ${JSON.stringify(params)}`);
  }
};
ids('events').forEach((id, i) => {
  const query =
    i % 10 === 0
      ? { names_by: 'dprk', include: ['place', 'parent'] }
      : i % 10 === 1
        ? { names_by: 'China' }
        : {};
  compare('events.get', { id, query });
});
for (const id of ids('people')) compare('people.get', { id, query: {} });
console.log(`${checked} items compared, ${differing.length} differ`);
for (const line of differing.slice(0, 20)) console.log(`  ${line}`);
process.exitCode = differing.length === 0 ? 0 : 1;
