/**
 * The app on PostgreSQL for a test: built by buildApp (the one factory) on a PostgreSQL server's
 * URL, which it migrates and, unless `seed: false`, seeds as `npm start` does. Closed at teardown.
 */
import { type App, buildApp } from '../../src/app.js';
import { isEmptyPostgres, loadSeedPostgres } from '../../src/bundle/postgres/seed.js';
import type { ApiKey } from '../../src/http/auth.js';

interface Teardown {
  teardown(fn: () => unknown): void;
}

export interface PostgresAppOptions {
  seed?: boolean;
  replicaUrls?: string[];
  /** The render cache's bound: off (0) unless given, as buildTestApp has it. */
  cacheMB?: number;
  readTimeoutMs?: number;
  apiKeys?: ApiKey[];
}

export async function buildPostgresApp(
  t: Teardown,
  url: string,
  options: PostgresAppOptions = {},
): Promise<App> {
  const app = await buildApp({
    postgres: {
      primaryUrl: url,
      replicaUrls: options.replicaUrls,
      poolMax: 4,
      seedWhenEmpty:
        options.seed === false
          ? undefined
          : async (primary) => {
              if (await isEmptyPostgres(primary)) await loadSeedPostgres(primary);
            },
    },
    corsOrigins: '*',
    apiKeys: options.apiKeys,
    checkResponses: true,
    reads: { workers: 0, timeoutMs: options.readTimeoutMs, cacheMB: options.cacheMB },
  });
  t.teardown(() => app.close());
  return app;
}
