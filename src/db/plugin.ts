import fp from 'fastify-plugin';
import { type Db, isEmpty, migrateDatabase, openDatabase } from './database.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
  }
}

export interface DatabasePluginOptions {
  path: string;
  /** Load this (the seed) when the database holds nothing yet. */
  seedWhenEmpty?: (db: Db) => void;
}

/** Opens the database, brings its schema up to date, seeds it when empty, closes it on close. */
export default fp<DatabasePluginOptions>(
  async (app, options) => {
    const db = openDatabase(options.path);
    migrateDatabase(db);
    if (options.seedWhenEmpty && isEmpty(db)) options.seedWhenEmpty(db);
    app.decorate('db', db);
    app.addHook('onClose', async () => {
      db.$client.close();
    });
  },
  { name: 'database' },
);
