/**
 * Migration postgres/0005 gives a delegation's members and a source's cites the ordinal they
 * lacked: rows stored before it are numbered in the order of their places in the table (ctid),
 * the order exports read them in until then, and a member is still a delegation's once. SQLite's
 * migration: test/db/list-ordinals.test.ts.
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import t from 'tap';
import { migratePostgres } from '../../src/db/postgres.js';
import { POSTGRES_MIGRATIONS_FOLDER } from '../../src/paths.js';
import { migrationsBefore } from '../helper.js';
import { startPostgresPool } from './server.js';

const { pool } = await startPostgresPool(t);

t.test('0005 numbers stored members and cites in the order they were written', async (t) => {
  await migrate(drizzle({ client: pool }), {
    migrationsFolder: migrationsBefore(t, POSTGRES_MIGRATIONS_FOLDER, '0005_list_ordinals'),
  });
  await pool.query(`
    insert into people (id, name) values ('a', 'A'), ('b', 'B'), ('c', 'C');
    insert into delegations (id, name) values ('d1', 'One'), ('d2', 'Two');
    insert into sources (id, title) values ('s1', 'One'), ('s2', 'Two'),
      ('a', 'A'), ('b', 'B'), ('c', 'C');
    insert into delegation_members (delegation_id, person_id, role)
      values ('d1', 'c', 'x'), ('d1', 'a', null), ('d1', 'b', null), ('d2', 'a', null), ('d2', 'c', null);
    insert into source_cites (source_id, cited_source_id)
      values ('s1', 'c'), ('s1', 'a'), ('s2', 'b'), ('s2', 'a');
    -- d1 and s1 rewritten, reordered, after d2's and s2's rows, as a write replaces a list.
    delete from delegation_members where delegation_id = 'd1';
    insert into delegation_members (delegation_id, person_id, role)
      values ('d1', 'b', null), ('d1', 'c', 'x'), ('d1', 'a', null);
    delete from source_cites where source_id = 's1';
    insert into source_cites (source_id, cited_source_id) values ('s1', 'b'), ('s1', 'c'), ('s1', 'a');
  `);

  await migratePostgres(pool);

  const rows = async (text: string) => (await pool.query(text)).rows;
  t.same(
    await rows(
      'select delegation_id d, ordinal n, person_id p, role from delegation_members order by 1, 2',
    ),
    [
      { d: 'd1', n: 0, p: 'b', role: null },
      { d: 'd1', n: 1, p: 'c', role: 'x' },
      { d: 'd1', n: 2, p: 'a', role: null },
      { d: 'd2', n: 0, p: 'a', role: null },
      { d: 'd2', n: 1, p: 'c', role: null },
    ],
    'members numbered from 0 in each delegation, in the order written, roles kept',
  );
  t.same(
    await rows('select source_id s, ordinal n, cited_source_id c from source_cites order by 1, 2'),
    [
      { s: 's1', n: 0, c: 'b' },
      { s: 's1', n: 1, c: 'c' },
      { s: 's1', n: 2, c: 'a' },
      { s: 's2', n: 0, c: 'b' },
      { s: 's2', n: 1, c: 'a' },
    ],
    'cites numbered the same way',
  );
  await t.rejects(
    pool.query(
      `insert into delegation_members (delegation_id, ordinal, person_id) values ('d1', 3, 'a')`,
    ),
    { message: /unique constraint "delegation_members_delegation_person_idx"/ },
    'a person is a delegation member once',
  );
  await t.rejects(
    pool.query(
      `insert into source_cites (source_id, ordinal, cited_source_id) values ('s1', 3, 'a')`,
    ),
    { message: /unique constraint "source_cites_source_cited_idx"/ },
    'a source cites another once',
  );
  await t.rejects(
    pool.query(`insert into delegation_members (delegation_id, person_id) values ('d2', 'b')`),
    { message: /null value in column "ordinal"/ },
    'a member without an ordinal is refused (not null)',
  );
});
