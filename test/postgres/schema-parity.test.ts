/**
 * The PostgreSQL tables (`*.pg.ts`) are the twins of the SQLite ones (`table.ts` and the shared
 * tables): the same tables, columns (not-null, primary key, a default or none, the type's family:
 * SQLite's real is double precision, its 0/1 integers booleans, its JSON text the same JSON
 * text), indexes, foreign keys with their on-delete actions, and checks. Read from drizzle's
 * definitions alone; migrate.test.ts checks a real server against them.
 */
import { sql } from 'drizzle-orm';
import { index, type PgTable, pgTable, text } from 'drizzle-orm/pg-core';
import {
  type SQLiteTable,
  index as sqliteIndex,
  sqliteTable,
  text as sqliteText,
} from 'drizzle-orm/sqlite-core';
import t from 'tap';
import { jsonText } from '../../src/db/pg-columns.js';
import { readCustomSql } from '../../src/db/sql/custom-sql.js';
import { KINDS } from '../../src/kinds/index.js';
import { organizations as sqliteOrganizations } from '../../src/kinds/organizations/table.js';
import { organizations as pgOrganizations } from '../../src/kinds/organizations/table.pg.js';
import { openTestDb } from '../helper.js';
import { readPostgresSql } from './custom-sql.js';
import {
  FTS5_ONLY,
  POSTGRES_FTS_ONLY,
  postgresTables,
  schemaDifferences,
  sqliteTables,
} from './schema.js';

const sqlite = await sqliteTables();
const postgres = await postgresTables();
const nameOf = (table: object) =>
  (table as Record<symbol, string>)[Symbol.for('drizzle:Name')] as string;

t.test('every SQLite table has its PostgreSQL twin, alike in every part', async (t) => {
  t.ok(sqlite.length >= 20, `${sqlite.length} SQLite tables read from drizzle.config.ts's files`);
  t.same(schemaDifferences(sqlite, postgres), [], 'no difference');
});

t.test("each kind's definition names its tables' PostgreSQL twins", async (t) => {
  for (const kind of KINDS) {
    t.equal(nameOf(kind.pgTable), nameOf(kind.table), `${kind.name}: pgTable`);
    t.ok(
      postgres.includes(kind.pgTable),
      `${kind.name}: one of drizzle.postgres.config.ts's tables`,
    );
    for (const list of kind.lists ?? []) {
      t.equal(nameOf(list.pgTable), nameOf(list.table), `${kind.name}.${list.field}: pgTable`);
    }
  }
});

t.test('a migrated SQLite database has no table without a twin but the FTS5 ones', async (t) => {
  const db = openTestDb(t);
  const tables = db.$client
    .prepare(
      `select name, sql from sqlite_master where type = 'table'
       and name not like 'sqlite\\_%' escape '\\' and name <> '__drizzle_migrations'`,
    )
    .all() as { name: string; sql: string }[];
  const fts5 = tables.filter((row) => /USING\s+fts5/i.test(row.sql)).map((row) => row.name);
  t.same(fts5, [...FTS5_ONLY], 'the FTS5 tables are the ones listed as without twin');
  // An FTS5 table's shadow tables (search_fts_data, ...) come and go with it.
  const own = tables
    .map((row) => row.name)
    .filter((name) => !fts5.some((virtual) => name === virtual || name.startsWith(`${virtual}_`)));
  t.same(own.sort(), postgres.map(nameOf).sort(), 'the others are the PostgreSQL tables');
});

t.test(
  "the custom SQL has its twin in src/db/sql/postgres (each side's full-text objects aside)",
  async (t) => {
    const sqliteCustom = readCustomSql();
    const postgresCustom = readPostgresSql();
    const names = (objects: { type: string; name: string }[], type: string) =>
      objects
        .filter((o) => o.type === type)
        .map((o) => o.name)
        .sort();
    // Each side's full-text machinery is its own: FTS5's virtual table and its triggers on SQLite;
    // on PostgreSQL unaccent, the functions of the document and the query terms, and a GIN index
    // (src/db/sql/postgres/search-index.sql). Listed here, so that nothing else differs unseen.
    const postgresFts = (o: { name: string }) => POSTGRES_FTS_ONLY.includes(o.name);
    t.same(
      names(postgresCustom.filter(postgresFts), 'index'),
      ['search_docs_document_idx'],
      'PostgreSQL has its GIN index beside them',
    );
    t.same(
      names(
        postgresCustom.filter((o) => !postgresFts(o)),
        'index',
      ),
      names(sqliteCustom, 'index'),
      'the same expression indexes',
    );
    t.same(
      postgresCustom
        .filter(
          (o) =>
            o.type === 'extension' ||
            o.type === 'configuration' ||
            (o.type === 'function' && !/RETURNS trigger/i.test(o.sql)),
        )
        .map((o) => o.name)
        .filter((name, i, all) => all.indexOf(name) === i)
        .sort(),
      [...POSTGRES_FTS_ONLY].filter((name) => name !== 'search_docs_document_idx').sort(),
      'its other full-text objects are the ones listed (trigger functions aside)',
    );
    t.same(names(postgresCustom, 'view'), names(sqliteCustom, 'view'), 'the same search views');
    // Triggers are named apart (one PostgreSQL trigger does the work of SQLite's three), but each
    // table SQLite keeps something on by trigger has its trigger on PostgreSQL; search_docs' own
    // keep the FTS5 index. The change notifications (change-notify.sql, one trigger a table) are
    // PostgreSQL's own: SQLite's render cache reads PRAGMA data_version instead.
    const tablesWithTriggers = (objects: { type: string; name: string; sql: string }[]) =>
      [
        ...new Set(
          objects
            .filter((o) => o.type === 'trigger' && !o.name.endsWith('_notify_change'))
            .map((o) => /\bON\s+(\w+)/i.exec(o.sql)?.[1] ?? '?'),
        ),
      ]
        .filter((table) => table !== 'search_docs')
        .sort();
    t.same(
      tablesWithTriggers(postgresCustom),
      tablesWithTriggers(sqliteCustom),
      'triggers on the same tables',
    );
  },
);

/** `people` as its twin has it, with what a test changes: a column, an index, a reference. */
function pgPeople(change: { extra?: boolean; nameIndex?: boolean; cascade?: boolean }): PgTable {
  const people = pgTable(
    'people',
    {
      id: text('id').primaryKey(),
      name: text('name').notNull(),
      aliases: jsonText<string[]>('aliases').notNull().default(sql`'[]'`),
      countryId: text('country_id').references(
        () => pgOrganizations.id,
        change.cascade ? { onDelete: 'cascade' } : {},
      ),
      description: text('description'),
      ...(change.extra ? { nickname: text('nickname') } : {}),
    },
    (t) => [
      index('people_country_idx').on(t.countryId),
      ...(change.nameIndex === false ? [] : [index('people_name_idx').on(t.name)]),
    ],
  );
  // The optional column makes its type a union drizzle's PgTable does not take as such.
  return people as unknown as PgTable;
}

/** `people` as SQLite has it, with a column more. */
const sqlitePeopleWider = sqliteTable(
  'people',
  {
    id: sqliteText('id').primaryKey(),
    name: sqliteText('name').notNull(),
    aliases: sqliteText('aliases', { mode: 'json' }).$type<string[]>().notNull().default([]),
    countryId: sqliteText('country_id').references(() => sqliteOrganizations.id),
    description: sqliteText('description'),
    nickname: sqliteText('nickname'),
  },
  (t) => [
    sqliteIndex('people_country_idx').on(t.countryId),
    sqliteIndex('people_name_idx').on(t.name),
  ],
);

const replacing = <T extends object>(tables: T[], people: T) =>
  tables.map((table) => (nameOf(table) === 'people' ? people : table));

t.test('the comparison sees a deliberately altered copy', async (t) => {
  const altered = (change: Parameters<typeof pgPeople>[0]) =>
    schemaDifferences(sqlite, replacing(postgres, pgPeople(change)));
  t.same(altered({}), [], 'the faithful copy passes');
  t.same(altered({ extra: true }), ['people nickname: only in PostgreSQL'], 'a column more');
  t.same(
    altered({ nameIndex: false }),
    ['people index people_name_idx: only in SQLite'],
    'an index less',
  );
  t.same(
    altered({ cascade: true }),
    [
      'people foreign key (country_id) -> organizations(id) on delete no action: only in SQLite',
      'people foreign key (country_id) -> organizations(id) on delete cascade: only in PostgreSQL',
    ],
    'another on-delete action',
  );
  t.same(
    schemaDifferences(replacing<SQLiteTable>(sqlite, sqlitePeopleWider), postgres),
    ['people nickname: only in SQLite'],
    'a column added on the SQLite side only',
  );
  const notes = sqliteTable('notes', { id: sqliteText('id').primaryKey() });
  t.same(schemaDifferences([...sqlite, notes], postgres), ['notes: only in SQLite'], 'a table');
});
