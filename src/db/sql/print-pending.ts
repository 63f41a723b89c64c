/**
 * `npm run db:custom`: the statements a new migration must run so that a database migrated by
 * migrations/ holds src/db/sql's custom SQL: a changed object dropped and created again, a new one
 * created, one no longer written here dropped. Printed with drizzle's statement breakpoints, to be
 * pasted into a migration made by `npx drizzle-kit generate --custom --name=<what it does>`.
 * Prints nothing (and says so on stderr) when the two agree.
 */
import Sqlite from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { MIGRATIONS_FOLDER } from '../../paths.js';
import {
  customObjects,
  drizzleObjectNames,
  pendingStatements,
  readCustomSql,
} from './custom-sql.js';

const sqlite = new Sqlite(':memory:');
try {
  migrate(drizzle(sqlite), { migrationsFolder: MIGRATIONS_FOLDER });
  const current = customObjects(sqlite, drizzleObjectNames(MIGRATIONS_FOLDER));
  const pending = pendingStatements(current, readCustomSql());
  if (pending.length === 0) {
    console.error('src/db/sql matches the migrated database: no migration needed.');
  } else {
    if (pending.some((statement) => /^CREATE VIRTUAL TABLE/i.test(statement))) {
      pending.push(
        "-- search_fts was made anew: refill it from search_docs.\nINSERT INTO search_fts(search_fts) VALUES ('rebuild');",
      );
    }
    console.log(pending.join('\n--> statement-breakpoint\n'));
  }
} finally {
  sqlite.close();
}
