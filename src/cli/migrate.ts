/**
 * npm run migrate: brings the database up to the latest migration: the SQLite file at
 * DATABASE_PATH, or, with DATABASE_URL set, the PostgreSQL server (migrations/postgres).
 */
import { type Config, loadConfigOrExit, redactUrl } from '../config.js';
import { migrateDatabase, openDatabase } from '../db/database.js';
import { postgresPool } from '../db/pg-pool.js';
import { migratePostgres } from '../db/postgres.js';

const config = loadConfigOrExit();
if (config.backend === 'postgres') await migrateServer(config);
else {
  const db = openDatabase(config.DATABASE_PATH);
  migrateDatabase(db);
  db.$client.close();
  console.log(`migrated ${config.DATABASE_PATH}`);
}

/**
 * The PostgreSQL server's migrations, on one connection. A failure is one line on stderr and
 * exit status 1, naming the server without its password.
 */
async function migrateServer({ DATABASE_URL: url = '' }: Config): Promise<void> {
  const pool = postgresPool({ connectionString: url, max: 1 });
  const where = redactUrl(url);
  try {
    await migratePostgres(pool);
    console.log(`migrated ${where}`);
  } catch (error) {
    const password = URL.canParse(url) ? decodeURIComponent(new URL(url).password) : '';
    const reason = error instanceof Error ? error.message : String(error);
    // pg's messages do not quote the URL; should one ever, its password still stays out.
    const said = password ? reason.replaceAll(password, '***') : reason;
    process.stderr.write(`migrating ${where} failed: ${said.replace(/\s+/g, ' ')}\n`);
    process.exitCode = 1;
  } finally {
    await pool.end();
  }
}
