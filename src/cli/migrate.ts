/** npm run migrate: brings the database at DATABASE_PATH up to the latest migration. */
import { loadConfigOrExit } from '../config.js';
import { migrateDatabase, openDatabase } from '../db/database.js';

const config = loadConfigOrExit();
const db = openDatabase(config.DATABASE_PATH);
migrateDatabase(db);
db.$client.close();
console.log(`migrated ${config.DATABASE_PATH}`);
