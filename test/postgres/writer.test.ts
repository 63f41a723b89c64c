/**
 * The PostgreSQL writer rewrites records as SQLite's writer does: the same records written over
 * the seed on both backends (lists reordered and emptied, citations and basis replaced, a
 * source's text changed, which moves or drops the offsets of the excerpts taken from it, an
 * event's start moved, which its participations copy) leave the same rows in every table.
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import t from 'tap';
import { exportChunks } from '../../src/bundle/export.js';
import { exportChunksPostgres } from '../../src/bundle/postgres/export.js';
import { deferKeys, writeRecords } from '../../src/bundle/postgres/writer.js';
import { readRecord } from '../../src/bundle/records.js';
import { writeRecord } from '../../src/bundle/writer.js';
import type { KindName, RecordOf } from '../../src/kinds/index.js';
import { rowsOfBoth } from './same-rows.js';
import { seededBackends } from './seeded.js';

const { pool, sqlite } = await seededBackends(t);

/** A stored record changed by `change`, written on both backends. */
async function rewrite<N extends KindName>(
  name: N,
  id: string,
  change: (record: RecordOf<N>) => RecordOf<N>,
): Promise<void> {
  const record = readRecord(sqlite, name, id);
  if (!record) throw new Error(`no ${name} ${id} in the seed`);
  const changed = change(structuredClone(record));
  sqlite.$client.transaction(() => {
    sqlite.$client.pragma('defer_foreign_keys = ON');
    writeRecord(sqlite, name, changed);
  })();
  await drizzle({ client: pool }).transaction(async (tx) => {
    await deferKeys(tx);
    await writeRecords(tx, name, [changed]);
  });
}

t.test('the same rewrites leave the same rows', async (t) => {
  await rewrite('events', 'korean-war', (e) => ({
    ...e,
    start: '1950-06-25',
    names: [...e.names].reverse().slice(0, 2),
    citations: e.citations.slice(1),
    basis: {},
  }));
  await rewrite('delegations', 'li-hongzhong-delegation-pyongyang-2023', (d) => ({
    ...d,
    members: [{ person: 'li-hongzhong', role: 'head' }],
    purpose: null,
  }));
  // Words cut from the middle of the text: the excerpts after them move, those across them go.
  await rewrite('sources', 'article-2023-07-27', (s) => ({
    ...s,
    text: `${(s.text ?? '').slice(0, 40)}${(s.text ?? '').slice(400)}`,
  }));
  const offsets = await pool.query(
    'select count(*) filter (where start_offset is null)::int as lost, count(*)::int as n from citations',
  );
  t.ok(
    offsets.rows[0].lost > 0,
    `${offsets.rows[0].lost} excerpts of ${offsets.rows[0].n} no longer found`,
  );
  for (const [table, rows] of await rowsOfBoth(sqlite, pool, { documentNumbers: false })) {
    t.same(rows.postgres, rows.sqlite, `${table}: the same ${rows.sqlite.length} rows`);
  }
});

t.test('lists rewritten come back in their new order in the export', async (t) => {
  // Read by their ordinal on both (moved rows: list-order.test.ts).
  const members = (ids: string[]) => ids.map((person) => ({ person, role: null }));
  const id = 'li-hongzhong-delegation-pyongyang-2023';
  await rewrite('delegations', id, (d) => ({
    ...d,
    members: members(['mao-ning', 'li-hongzhong', 'kim-jong-un']),
  }));
  await rewrite('delegations', id, (d) => ({
    ...d,
    members: members(['kim-jong-un', 'mao-ning']),
  }));
  await rewrite('delegations', id, (d) => ({
    ...d,
    members: members(['li-hongzhong', 'kim-jong-un', 'mao-ning']),
  }));
  const options = { format: 'ndjson' } as const;
  let postgres = '';
  for await (const chunk of exportChunksPostgres(pool, options)) postgres += chunk;
  t.equal(postgres, [...exportChunks(sqlite, options)].join(''), 'the same export');
  t.match(
    postgres,
    /"members":\[\{"person":"li-hongzhong","role":null\},\{"person":"kim-jong-un"/,
    'in the order last written',
  );
});
