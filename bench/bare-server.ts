/**
 * The ceiling: a bare Fastify server with one route returning a small JSON object, started as
 * the API is (a child process on loopback) and measured in the same run. /health answers too,
 * so that the bench waits for it the same way.
 */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
const answer = () => ({ id: 'korean-war', name: 'Korean War', start: '1950-06-25' });
app.get('/bare', async () => answer());
app.get('/health', async () => ({ status: 'ok' }));

await app.listen({ port: Number(process.env.PORT ?? 3001), host: process.env.HOST ?? '127.0.0.1' });
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => void app.close().then(() => process.exit(0)));
}
