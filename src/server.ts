/** Reads the environment, builds the app, listens, and closes cleanly on SIGTERM / SIGINT. */
import pino from 'pino';
import { type BackendOptions, buildApp } from './app.js';
import { loadSeed } from './bundle/seed.js';
import { type Config, loadConfigOrExit, redactUrl } from './config.js';

const config = loadConfigOrExit(process.env);

/** The SQLite file at DATABASE_PATH, or PostgreSQL when DATABASE_URL is set. */
function backendOf(config: Config): BackendOptions {
  if (!config.DATABASE_URL) {
    return {
      databasePath: config.DATABASE_PATH,
      seedWhenEmpty: config.SEED_ON_START ? (db) => void loadSeed(db) : undefined,
    };
  }
  return {
    postgres: {
      primaryUrl: config.DATABASE_URL,
      replicaUrls: config.DATABASE_READ_URLS,
      poolMax: config.DATABASE_POOL_MAX,
      seedWhenEmpty: config.SEED_ON_START
        ? async (primary) => {
            const { isEmptyPostgres, loadSeedPostgres } = await import('./bundle/postgres/seed.js');
            if (await isEmptyPostgres(primary)) await loadSeedPostgres(primary);
          }
        : undefined,
    },
  };
}

/**
 * PostgreSQL out of reach at start (migrating or seeding failed): one line saying which server
 * (its password hidden) and why, and exit status 1, rather than a stack trace.
 */
function unreachable(error: unknown): never {
  const url = config.DATABASE_URL;
  if (!url) throw error;
  const reason = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    `DATABASE_URL: PostgreSQL at ${redactUrl(url)} could not be migrated or seeded: ${reason}\n`,
  );
  process.exit(1);
}

const app = await buildApp({
  ...backendOf(config),
  corsOrigins: config.CORS_ORIGINS,
  apiKeys: config.API_KEYS,
  rateLimits: {
    reads: config.RATE_LIMIT_READS,
    writes: config.RATE_LIMIT_WRITES,
    notFound: config.RATE_LIMIT_NOT_FOUND,
  },
  pressure: { maxEventLoopDelayMs: config.MAX_EVENT_LOOP_DELAY_MS },
  trustProxy: config.TRUST_PROXY,
  reads: {
    workers: config.READ_WORKERS,
    timeoutMs: config.READ_TIMEOUT_MS,
    cacheMB: config.CACHE_MB,
    mmapMB: config.READ_MMAP_MB,
  },
  exports: { maxConcurrent: config.EXPORT_MAX_CONCURRENT, timeoutMs: config.EXPORT_TIMEOUT_MS },
  pluginsOff: config.PLUGINS_OFF,
  // The default serializers log no headers; the redaction keeps it so if that ever changes.
  logger: {
    level: config.LOG_LEVEL,
    redact: ['req.headers.authorization'],
    // Written asynchronously, off the request path: at `info` a synchronous write per line made
    // /health cost 0.171 CPU ms against 0.090 buffered (bench/plugins.ts, load ~20). No minimum
    // length: a 4 KiB buffer held back "Server listening" (and every line of a quiet server)
    // until it filled, so a supervisor or a test reading the log never saw the server start.
    // Lines written while busy are coalesced into one write; pino flushes when the process exits.
    stream: pino.destination({ sync: false }),
  },
}).catch(unreachable);

/**
 * Stops accepting connections, lets the requests and imports in flight finish, then closes the
 * database (checkpointed). Past SHUTDOWN_TIMEOUT_MS it exits 1 anyway: an import cut short
 * leaves nothing behind, since each one is a single transaction. A second signal kills at once.
 */
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  app.log.info({ signal, timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, 'closing: finishing requests');
  const deadline = setTimeout(() => {
    app.log.error(
      { timeoutMs: config.SHUTDOWN_TIMEOUT_MS },
      'requests still in flight at the shutdown deadline: exiting without them',
    );
    process.exit(1);
  }, config.SHUTDOWN_TIMEOUT_MS);
  try {
    await app.close();
  } catch (error) {
    app.log.error({ err: error }, 'closing failed');
    process.exit(1);
  }
  clearTimeout(deadline);
  app.log.info('closed');
  process.exit(0);
}

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;
function onSignal(signal: NodeJS.Signals): void {
  for (const s of SIGNALS) process.off(s, onSignal);
  void shutdown(signal);
}
for (const signal of SIGNALS) process.on(signal, onSignal);

try {
  await app.listen({ port: config.PORT, host: config.HOST });
} catch (error) {
  app.log.error(error);
  process.exit(1);
}
