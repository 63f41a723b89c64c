/**
 * Migration 0016 gives a delegation's members and a source's cites the ordinal they lacked: rows
 * stored before it are numbered in rowid order, the order they were written in and exports read
 * them in until then, and a member is still a delegation's once. PostgreSQL's migration:
 * test/postgres/list-ordinals.test.ts.
 */
import Sqlite from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import t from 'tap';
import { MIGRATIONS_FOLDER } from '../../src/paths.js';
import { migrationsBefore, sqliteOnly } from '../helper.js';

const SQLITE_ONLY = sqliteOnly(
  "SQLite's migration of list ordinals; PostgreSQL's: test/postgres/list-ordinals.test.ts",
);

t.test(
  '0016 numbers stored members and cites in the order they were written',
  SQLITE_ONLY,
  async (t) => {
    const sqlite = new Sqlite(':memory:');
    t.teardown(() => sqlite.close());
    sqlite.pragma('foreign_keys = ON');
    const db = drizzle({ client: sqlite });
    migrate(db, { migrationsFolder: migrationsBefore(t, MIGRATIONS_FOLDER, '0016_list_ordinals') });

    sqlite.exec(`
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

    migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });

    t.same(
      sqlite
        .prepare(
          'select delegation_id d, ordinal n, person_id p, role from delegation_members order by 1, 2',
        )
        .all(),
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
      sqlite
        .prepare('select source_id s, ordinal n, cited_source_id c from source_cites order by 1, 2')
        .all(),
      [
        { s: 's1', n: 0, c: 'b' },
        { s: 's1', n: 1, c: 'c' },
        { s: 's1', n: 2, c: 'a' },
        { s: 's2', n: 0, c: 'b' },
        { s: 's2', n: 1, c: 'a' },
      ],
      'cites numbered the same way',
    );
    t.throws(
      () =>
        sqlite
          .prepare(
            `insert into delegation_members (delegation_id, ordinal, person_id) values ('d1', 3, 'a')`,
          )
          .run(),
      /UNIQUE constraint failed: delegation_members.delegation_id, delegation_members.person_id/,
      'a person is a delegation member once',
    );
    t.throws(
      () =>
        sqlite
          .prepare(
            `insert into source_cites (source_id, ordinal, cited_source_id) values ('s1', 3, 'a')`,
          )
          .run(),
      /UNIQUE constraint failed: source_cites.source_id, source_cites.cited_source_id/,
      'a source cites another once',
    );
    t.same(sqlite.pragma('foreign_key_check'), [], 'every foreign key holds');
  },
);
