/**
 * The parity harness (parity.ts) itself: it passes a PostgreSQL run that gives SQLite's answer,
 * and fails one whose answer differs by a byte or that finds nothing where SQLite finds it.
 */
import { count } from 'drizzle-orm';
import type pg from 'pg';
import t, { type Test } from 'tap';
import { z } from 'zod';
import { readTask } from '../../src/http/reads/task.js';
import { people } from '../../src/kinds/tables.js';
import { sameAnswer } from './parity.js';
import { seededBackends } from './seeded.js';

const countPeople = readTask('test.countPeople', z.object({ people: z.number() }), (db) => ({
  people: db.select({ n: count() }).from(people).get()?.n ?? 0,
}));

const peopleOn = async (client: pg.PoolClient) =>
  (await client.query<{ n: number }>('select count(*)::int as n from people')).rows[0]?.n ?? 0;

/** What sameAnswer asserts, recorded instead of reported: true for each check that passed. */
function recorder(): { t: Test; passed: boolean[] } {
  const passed: boolean[] = [];
  const t = {
    fail: () => passed.push(false),
    same: (a: unknown, b: unknown) => passed.push(JSON.stringify(a) === JSON.stringify(b)),
  } as unknown as Test;
  return { t, passed };
}

t.test('equal answers pass, an answer a byte apart or missing fails', async (t) => {
  const backends = await seededBackends(t);
  const cases = {
    equal: async (client: pg.PoolClient) => ({ people: await peopleOn(client) }),
    'one more': async (client: pg.PoolClient) => ({ people: (await peopleOn(client)) + 1 }),
    missing: async () => null,
  };
  const outcomes: Record<string, boolean[]> = {};
  for (const [name, run] of Object.entries(cases)) {
    const { t: probe, passed } = recorder();
    await sameAnswer(probe, backends, countPeople, {}, {}, run);
    outcomes[name] = passed;
  }
  t.same(outcomes, { equal: [true], 'one more': [false], missing: [false] });
});
