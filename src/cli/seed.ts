/** npm run seed: loads the article's facts; loading twice leaves the database the same. */
import { loadSeed } from '../bundle/seed.js';
import { loadConfigOrExit } from '../config.js';
import { migrateDatabase, openDatabase } from '../db/database.js';

const config = loadConfigOrExit();
const db = openDatabase(config.DATABASE_PATH);
migrateDatabase(db);
const { totals } = loadSeed(db);
db.$client.close();
console.log(
  `seeded ${config.DATABASE_PATH}: ${totals.created} created, ${totals.updated} updated, ${totals.unchanged} unchanged`,
);
