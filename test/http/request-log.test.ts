import { join } from 'node:path';
import { Writable } from 'node:stream';
import t, { type Test } from 'tap';
import { buildApp } from '../../src/app.js';
import { tempDir } from '../helper.js';

/** The app on an empty database, logging at `level` into `stream`. */
async function appLogging(t: Test, level: string, stream: Writable) {
  const app = await buildApp({
    databasePath: join(tempDir(t), 'annals.db'),
    corsOrigins: '*',
    logger: { level, stream },
  });
  t.teardown(() => app.close());
  return app;
}

/** The JSON lines a logger wrote. */
function recorder() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, stream };
}

t.test('at info, one line a request: reqId, method, url, status and ms', async (t) => {
  const { lines, stream } = recorder();
  const app = await appLogging(t, 'info', stream);
  await app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'r-1' } });
  await app.inject({ method: 'GET', url: '/v1/events/no-such-event' });
  const requests = lines.filter((l) => l.msg === 'request');
  t.equal(lines.length, 2, 'nothing else is written');
  t.match(requests, [
    { level: 30, reqId: 'r-1', method: 'GET', url: '/health', statusCode: 200, ms: Number },
    { level: 30, method: 'GET', url: '/v1/events/no-such-event', statusCode: 404 },
  ]);
});

t.test('at debug, the request as it came in too', async (t) => {
  const { lines, stream } = recorder();
  const app = await appLogging(t, 'debug', stream);
  await app.inject({ method: 'GET', url: '/health' });
  t.match(lines, [
    { level: 20, msg: 'incoming request', req: { method: 'GET', url: '/health' } },
    { level: 30, msg: 'request', statusCode: 200 },
  ]);
});
