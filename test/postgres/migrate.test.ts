/**
 * migrations/postgres on a real server: a fresh database migrated has the tables, columns,
 * indexes, foreign keys and checks of the `*.pg.ts` definitions, plus the custom SQL of
 * src/db/sql/postgres (indexes, views, functions, triggers) and nothing else; migrating again changes nothing; and the
 * participation-start triggers copy an event's start into its participations.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { getTableConfig } from 'drizzle-orm/pg-core';
import pg from 'pg';
import t, { type Test } from 'tap';
import { migratePostgres } from '../../src/db/postgres.js';
import { POSTGRES_MIGRATIONS_FOLDER } from '../../src/paths.js';
import { readPostgresSql } from './custom-sql.js';
import { describePostgres, postgresTables, type TableShape } from './schema.js';
import { startPostgresPool } from './server.js';

const { server, pool } = await startPostgresPool(t);

const tables = await postgresTables();
const wanted = new Map(tables.map(describePostgres));
/** `table.column` → the type drizzle declares (describePostgres keeps only its family). */
const sqlTypes = new Map(
  tables.flatMap((table) => {
    const config = getTableConfig(table);
    return config.columns.map((c) => [`${config.name}.${c.name}`, c.getSQLType()] as const);
  }),
);
const custom = readPostgresSql();
const journal: { entries: { tag: string }[] } = JSON.parse(
  readFileSync(join(POSTGRES_MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8'),
);

const rowsOf = async <T>(text: string, values: unknown[] = []) =>
  (await pool.query(text, values)).rows as T[];

/** What drizzle's getSQLType calls a type, from information_schema's data_type. */
const TYPE_NAMES: Record<string, string> = {
  text: 'text',
  integer: 'integer',
  bigint: 'bigint',
  'double precision': 'double precision',
  boolean: 'boolean',
};

/** The server's schema, read back in the shape of the drizzle descriptions (and more). */
async function serverSchema() {
  const tables = await rowsOf<{ table_name: string }>(
    `select table_name from information_schema.tables
     where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const columns = await rowsOf<{
    table_name: string;
    column_name: string;
    is_nullable: string;
    data_type: string;
    column_default: string | null;
    is_identity: string;
    collation_name: string | null;
  }>(
    `select table_name, column_name, is_nullable, data_type, column_default, is_identity,
            collation_name
     from information_schema.columns where table_schema = 'public'
     order by table_name, ordinal_position`,
  );
  const indexes = await rowsOf<{ tablename: string; indexname: string; indexdef: string }>(
    `select tablename, indexname, indexdef from pg_indexes where schemaname = 'public'
     order by indexname`,
  );
  const constraints = await rowsOf<{
    table: string;
    name: string;
    type: string;
    def: string;
    deferrable: boolean;
    deferred: boolean;
  }>(
    `select conrelid::regclass::text as table, conname as name, contype as type,
            pg_get_constraintdef(oid) as def, condeferrable as deferrable, condeferred as deferred
     from pg_constraint where connamespace = 'public'::regnamespace order by conname`,
  );
  const views = await rowsOf<{ name: string }>(
    `select table_name as name from information_schema.views where table_schema = 'public'
     order by table_name`,
  );
  const triggers = await rowsOf<{ name: string }>(
    `select tgname as name from pg_trigger where not tgisinternal order by tgname`,
  );
  // An extension's own functions (unaccent's) come with it: they are not ours to list.
  const functions = await rowsOf<{ name: string }>(
    `select proname as name from pg_proc p where pronamespace = 'public'::regnamespace
     and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass
                     and d.objid = p.oid and d.deptype = 'e')
     order by proname`,
  );
  const extensions = await rowsOf<{ name: string }>(
    `select extname as name from pg_extension where extname <> 'plpgsql' order by extname`,
  );
  const configurations = await rowsOf<{ name: string }>(
    `select cfgname as name from pg_ts_config where cfgnamespace = 'public'::regnamespace
     order by cfgname`,
  );
  return {
    tables,
    columns,
    indexes,
    constraints,
    views,
    triggers,
    functions,
    extensions,
    configurations,
  };
}

const ON_DELETE: Record<string, string> = {
  CASCADE: 'cascade',
  'SET NULL': 'set null',
  'SET DEFAULT': 'set default',
  RESTRICT: 'restrict',
};

/**
 * `FOREIGN KEY (a) REFERENCES t(b) ON DELETE CASCADE DEFERRABLE` as schema.ts writes a foreign
 * key (whether it is deferrable is checked on its own).
 */
function foreignKeyOf(def: string): string {
  const match =
    /^FOREIGN KEY \((.+?)\) REFERENCES (\w+)\((.+?)\)(?: ON DELETE (CASCADE|SET NULL|SET DEFAULT|RESTRICT))?(?: DEFERRABLE)?$/.exec(
      def,
    );
  if (!match) return `unreadable: ${def}`;
  return `(${match[1]}) -> ${match[2]}(${match[3]}) on delete ${ON_DELETE[match[4] ?? ''] ?? 'no action'}`;
}

/** The columns of `CREATE [UNIQUE] INDEX n ON public.t USING btree (a, b) [WHERE ...]`. */
function indexColumnsOf(def: string): string[] {
  const inner = /USING \w+ \((.*?)\)(?: WHERE |$)/.exec(def)?.[1] ?? '';
  return inner.split(', ');
}

t.test('a fresh database migrated matches the PostgreSQL definitions', async (t) => {
  await migratePostgres(pool);
  const found = await serverSchema();
  t.same(
    found.tables.map((row) => row.table_name),
    [...wanted.keys()].sort(),
    'the tables are the *.pg.ts tables',
  );
  for (const [name, shape] of wanted) {
    checkTable(t, name, shape, found);
  }
  const drizzleIndexes = [...wanted.values()].flatMap((shape) => Object.keys(shape.indexes));
  const customIndexes = custom.filter((o) => o.type === 'index').map((o) => o.name);
  const primaryKeys = found.constraints.filter((c) => c.type === 'p').map((c) => c.name);
  t.same(
    found.indexes.map((row) => row.indexname).sort(),
    [...drizzleIndexes, ...customIndexes, ...primaryKeys].sort(),
    "every index is drizzle's, src/db/sql/postgres's or a primary key's",
  );
  const tableNames = new Set(wanted.keys());
  const text = found.columns.filter((c) => tableNames.has(c.table_name) && c.data_type === 'text');
  t.same(
    text.filter((c) => c.collation_name !== 'C').map((c) => `${c.table_name}.${c.column_name}`),
    [],
    `all ${text.length} text columns compare byte by byte, as on SQLite (COLLATE "C", migration 0001)`,
  );
  const foreignKeys = found.constraints.filter((c) => c.type === 'f');
  t.same(
    foreignKeys.filter((c) => !c.deferrable || c.deferred).map((c) => c.name),
    [],
    `all ${foreignKeys.length} foreign keys are DEFERRABLE INITIALLY IMMEDIATE (migration 0001)`,
  );
  for (const name of customIndexes) {
    const def = found.indexes.find((row) => row.indexname === name)?.indexdef ?? '';
    if (name === 'search_docs_document_idx') {
      t.match(def, /USING gin \(search_document\(name, body\)\)$/, `${name}: GIN on the document`);
    } else {
      t.match(def, /COALESCE\(\w+, '9999-99-99'::text\), id\)$/, `${name} is on the expression`);
    }
  }
  t.same(
    found.extensions.map((row) => row.name),
    custom
      .filter((o) => o.type === 'extension')
      .map((o) => o.name)
      .sort(),
    'the extensions are those of src/db/sql/postgres (unaccent)',
  );
  t.same(
    found.configurations.map((row) => row.name),
    [...new Set(custom.filter((o) => o.type === 'configuration').map((o) => o.name))].sort(),
    'and the text search configurations',
  );
  t.same(
    found.views.map((row) => row.name),
    custom
      .filter((o) => o.type === 'view')
      .map((o) => o.name)
      .sort(),
    'the views are those of src/db/sql/postgres',
  );
  t.same(
    found.triggers.map((row) => row.name),
    custom
      .filter((o) => o.type === 'trigger')
      .map((o) => o.name)
      .sort(),
    'the triggers are those of src/db/sql/postgres',
  );
  t.same(
    found.functions.map((row) => row.name),
    custom
      .filter((o) => o.type === 'function')
      .map((o) => o.name)
      .sort(),
    'and so are the functions',
  );
});

function checkTable(
  t: Test,
  name: string,
  shape: TableShape,
  found: Awaited<ReturnType<typeof serverSchema>>,
): void {
  const columns = found.columns.filter((row) => row.table_name === name);
  t.same(
    columns.map((row) => row.column_name),
    Object.keys(shape.columns),
    `${name}: the columns, in order`,
  );
  for (const row of columns) {
    const column = shape.columns[row.column_name];
    if (!column) continue;
    t.equal(row.is_nullable === 'NO', column.notNull, `${name}.${row.column_name}: not null`);
    t.equal(
      row.column_default !== null || row.is_identity === 'YES',
      column.hasDefault,
      `${name}.${row.column_name}: a default or none`,
    );
    t.equal(
      TYPE_NAMES[row.data_type],
      sqlTypes.get(`${name}.${row.column_name}`),
      `${name}.${row.column_name}: ${row.data_type}`,
    );
  }
  const constraints = found.constraints.filter((c) => c.table === name);
  const primary = constraints.find((c) => c.type === 'p')?.def ?? '';
  t.equal(primary, `PRIMARY KEY (${shape.primaryKey.join(', ')})`, `${name}: the primary key`);
  t.same(
    constraints
      .filter((c) => c.type === 'f')
      .map((c) => foreignKeyOf(c.def))
      .sort(),
    shape.foreignKeys,
    `${name}: the foreign keys`,
  );
  t.same(
    constraints
      .filter((c) => c.type === 'c')
      .map((c) => c.name)
      .sort(),
    shape.checks,
    `${name}: the checks`,
  );
  for (const [index, wantedIndex] of Object.entries(shape.indexes)) {
    const def = found.indexes.find((row) => row.indexname === index)?.indexdef;
    if (!def) {
      t.fail(`${name}: index ${index} is missing`);
      continue;
    }
    t.same(indexColumnsOf(def), wantedIndex.columns, `${index}: its columns`);
    t.equal(def.startsWith('CREATE UNIQUE'), wantedIndex.unique, `${index}: unique or not`);
    t.equal(/ WHERE /.test(def), wantedIndex.where !== null, `${index}: partial or not`);
  }
}

t.test('the custom migration runs src/db/sql/postgres as written there', async (t) => {
  const migrations = journal.entries.map((entry) =>
    readFileSync(join(POSTGRES_MIGRATIONS_FOLDER, `${entry.tag}.sql`), 'utf8'),
  );
  for (const object of custom) {
    t.ok(
      migrations.some((text) => text.includes(object.sql)),
      `a migration runs ${object.type} ${object.name} as src/db/sql/postgres writes it`,
    );
  }
});

t.test('migrating again changes nothing', async (t) => {
  const before = await serverSchema();
  await migratePostgres(pool);
  t.same(await serverSchema(), before, 'the same schema');
  const applied = await rowsOf<{ n: number }>(
    'select count(*)::int as n from drizzle.__drizzle_migrations',
  );
  t.equal(applied[0]?.n, journal.entries.length, 'each migration recorded once');
});

t.test('two processes migrating at once apply each migration once', async (t) => {
  const url = await server.database('concurrent');
  const pools = [0, 1].map(() => new pg.Pool({ connectionString: url, max: 1 }));
  t.teardown(() => Promise.all(pools.map((p) => p.end())));
  await Promise.all(pools.map((p) => migratePostgres(p)));
  const { rows } = await (pools[0] as pg.Pool).query(
    'select count(*)::int as n from drizzle.__drizzle_migrations',
  );
  t.equal(rows[0]?.n, journal.entries.length, 'each migration recorded once');
});

t.test('foreign keys are checked at once, or at commit once deferred', async (t) => {
  await t.rejects(
    pool.query(
      `insert into participations (id, event_id, group_label, role)
       values ('early', 'not-yet', 'someone', 'attended')`,
    ),
    { code: '23503' },
    'a participation whose event does not exist is refused at once',
  );
  const client = await pool.connect();
  t.teardown(() => client.release());
  await client.query('begin');
  await client.query('set constraints all deferred');
  await client.query(
    `insert into participations (id, event_id, group_label, role)
     values ('early', 'later-event', 'someone', 'attended')`,
  );
  const before = await client.query(
    `select event_start_first_day as start from participations where id = 'early'`,
  );
  t.equal(before.rows[0]?.start, null, 'deferred: written before its event, no start yet');
  await client.query(
    `insert into events (id, type, title, start, start_first_day, end_last_day)
     values ('later-event', 'visit', 'Later', '1951', '1951-01-01', '1951-12-31')`,
  );
  const after = await client.query(
    `select event_start_first_day as start from participations where id = 'early'`,
  );
  t.equal(after.rows[0]?.start, '1951-01-01', "the event's insert fills it");
  await client.query('commit');

  await client.query('begin');
  await client.query('set constraints all deferred');
  await client.query(
    `insert into participations (id, event_id, group_label, role)
     values ('orphan', 'never', 'someone', 'attended')`,
  );
  await t.rejects(client.query('commit'), { code: '23503' }, 'an orphan is refused at commit');
});

t.test("the triggers copy an event's start into its participations", async (t) => {
  const startOf = async (id: string) =>
    (
      await rowsOf<{ start: string | null }>(
        'select event_start_first_day as start from participations where id = $1',
        [id],
      )
    )[0]?.start;
  const event = (id: string, start: string) =>
    pool.query(
      `insert into events (id, type, title, start, start_first_day, end_last_day)
       values ($1, 'war', $1, $2, $2, $2)`,
      [id, start],
    );
  await event('korean-war', '1950-06-25');
  await event('armistice', '1953-07-27');
  await pool.query(
    `insert into participations (id, event_id, group_label, role)
     values ('cpv', 'korean-war', 'Chinese People''s Volunteers', 'fought')`,
  );
  t.equal(
    await startOf('cpv'),
    '1950-06-25',
    "on insert, the participation takes its event's start",
  );

  await pool.query(`update events set start_first_day = '1950-06-24' where id = 'korean-war'`);
  t.equal(await startOf('cpv'), '1950-06-24', "the event's new start reaches it");

  await pool.query(`update participations set event_id = 'armistice' where id = 'cpv'`);
  t.equal(await startOf('cpv'), '1953-07-27', 'moved to another event, it takes that one');

  // The app never writes the column; a value written anyway gives way to the event's.
  await pool.query(
    `insert into participations (id, event_id, group_label, role, event_start_first_day)
     values ('kpa', 'armistice', 'Korean People''s Army', 'signed', '2000-01-01')`,
  );
  t.equal(await startOf('kpa'), '1953-07-27', 'a written value is replaced by the event start');

  await pool.query(`update events set title = 'Armistice' where id = 'armistice'`);
  const untouched = await rowsOf<{ xmin: string }>(
    `select xmin::text from participations where id = 'kpa'`,
  );
  await pool.query(`update events set start_first_day = start_first_day where id = 'armistice'`);
  t.same(
    await rowsOf(`select xmin::text from participations where id = 'kpa'`),
    untouched,
    'an unchanged start writes no participation (its row version stays)',
  );
});

t.test(
  'text sorts as on SQLite, even in a database whose default collation does not',
  async (t) => {
    await pool.query(
      `create database english template template0 locale_provider icu icu_locale 'en' locale 'C.UTF-8'`,
    );
    const english = new pg.Pool({ connectionString: server.url.replace(/\/annals$/, '/english') });
    t.teardown(() => english.end());
    const names = ['b', 'B', 'a', '_z', 'Z', 'é', 'e', 'Ä', '10', '9'];
    const values = names.map((_, i) => `($${i + 1})`).join(', ');
    const byDefault = await english.query(
      `select x from (values ${values}) v(x) order by x`,
      names,
    );
    const sqlite = new Sqlite(':memory:');
    t.teardown(() => sqlite.close());
    const onSqlite = sqlite
      .prepare(`select column1 as x from (values ${names.map(() => '(?)').join(', ')}) order by 1`)
      .all(...names)
      .map((row) => (row as { x: string }).x);
    t.notSame(
      byDefault.rows.map((row) => row.x),
      onSqlite,
      "the database's own collation sorts otherwise (what the test guards against)",
    );

    await migratePostgres(english);
    for (const [i, name] of names.entries()) {
      await english.query(`insert into places (id, name, type) values ($1, $2, 'city')`, [
        `p${i}`,
        name,
      ]);
    }
    const sorted = await english.query<{ name: string }>(
      'select name from places order by name, id',
    );
    t.same(
      sorted.rows.map((row) => row.name),
      onSqlite,
      "a migrated table's text sorts byte by byte, as SQLite's",
    );
  },
);
