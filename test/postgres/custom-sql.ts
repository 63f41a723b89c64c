/**
 * The custom SQL of src/db/sql/postgres/*.sql, read as statements: what the PostgreSQL custom
 * migration runs and what a migrated server holds beside drizzle's schema (migrate.test.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/paths.js';

export const POSTGRES_SQL_FOLDER = join(PROJECT_ROOT, 'src', 'db', 'sql', 'postgres');

/**
 * A file's statements, each ending with `;` at the end of a line outside a `$$` body (a
 * function's body holds `;` of its own). Comment and blank lines between statements are left out.
 */
export function splitPostgresStatements(text: string): string[] {
  const statements: string[] = [];
  let current: string[] = [];
  let inBody = false;
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (current.length === 0 && (trimmed === '' || trimmed.startsWith('--'))) continue;
    current.push(line);
    if ((line.match(/\$\$/g) ?? []).length % 2 === 1) inBody = !inBody;
    if (!inBody && trimmed.endsWith(';')) {
      statements.push(current.join('\n').trim());
      current = [];
    }
  }
  if (current.length > 0) throw new Error(`unterminated statement: ${current.join('\n')}`);
  return statements;
}

export interface PostgresObject {
  type: 'index' | 'view' | 'function' | 'trigger' | 'extension' | 'configuration';
  name: string;
  sql: string;
}

const CREATE =
  /^CREATE\s+(?:UNIQUE\s+|OR\s+REPLACE\s+)?(INDEX|VIEW|FUNCTION|TRIGGER|EXTENSION|TEXT\s+SEARCH\s+CONFIGURATION)\s+(?:IF\s+NOT\s+EXISTS\s+)?"?(\w+)"?/i;
/**
 * A text search configuration is created as a copy and then given its mappings: the one ALTER
 * statement allowed here, read as part of the configuration it alters.
 */
const ALTER_CONFIGURATION = /^(ALTER)\s+TEXT\s+SEARCH\s+CONFIGURATION\s+"?(\w+)"?/i;
const typeOf = (keyword: string): PostgresObject['type'] =>
  /^(TEXT|ALTER)/i.test(keyword)
    ? 'configuration'
    : (keyword.toLowerCase() as PostgresObject['type']);

/** Every statement of the folder's .sql files, in file name order, with what it creates. */
export function readPostgresSql(folder = POSTGRES_SQL_FOLDER): PostgresObject[] {
  return readdirSync(folder)
    .filter((file) => file.endsWith('.sql'))
    .sort()
    .flatMap((file) => splitPostgresStatements(readFileSync(join(folder, file), 'utf8')))
    .map((sql) => {
      const match = CREATE.exec(sql) ?? ALTER_CONFIGURATION.exec(sql);
      if (!match?.[1] || !match[2]) throw new Error(`not a CREATE statement: ${sql.slice(0, 80)}`);
      return { type: typeOf(match[1]), name: match[2], sql };
    });
}
