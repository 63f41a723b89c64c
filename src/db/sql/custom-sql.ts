/**
 * The custom SQL of src/db/sql/*.sql: the objects the drizzle schema does not describe (the
 * full-text index, its views and triggers, the participation-start triggers, the expression
 * indexes), as the migrated database holds them. test/db/custom-sql.test.ts checks that these
 * files and a migrated database agree; `npm run db:custom` prints what a new migration must run
 * to make the database match them (README.md here says how to change one).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Sqlite from 'better-sqlite3';

export const CUSTOM_SQL_FOLDER = dirname(fileURLToPath(import.meta.url));

export type ObjectType = 'table' | 'index' | 'view' | 'trigger';

/** One CREATE statement: the object it makes and its text, without the final semicolon. */
export interface SqlObject {
  type: ObjectType;
  name: string;
  sql: string;
}

export interface CustomStatement extends SqlObject {
  /** The .sql file it is written in. */
  file: string;
}

const CREATE = /^CREATE\s+(?:UNIQUE\s+|VIRTUAL\s+)?(TABLE|INDEX|VIEW|TRIGGER)\s+[`"]?(\w+)[`"]?/i;

/** The text SQLite keeps in sqlite_master, compared with runs of white space as one space. */
export function normaliseSql(sql: string): string {
  return sql
    .replace(/\s+/g, ' ')
    .replace(/\(\s/g, '(')
    .replace(/\s\)/g, ')')
    .replace(/\s*;?\s*$/, '')
    .trim();
}

/**
 * A file's statements: each ends with a `;` at the end of a line, a trigger at its `END;` line.
 * Comment lines and blank lines between statements are left out; inside one they are kept (as
 * SQLite keeps them).
 */
export function splitStatements(text: string): string[] {
  const statements: string[] = [];
  let current: string[] = [];
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (current.length === 0 && (trimmed === '' || trimmed.startsWith('--'))) continue;
    current.push(line);
    const trigger = /^CREATE\s+TRIGGER\b/i.test(current[0]?.trim() ?? '');
    if (trigger ? /^END\s*;$/i.test(trimmed) : trimmed.endsWith(';')) {
      statements.push(current.join('\n').trim().replace(/;$/, ''));
      current = [];
    }
  }
  if (current.length > 0) throw new Error(`unterminated statement: ${current.join('\n')}`);
  return statements;
}

/** What a CREATE statement makes; anything else does not belong in src/db/sql. */
export function objectOf(sql: string): SqlObject {
  const match = CREATE.exec(sql);
  if (!match?.[1] || !match[2]) {
    throw new Error(`src/db/sql holds only CREATE statements, not: ${sql.slice(0, 80)}`);
  }
  return { type: match[1].toLowerCase() as ObjectType, name: match[2], sql };
}

/** Every statement of every .sql file in the folder, files in name order. */
export function readCustomSql(folder = CUSTOM_SQL_FOLDER): CustomStatement[] {
  const files = readdirSync(folder)
    .filter((file) => file.endsWith('.sql'))
    .sort();
  return files.flatMap((file) =>
    splitStatements(readFileSync(join(folder, file), 'utf8')).map((sql) => ({
      ...objectOf(sql),
      file,
    })),
  );
}

/**
 * The tables, indexes and views the drizzle schema makes, as its latest migration snapshot
 * records them (test/db/generated-files.test.ts checks that the snapshot is the schema's).
 */
export function drizzleObjectNames(migrationsFolder: string): Set<string> {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8'));
  const last: { idx: number } | undefined = journal.entries.at(-1);
  if (!last) return new Set();
  const snapshotFile = `${String(last.idx).padStart(4, '0')}_snapshot.json`;
  const snapshot: {
    tables: Record<string, { indexes: Record<string, unknown> }>;
    views?: Record<string, unknown>;
  } = JSON.parse(readFileSync(join(migrationsFolder, 'meta', snapshotFile), 'utf8'));
  const names = new Set<string>(Object.keys(snapshot.views ?? {}));
  for (const [table, { indexes }] of Object.entries(snapshot.tables)) {
    names.add(table);
    for (const index of Object.keys(indexes)) names.add(index);
  }
  return names;
}

/** The FTS5 module's own tables behind a virtual table, made and dropped with it. */
const SHADOW_SUFFIXES = ['data', 'idx', 'content', 'docsize', 'config'];

/**
 * The objects of a database that drizzle's schema does not make: the custom SQL as the database
 * has it. Left out: SQLite's own (sqlite_*, automatic indexes), drizzle's migration log and the
 * shadow tables of virtual tables.
 */
export function customObjects(sqlite: Sqlite.Database, drizzleNames: Set<string>): SqlObject[] {
  const rows = sqlite
    .prepare(
      `select type, name, sql from sqlite_master
       where sql is not null and name not like 'sqlite\\_%' escape '\\'
         and name <> '__drizzle_migrations'
       order by name`,
    )
    .all() as SqlObject[];
  const virtual = rows
    .filter((row) => row.type === 'table' && /^CREATE\s+VIRTUAL\s+TABLE/i.test(row.sql))
    .map((row) => row.name);
  const shadows = new Set(
    virtual.flatMap((name) => SHADOW_SUFFIXES.map((suffix) => `${name}_${suffix}`)),
  );
  return rows.filter((row) => !drizzleNames.has(row.name) && !shadows.has(row.name));
}

/** What to run on a database so that its custom objects become src/db/sql's, drops first. */
export function pendingStatements(current: SqlObject[], wanted: SqlObject[]): string[] {
  const have = new Map(current.map((object) => [object.name, object]));
  const want = new Map(wanted.map((object) => [object.name, object]));
  const drops: string[] = [];
  const creates: string[] = [];
  const drop = ({ type, name }: SqlObject) => `DROP ${type.toUpperCase()} IF EXISTS ${name};`;
  for (const object of current) if (!want.has(object.name)) drops.push(drop(object));
  for (const object of wanted) {
    const old = have.get(object.name);
    if (old && normaliseSql(old.sql) === normaliseSql(object.sql)) continue;
    if (old) drops.push(drop(old));
    creates.push(`${object.sql};`);
  }
  return [...drops, ...creates];
}
