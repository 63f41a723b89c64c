/** Reads the environment, builds the app, listens, and closes cleanly on SIGTERM / SIGINT. */
import { buildApp } from './app.js';
import { loadSeed } from './bundle/seed.js';
import { loadConfig } from './config.js';

const config = loadConfig();
const app = await buildApp({
  databasePath: config.DATABASE_PATH,
  seedWhenEmpty: config.SEED_ON_START ? (db) => void loadSeed(db) : undefined,
  corsOrigins: config.CORS_ORIGINS,
  apiKeys: config.API_KEYS,
  // The default serializers log no headers; the redaction keeps it so if that ever changes.
  logger: { level: config.LOG_LEVEL, redact: ['req.headers.authorization'] },
});

let closing = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, async () => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'closing');
    await app.close();
    process.exit(0);
  });
}

try {
  await app.listen({ port: config.PORT, host: config.HOST });
} catch (error) {
  app.log.error(error);
  process.exit(1);
}
