/**
 * npm run seed: loads the article's facts into the SQLite file at DATABASE_PATH or, with
 * DATABASE_URL set, into the PostgreSQL server (migrated first, in one transaction). Loading twice
 * leaves the database the same on both.
 */
import { loadSeedPostgres } from '../bundle/postgres/seed.js';
import type { ImportReport } from '../bundle/report.js';
import { loadSeed } from '../bundle/seed.js';
import { type Config, loadConfigOrExit, redactUrl } from '../config.js';
import { migrateDatabase, openDatabase } from '../db/database.js';
import { postgresPool } from '../db/pg-pool.js';
import { migratePostgres } from '../db/postgres.js';

const config = loadConfigOrExit();
const counted = ({ totals }: ImportReport) =>
  `${totals.created} created, ${totals.updated} updated, ${totals.unchanged} unchanged`;

if (config.backend === 'postgres') await seedServer(config);
else {
  const db = openDatabase(config.DATABASE_PATH);
  migrateDatabase(db);
  const report = loadSeed(db);
  db.$client.close();
  console.log(`seeded ${config.DATABASE_PATH}: ${counted(report)}`);
}

/** Migrates and seeds the server; a failure is one line on stderr and exit status 1. */
async function seedServer({ DATABASE_URL: url = '' }: Config): Promise<void> {
  const pool = postgresPool({ connectionString: url, max: 1 });
  const where = redactUrl(url);
  try {
    await migratePostgres(pool);
    console.log(`seeded ${where}: ${counted(await loadSeedPostgres(pool))}`);
  } catch (error) {
    const password = URL.canParse(url) ? decodeURIComponent(new URL(url).password) : '';
    const reason = error instanceof Error ? error.message : String(error);
    // pg's messages do not quote the URL; should one ever, its password still stays out.
    const said = password ? reason.replaceAll(password, '***') : reason;
    process.stderr.write(`seeding ${where} failed: ${said.replace(/\s+/g, ' ')}\n`);
    process.exitCode = 1;
  } finally {
    await pool.end();
  }
}
