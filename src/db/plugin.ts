import fp from 'fastify-plugin';
import type { Backend } from '../config.js';
import { type Db, isEmpty, migrateDatabase, openDatabase } from './database.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Where the data lives: this plugin's SQLite file, or PostgreSQL (postgres-plugin.ts). */
    backend: Backend;
    /** The SQLite database; only when `app.backend` is 'sqlite'. */
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
    app.decorate('backend', 'sqlite');
    app.decorate('db', db);
    // Runs once the server has stopped and the requests in flight are done. The checkpoint
    // folds the write-ahead log into the file, so that the file alone is the whole database.
    app.addHook('onClose', async () => {
      if (!db.$client.open) return;
      try {
        db.$client.pragma('optimize');
        db.$client.pragma('wal_checkpoint(TRUNCATE)');
      } catch (error) {
        app.log.warn({ err: error }, 'could not checkpoint the database before closing it');
      }
      db.$client.close();
    });
  },
  { name: 'database' },
);
