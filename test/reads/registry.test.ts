/** The registry the read workers use: every task a route runs is in it, once, under its name. */
import t from 'tap';
import { type ReadTask, renderBody } from '../../src/http/reads/task.js';
import { readTasks, registerTasks } from '../../src/reads/registry.js';
import { buildTestApp, sqliteOnly } from '../helper.js';

const SQLITE_ONLY = sqliteOnly('runs the read tasks on app.db');

t.test(
  'every task has a unique name, and a name given twice is refused',
  SQLITE_ONLY,
  async (t) => {
    const registry = readTasks();
    t.ok(registry.size >= 21, `${registry.size} tasks`);
    for (const [name, task] of registry) t.equal(task.name, name);
    const again = registry.get('events.get') as ReadTask<never>;
    t.throws(() => registerTasks(registry, [again]), /two read tasks are named events\.get/);
  },
);

t.test('the tasks run inline give what the routes answer', SQLITE_ONLY, async (t) => {
  const app = await buildTestApp(t);
  await app.ready();
  const registry = readTasks();
  const item = registry.get('events.get') as ReadTask<{ id: string; query: object }>;
  const viaRoute = (await app.inject('/v1/events/korean-war')).body;
  t.equal(renderBody(item, item.run(app.db, { id: 'korean-war', query: {} })), viaRoute);
  t.equal(item.run(app.db, { id: 'no-such-event', query: {} }), null);
});
