/**
 * Both dialects' tables as plain descriptions that can be compared: the SQLite tables of
 * drizzle.config.ts's schema files and the PostgreSQL ones of drizzle.postgres.config.ts's, each
 * read with drizzle's getTableConfig. Used by schema-parity.test.ts (the two agree) and
 * migrate.test.ts (the migrated server agrees with them).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { is, SQL } from 'drizzle-orm';
import { PgDialect, PgTable, getTableConfig as pgConfig } from 'drizzle-orm/pg-core';
import {
  SQLiteSyncDialect,
  SQLiteTable,
  getTableConfig as sqliteConfig,
} from 'drizzle-orm/sqlite-core';
import sqliteDrizzle from '../../drizzle.config.js';
import postgresDrizzle from '../../drizzle.postgres.config.js';
import { PROJECT_ROOT } from '../../src/paths.js';

/** SQLite tables made only for FTS5 (src/db/sql/search.sql): PostgreSQL searches otherwise. */
export const FTS5_ONLY = ['search_fts'] as const;
/**
 * PostgreSQL's full-text objects (src/db/sql/postgres/search-index.sql), without twin on SQLite,
 * whose FTS5 table does their work: the extension, its IMMUTABLE wrapper, the weighted document,
 * the query term builder, the snippets' configuration and the GIN index.
 */
export const POSTGRES_FTS_ONLY: readonly string[] = [
  'unaccent',
  'f_unaccent',
  'search_document',
  'search_term',
  'search_query',
  'search_headline',
  'search_docs_document_idx',
];

export interface ColumnShape {
  notNull: boolean;
  primaryKey: boolean;
  unique: boolean;
  hasDefault: boolean;
  /** text, json (text the driver parses), integer, float or boolean. */
  family: string;
  enumValues?: string[];
}

export interface IndexShape {
  columns: string[];
  unique: boolean;
  /** A partial index's condition, as drizzle renders it (the same text in both dialects). */
  where: string | null;
}

export interface TableShape {
  columns: Record<string, ColumnShape>;
  primaryKey: string[];
  indexes: Record<string, IndexShape>;
  /** `(columns) -> table(columns) on delete action`, sorted. */
  foreignKeys: string[];
  /** Check constraints by name: their expressions differ by dialect (num_nonnulls on PostgreSQL). */
  checks: string[];
}

/** The files a drizzle config's `schema` globs name (`dir/*` + `/file` or `dir/*` + `.ext`). */
function schemaFiles(patterns: string | string[]): string[] {
  return [patterns].flat().flatMap((pattern) => {
    const star = pattern.indexOf('*');
    if (star === -1) return [join(PROJECT_ROOT, pattern)];
    const dir = join(PROJECT_ROOT, pattern.slice(0, star));
    const rest = pattern.slice(star + 1);
    if (rest.startsWith('/')) {
      return readdirSync(dir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => join(dir, entry.name, rest.slice(1)))
        .filter((file) => readdirSync(join(file, '..')).includes(rest.slice(1)));
    }
    // `*.ts` must not take the `*.pg.ts` twins for SQLite tables: drizzle-kit skips them by
    // dialect, and so does tablesOf below.
    return readdirSync(dir)
      .filter((file) => file.endsWith(rest))
      .map((file) => join(dir, file));
  });
}

async function tablesOf<T>(patterns: string | string[], kind: 'sqlite' | 'pg'): Promise<T[]> {
  const found = new Map<unknown, T>();
  for (const file of schemaFiles(patterns)) {
    const module: Record<string, unknown> = await import(pathToFileURL(file).href);
    for (const value of Object.values(module)) {
      if (kind === 'sqlite' ? is(value, SQLiteTable) : is(value, PgTable)) {
        found.set(value, value as T);
      }
    }
  }
  return [...found.values()];
}

export const sqliteTables = () => tablesOf<SQLiteTable>(sqliteDrizzle.schema ?? [], 'sqlite');
export const postgresTables = () => tablesOf<PgTable>(postgresDrizzle.schema ?? [], 'pg');

const sqliteSql = new SQLiteSyncDialect();
const pgSql = new PgDialect();

const reference = (
  columns: { name: string }[],
  table: string,
  foreign: { name: string }[],
  onDelete: string | undefined,
) =>
  `(${columns.map((c) => c.name).join(', ')}) -> ${table}(${foreign.map((c) => c.name).join(', ')}) on delete ${onDelete ?? 'no action'}`;

const nameOf = (column: unknown): string =>
  is(column, SQL) ? `(expression)` : (column as { name: string }).name;

/** What keysOf reads of a table's config: the same shape in both of drizzle's dialects. */
interface KeyedConfig<T> {
  columns: { name: string; primary: boolean }[];
  primaryKeys: { columns: { name: string }[] }[];
  indexes: { config: { name?: string; columns: unknown[]; unique: boolean; where?: SQL } }[];
  foreignKeys: {
    reference(): {
      columns: { name: string }[];
      foreignTable: T;
      foreignColumns: { name: string }[];
    };
    onDelete?: string;
  }[];
  checks: { name: string }[];
}

/** A table's keys, indexes, foreign keys and checks, from its config, in its dialect's SQL. */
function keysOf<T>(
  config: KeyedConfig<T>,
  dialect: { sqlToQuery(sql: SQL): { sql: string } },
  tableConfig: (table: T) => { name: string },
): Omit<TableShape, 'columns'> {
  const composite = config.primaryKeys[0]?.columns.map((c) => c.name) ?? [];
  const single = config.columns.filter((c) => c.primary).map((c) => c.name);
  return {
    primaryKey: single.length > 0 ? single : composite,
    indexes: Object.fromEntries(
      config.indexes.map((index) => [
        String(index.config.name),
        {
          columns: index.config.columns.map(nameOf),
          unique: index.config.unique,
          where: index.config.where ? dialect.sqlToQuery(index.config.where).sql : null,
        },
      ]),
    ),
    foreignKeys: config.foreignKeys
      .map((fk) => {
        const ref = fk.reference();
        const table = tableConfig(ref.foreignTable).name;
        return reference(ref.columns, table, ref.foreignColumns, fk.onDelete);
      })
      .sort(),
    checks: config.checks.map((check) => check.name).sort(),
  };
}

/** A SQLite table as a description. */
export function describeSqlite(table: SQLiteTable): [string, TableShape] {
  const config = sqliteConfig(table);
  const composite = config.primaryKeys[0]?.columns.map((c) => c.name) ?? [];
  const columns: Record<string, ColumnShape> = {};
  for (const column of config.columns) {
    const sqlType = column.getSQLType();
    const family =
      column.columnType === 'SQLiteBoolean'
        ? 'boolean'
        : column.columnType === 'SQLiteTextJson'
          ? 'json'
          : sqlType === 'real'
            ? 'float'
            : sqlType;
    columns[column.name] = {
      notNull: column.notNull,
      primaryKey: column.primary || composite.includes(column.name),
      unique: column.isUnique,
      // An integer primary key alone is SQLite's rowid, numbered by the database when left out.
      hasDefault: column.hasDefault || (column.primary && sqlType === 'integer'),
      family,
      ...(column.enumValues ? { enumValues: [...column.enumValues] } : {}),
    };
  }
  return [config.name, { columns, ...keysOf(config, sqliteSql, sqliteConfig) }];
}

/** A PostgreSQL table as a description. */
export function describePostgres(table: PgTable): [string, TableShape] {
  const config = pgConfig(table);
  const composite = config.primaryKeys[0]?.columns.map((c) => c.name) ?? [];
  const columns: Record<string, ColumnShape> = {};
  for (const column of config.columns) {
    const sqlType = column.getSQLType();
    const family =
      column.columnType === 'PgCustomColumn' && sqlType === 'text'
        ? 'json'
        : sqlType === 'bigint'
          ? 'integer'
          : sqlType === 'double precision'
            ? 'float'
            : sqlType;
    columns[column.name] = {
      notNull: column.notNull,
      primaryKey: column.primary || composite.includes(column.name),
      unique: column.isUnique,
      hasDefault: column.hasDefault,
      family,
      ...(column.enumValues ? { enumValues: [...column.enumValues] } : {}),
    };
  }
  return [config.name, { columns, ...keysOf(config, pgSql, pgConfig) }];
}

/**
 * Where the two schemas differ, a line each (`people.nickname: only in PostgreSQL`); empty when
 * every table has its twin with the same columns, keys, indexes and checks. `skip` names the
 * SQLite tables that have no twin by design.
 */
export function schemaDifferences(
  sqlite: SQLiteTable[],
  postgres: PgTable[],
  skip: readonly string[] = FTS5_ONLY,
): string[] {
  const left = new Map(sqlite.map(describeSqlite).filter(([name]) => !skip.includes(name)));
  const right = new Map(postgres.map(describePostgres));
  const out: string[] = [];
  for (const name of new Set([...left.keys(), ...right.keys()])) {
    const a = left.get(name);
    const b = right.get(name);
    if (!a || !b) {
      out.push(`${name}: only in ${a ? 'SQLite' : 'PostgreSQL'}`);
      continue;
    }
    compareRecords(`${name}`, a.columns, b.columns, out);
    compareRecords(`${name} index`, a.indexes, b.indexes, out);
    same(`${name} primary key`, a.primaryKey, b.primaryKey, out);
    compareLists(`${name} foreign key`, a.foreignKeys, b.foreignKeys, out);
    compareLists(`${name} check`, a.checks, b.checks, out);
  }
  return out;
}

function same(what: string, a: unknown, b: unknown, out: string[]): void {
  const [x, y] = [JSON.stringify(a), JSON.stringify(b)];
  if (x !== y) out.push(`${what}: SQLite ${x}, PostgreSQL ${y}`);
}

function compareRecords<T>(
  what: string,
  a: Record<string, T>,
  b: Record<string, T>,
  out: string[],
): void {
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (!(key in b)) out.push(`${what} ${key}: only in SQLite`);
    else if (!(key in a)) out.push(`${what} ${key}: only in PostgreSQL`);
    else same(`${what} ${key}`, a[key], b[key], out);
  }
}

function compareLists(what: string, a: string[], b: string[], out: string[]): void {
  for (const item of a) if (!b.includes(item)) out.push(`${what} ${item}: only in SQLite`);
  for (const item of b) if (!a.includes(item)) out.push(`${what} ${item}: only in PostgreSQL`);
}
