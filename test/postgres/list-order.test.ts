/**
 * A delegation's members and a source's cites keep the record's order on PostgreSQL too, and
 * both exports stay the same bytes, after PostgreSQL has moved the rows. Moving them is what
 * CLUSTER does here (rewriting each table in the order of an index by member), as pg_repack, an
 * UPDATE or space freed by VACUUM and reused may do: read in the rows' places in the table (ctid),
 * the lists came back in that other order. The lists are given in an order that is neither their
 * ids', their names', nor the order their people and sources were made in; then reordered by a
 * second write, which replaces the list whole. SQLite's side, through the API:
 * test/writes/list-order.test.ts.
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import t from 'tap';
import { exportChunks } from '../../src/bundle/export.js';
import { exportChunksPostgres } from '../../src/bundle/postgres/export.js';
import { deferKeys, writeRecords } from '../../src/bundle/postgres/writer.js';
import { writeRecord } from '../../src/bundle/writer.js';
import { type KindName, kindOf, type RecordOf } from '../../src/kinds/index.js';
import { seededBackends } from './seeded.js';

const { pool, sqlite } = await seededBackends(t);

/** Records of a kind, validated (defaults filled), written on both backends. */
async function writeBoth<N extends KindName>(name: N, records: object[]): Promise<void> {
  const parsed = records.map((r) => kindOf(name).record.parse(r) as RecordOf<N>);
  sqlite.$client.transaction(() => {
    sqlite.$client.pragma('defer_foreign_keys = ON');
    for (const record of parsed) writeRecord(sqlite, name, record);
  })();
  await drizzle({ client: pool }).transaction(async (tx) => {
    await deferKeys(tx);
    await writeRecords(tx, name, parsed);
  });
}

/** Each list's table rewritten by PostgreSQL in the order of an index by member. */
async function moveRows(): Promise<void> {
  await pool.query('cluster delegation_members using delegation_members_person_idx');
  await pool.query('cluster source_cites using source_cites_cited_idx');
}

/** Both exports as NDJSON, and the records of the PostgreSQL one, by id. */
async function exports() {
  const options = { format: 'ndjson' } as const;
  let postgres = '';
  for await (const chunk of exportChunksPostgres(pool, options)) postgres += chunk;
  const records = new Map<string, Record<string, unknown>>();
  for (const line of postgres.split('\n').filter(Boolean)) {
    const { record } = JSON.parse(line);
    if (record) records.set(record.id, record);
  }
  return { postgres, sqlite: [...exportChunks(sqlite, options)].join(''), records };
}

// Made in id order a, b, c, their names sorting c, b, a; the lists given b, c, a, then c, a, b.
const IDS = ['list-order-a', 'list-order-b', 'list-order-c'];
const NAMES = ['Zed Alpha', 'Mira Beta', 'Ada Gamma'];
const GIVEN = ['list-order-b', 'list-order-c', 'list-order-a'];
const REORDERED = ['list-order-c', 'list-order-a', 'list-order-b'];

const members = (ids: string[]) => ids.map((person, i) => ({ person, role: `role ${i}` }));
const delegation = (ids: string[]) => ({
  id: 'list-order-delegation',
  name: 'List order delegation',
  status: 'held',
  members: members(ids),
});
const cited = (ids: string[]) => ids.map((id) => `${id}-source`);
const citing = (ids: string[]) => ({ id: 'list-order-citing', title: 'Citing', cites: cited(ids) });

t.test('lists come back in the order written, after PostgreSQL moved their rows', async (t) => {
  await writeBoth(
    'people',
    IDS.map((id, i) => ({ id, name: NAMES[i] })),
  );
  await writeBoth(
    'sources',
    IDS.map((id) => ({ id: `${id}-source`, title: id })),
  );

  for (const [label, order] of [
    ['as given', GIVEN],
    ['reordered', REORDERED],
  ] as const) {
    await writeBoth('delegations', [delegation(order)]);
    await writeBoth('sources', [citing(order)]);
    await moveRows();
    const { postgres, sqlite: expected, records } = await exports();
    t.equal(postgres, expected, `${label}: the same export on both`);
    t.same(records.get('list-order-delegation')?.members, members(order), `${label}: members`);
    t.same(records.get('list-order-citing')?.cites, cited(order), `${label}: cites`);
  }
});
