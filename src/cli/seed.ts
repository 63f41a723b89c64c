/** npm run seed: loads the article's facts; loading twice leaves the database the same. */
import { loadSeed } from '../bundle/seed.js';
import { loadConfig } from '../config.js';
import { migrateDatabase, openDatabase } from '../db/database.js';

const config = loadConfig();
const db = openDatabase(config.DATABASE_PATH);
migrateDatabase(db);
const { totals } = loadSeed(db);
db.$client.close();
console.log(
  `seeded ${config.DATABASE_PATH}: ${totals.created} created, ${totals.updated} updated, ${totals.unchanged} unchanged`,
);
