/**
 * Every kind's item read on PostgreSQL gives SQLite's answer, byte for byte (parity.ts): every
 * seeded record of every kind (the ids read from the SQLite side), a missing id (none on both),
 * and an event under each `include=` and `names_by`; the records of the kinds without a resource
 * and the import log's lines as well. The records include crowd.ts's, whose lists pass their caps.
 */

import { drizzle } from 'drizzle-orm/node-postgres';
import t from 'tap';
import { logImportPostgres } from '../../src/bundle/postgres/import.js';
import { loadSeedPostgres } from '../../src/bundle/postgres/seed.js';
import type { ImportRecord } from '../../src/bundle/report.js';
import { loadSeed } from '../../src/bundle/seed.js';
import { type ReadTask, renderRead } from '../../src/http/reads/task.js';
import { readTasks } from '../../src/reads/registry.js';
import { tempDir } from '../helper.js';
import { writeCrowdBundle } from './crowd.js';
import { sameAnswer } from './parity.js';
import { seededBackends } from './seeded.js';

const backends = await seededBackends(t);
// Beside the seed, items whose lists pass their caps (crowd.ts), loaded into both.
const crowd = writeCrowdBundle(tempDir(t));
loadSeed(backends.sqlite, crowd);
await loadSeedPostgres(backends.pool, crowd);
const tasks = readTasks();

/** The ids of a table on the SQLite side, in id order. */
const idsOf = (table: string) =>
  backends.sqlite.$client.prepare(`select id from ${table} order by id`).pluck().all() as string[];

const task = (name: string) => tasks.get(name) as ReadTask<{ id: string; query: object }>;

/** The item task of each kind and the table of its records. */
const ITEMS: [string, string][] = [
  ['events.get', 'events'],
  ['people.get', 'people'],
  ['places.get', 'places'],
  ['organizations.get', 'organizations'],
  ['sources.get', 'sources'],
  ['statements.get', 'statements'],
  ['figures.get', 'figures'],
  ['delegations.get', 'delegations'],
];

for (const [name, table] of ITEMS) {
  t.test(`${name}: every seeded record, and a missing one, as on SQLite`, async (t) => {
    const ids = idsOf(table);
    t.ok(ids.length > 0, `the seed has ${table}`);
    for (const id of [...ids, 'no-such-record']) {
      await sameAnswer(t, backends, task(name), { id, query: {} }, { checkResponses: true });
    }
  });
}

t.test('the records of the kinds without a resource, every one and a missing one', async (t) => {
  for (const kind of ['positions', 'relations', 'participations']) {
    const ids = idsOf(kind);
    t.ok(ids.length > 0, `the seed has ${kind}`);
    for (const id of [...ids, 'no-such-record']) {
      await sameAnswer(
        t,
        backends,
        task(`${kind}.record`),
        { id, query: {} },
        { checkResponses: true },
      );
    }
  }
});

t.test('imports.get: each line of the import log, and a missing one', async (t) => {
  // Each backend logged its own loads (their times differ): PostgreSQL's log is made SQLite's.
  const lines = backends.sqlite.$client
    .prepare('select id from imports order by id')
    .pluck()
    .all() as string[];
  t.ok(lines.length >= 2, 'the seed and the crowd were logged');
  await backends.pool.query('delete from imports');
  const client = await backends.pool.connect();
  try {
    for (const id of lines) {
      const found = renderRead(task('imports.get'), backends.sqlite, { id, query: {} });
      if (found.tag !== 'ok') throw new Error(`no import ${id} on SQLite`);
      await logImportPostgres(drizzle({ client }), JSON.parse(found.body) as ImportRecord);
    }
  } finally {
    client.release();
  }
  for (const id of [...lines, '00000000-0000-8000-8000-000000000000']) {
    await sameAnswer(t, backends, task('imports.get'), { id, query: {} }, { checkResponses: true });
  }
});

/** The lists of each crowded item (crowd.ts) that its SQLite answer shows capped. */
const CROWDED: [string, string, string[]][] = [
  ['events.get', 'crowd-event', ['names', 'participants', 'children']],
  ['people.get', 'crowd-hub', ['positions', 'relations', 'events', 'statements', 'delegations']],
  ['places.get', 'crowd-place', ['children', 'events']],
  ['organizations.get', 'crowd-org', ['children', 'members', 'statements', 'events']],
  ['sources.get', 'crowd-text', ['cites', 'cited_by', 'annotations']],
  ['delegations.get', 'crowd-delegation', ['members', 'receivers', 'statements']],
];

t.test('the crowded items pass their caps, so that the caps were compared', async (t) => {
  for (const [name, id, lists] of CROWDED) {
    const found = renderRead(task(name), backends.sqlite, { id, query: {} });
    const item = JSON.parse(found.tag === 'ok' ? found.body : '{}') as {
      lists?: Record<string, { total: number }>;
    } & Record<string, unknown[]>;
    for (const list of lists) {
      const shown = item[list]?.length ?? 0;
      t.ok(
        (item.lists?.[list]?.total ?? 0) > shown && shown > 0,
        `${name} ${id}: ${list} shows ${shown} of ${item.lists?.[list]?.total}`,
      );
    }
  }
});

t.test('events.get with include= and names_by, as on SQLite', async (t) => {
  const events = task('events.get');
  const parties = backends.sqlite.$client
    .prepare('select distinct used_by from event_names order by used_by')
    .pluck()
    .all() as string[];
  t.ok(parties.length > 0, 'the seed names events by party');
  const includes = [['place'], ['parent'], ['place', 'parent']];
  // Each party as stored, in other cases (names_by is case-insensitive), and one with no names.
  const namesBy = [
    ...parties,
    ...parties.map((p) => p.toUpperCase()),
    ...parties.map((p) => p.toLowerCase()),
    'nobody',
  ];
  const queries = [
    ...includes.map((include) => ({ include })),
    ...namesBy.map((names_by) => ({ names_by })),
    { include: ['place', 'parent'], names_by: parties[0] },
  ];
  // The crowd's many parts add nothing here: the crowded event itself stays.
  const ids = idsOf('events').filter((id) => !id.startsWith('crowd-child-'));
  t.ok(
    ids.some((id) =>
      backends.sqlite.$client
        .prepare('select 1 from events where id = ? and parent_id is not null')
        .get(id),
    ),
    'an event has a parent to expand',
  );
  for (const id of [...ids, 'no-such-record']) {
    for (const query of queries) {
      await sameAnswer(t, backends, events, { id, query }, { checkResponses: true });
    }
  }
});
