/**
 * The PostgreSQL backend's connections as `app.postgres` (DATABASE_URL): the primary and the read
 * replicas (postgres-replicas.ts), the schema brought up to date at start (migratePostgres), the
 * seed loaded into an empty database when asked, and the pools closed on close. The twin of
 * plugin.ts, which opens the SQLite file instead; an app has one of the two.
 */
import fp from 'fastify-plugin';
import type pg from 'pg';
import { migratePostgres, withStartLock } from './postgres.js';
import { PostgresServers, type PostgresServersOptions } from './postgres-replicas.js';
import { RecentWrites } from './read-your-writes.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The PostgreSQL servers; only when `app.backend` is 'postgres'. */
    postgres: PostgresServers;
    /** Each client's last written WAL position (read-your-writes.ts); only on PostgreSQL. */
    recentWrites: RecentWrites;
  }
}

export interface PostgresPluginOptions extends PostgresServersOptions {
  /** Load this (the seed) when the database holds no record yet. */
  seedWhenEmpty?: (primary: pg.Pool) => Promise<unknown>;
}

export default fp<PostgresPluginOptions>(
  async (app, { seedWhenEmpty, ...options }) => {
    const servers = new PostgresServers(options);
    try {
      await migratePostgres(servers.primary);
      // Under the start-up lock: a second server starting at once finds the seed there.
      if (seedWhenEmpty)
        await withStartLock(options.primaryUrl, () => seedWhenEmpty(servers.primary));
    } catch (error) {
      await servers.close();
      throw error;
    }
    app.decorate('backend', 'postgres');
    app.decorate('postgres', servers);
    app.decorate('recentWrites', new RecentWrites());
    app.addHook('onClose', () => servers.close());
  },
  // Named as the SQLite file's plugin (plugin.ts): what depends on `database` finds either.
  { name: 'database' },
);
