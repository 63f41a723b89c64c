/**
 * src/db/sql/*.sql and the migrations cannot drift apart: every object of a migrated database
 * that the drizzle schema does not make (triggers, views, the FTS5 table, expression indexes) is
 * written in src/db/sql as the database has it, white space aside, and everything written there
 * is in the database. To change one: src/db/sql/README.md.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { migrateDatabase, openDatabase } from '../../src/db/database.js';
import {
  type CustomStatement,
  customObjects,
  drizzleObjectNames,
  normaliseSql,
  pendingStatements,
  readCustomSql,
  type SqlObject,
  splitStatements,
} from '../../src/db/sql/custom-sql.js';
import { MIGRATIONS_FOLDER, PROJECT_ROOT } from '../../src/paths.js';
import { sqliteOnly } from '../helper.js';

const SQLITE_ONLY = sqliteOnly(
  "SQLite's migrations and custom SQL; PostgreSQL's: test/postgres/migrate.test.ts",
);

/**
 * A database migrated as the app migrates one (test/helper.ts's openTestDb, without importing
 * the whole app through the helper: this test is about the database alone).
 */
function migratedDatabase(t: Test) {
  const dir = mkdtempSync(join(tmpdir(), 'annals-custom-sql-'));
  const db = openDatabase(join(dir, 'annals.db'));
  t.teardown(() => {
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  });
  migrateDatabase(db);
  return db;
}

const describe = (object: SqlObject) => `${object.type} ${object.name}`;

t.test(
  'src/db/sql holds exactly the custom objects of a migrated database',
  SQLITE_ONLY,
  async (t) => {
    const db = migratedDatabase(t);
    const drizzleNames = drizzleObjectNames(MIGRATIONS_FOLDER);
    const inDatabase = customObjects(db.$client, drizzleNames);
    const written = readCustomSql();

    // The kinds of object there are today, so that a filter gone wrong (none found) fails here.
    t.ok(
      inDatabase.some((o) => o.name === 'search_fts'),
      'the FTS5 table is custom',
    );
    t.ok(
      inDatabase.some((o) => o.name === 'participations_event_start_after_insert'),
      'the participation-start triggers are custom',
    );
    t.ok(
      inDatabase.some((o) => o.name === 'delegations_arrival_order_idx'),
      'the expression indexes are custom',
    );
    t.notOk(
      inDatabase.some((o) => o.name === 'search_fts_data' || o.name === 'events'),
      'neither FTS5 shadow tables nor drizzle tables are custom',
    );

    const byName = new Map<string, CustomStatement>();
    for (const statement of written) {
      t.notOk(byName.has(statement.name), `${describe(statement)} is written once`);
      byName.set(statement.name, statement);
      t.notOk(
        drizzleNames.has(statement.name),
        `${describe(statement)} (${statement.file}) is not also in the drizzle schema`,
      );
    }

    const inDatabaseByName = new Map(inDatabase.map((o) => [o.name, o]));
    for (const object of inDatabase) {
      const statement = byName.get(object.name);
      if (!statement) {
        t.fail(`${describe(object)} is in the migrated database but not in src/db/sql`, {
          sql: object.sql,
        });
        continue;
      }
      t.equal(
        normaliseSql(statement.sql),
        normaliseSql(object.sql),
        `${describe(object)}: src/db/sql/${statement.file} and the migrated database agree`,
      );
    }
    for (const statement of written) {
      if (!inDatabaseByName.has(statement.name)) {
        t.fail(`${describe(statement)} (${statement.file}) is not in the migrated database`, {
          hint: 'npm run db:custom prints the migration it needs',
        });
      }
    }
    t.same(pendingStatements(inDatabase, written), [], 'npm run db:custom has nothing to print');
  },
);

t.test('statements split at their end, triggers at END;', SQLITE_ONLY, async (t) => {
  const text = `-- a comment between statements

CREATE INDEX a_idx ON a (coalesce(x, '9'), id);
CREATE TRIGGER a_ai AFTER INSERT ON a BEGIN
  UPDATE a SET y = 1 WHERE id = new.id;
  -- kept: inside a statement
  DELETE FROM b;
END;
CREATE VIEW v AS
SELECT 1;
`;
  const statements = splitStatements(text);
  t.equal(statements.length, 3);
  t.match(statements[1], /^CREATE TRIGGER a_ai[\s\S]*-- kept[\s\S]*END$/);
  t.equal(normaliseSql(statements[2] ?? ''), 'CREATE VIEW v AS SELECT 1');
  t.throws(() => splitStatements('CREATE TRIGGER t AFTER INSERT ON a BEGIN\n  SELECT 1;\n'), {
    message: /unterminated/,
  });
});

t.test(
  'what db:custom prints: drops first, then the changed and new objects',
  SQLITE_ONLY,
  async (t) => {
    const current: SqlObject[] = [
      { type: 'index', name: 'gone_idx', sql: 'CREATE INDEX gone_idx ON a (x)' },
      { type: 'view', name: 'v', sql: 'CREATE VIEW v AS SELECT 1' },
      { type: 'trigger', name: 'same', sql: 'CREATE TRIGGER same AFTER INSERT ON a BEGIN\nEND' },
    ];
    const wanted: SqlObject[] = [
      { type: 'view', name: 'v', sql: 'CREATE VIEW v AS SELECT 2' },
      { type: 'trigger', name: 'same', sql: 'CREATE TRIGGER same  AFTER INSERT ON a BEGIN END' },
      { type: 'index', name: 'new_idx', sql: 'CREATE INDEX new_idx ON a (y)' },
    ];
    t.same(pendingStatements(current, wanted), [
      'DROP INDEX IF EXISTS gone_idx;',
      'DROP VIEW IF EXISTS v;',
      'CREATE VIEW v AS SELECT 2;',
      'CREATE INDEX new_idx ON a (y);',
    ]);
  },
);

t.test('npm run db:custom prints nothing while the two agree', SQLITE_ONLY, async (t) => {
  const run = spawnSync(
    join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx'),
    [join(PROJECT_ROOT, 'src', 'db', 'sql', 'print-pending.ts')],
    { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 60_000 },
  );
  t.equal(run.status, 0, 'it exits 0', { stderr: run.stderr });
  t.equal(run.stdout, '', 'no statement to migrate');
  t.match(run.stderr, /matches the migrated database/);
});
