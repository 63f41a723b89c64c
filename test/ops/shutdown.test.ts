/**
 * Graceful shutdown of the real server process: on SIGTERM (or SIGINT) it stops accepting
 * connections, finishes the import in flight, closes the database (on SQLite checkpointed) and
 * exits 0; past SHUTDOWN_TIMEOUT_MS it exits 1, and the import cut short leaves nothing behind.
 * On both backends; the checks of the file are SQLite's.
 */
import { existsSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import t, { type Test } from 'tap';
import { tempDir } from '../helper.js';
import {
  places,
  postNdjson,
  type ServerProcess,
  sleep,
  startServer,
  storedPlaces,
} from './server-process.js';

const RECORDS = 3000;

/** Whether a new TCP connection to the port is refused. */
function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

async function untilRefused(port: number, timeoutMs = 5000): Promise<boolean> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (await refused(port)) return true;
    await sleep(20);
  }
  return false;
}

/** NDJSON lines of `places(prefix, count)` that stall after the first chunk until `go` resolves. */
async function* stalled(prefix: string, count: number, go: Promise<void>) {
  let first = true;
  for (const chunk of places(prefix, count)) {
    yield chunk;
    if (first) await go;
    first = false;
    await sleep(20);
  }
}

/** Opens a connection and sends a request's headers all but the last line break. */
function halfSentRequest(port: number) {
  const socket = connect(port, '127.0.0.1');
  let text = '';
  socket.setEncoding('utf8').on('data', (chunk: string) => {
    text += chunk;
  });
  const closed = new Promise<string>((resolve) => socket.once('close', () => resolve(text)));
  socket.on('error', () => {});
  socket.write('GET /v1/sources HTTP/1.1\r\nHost: annals\r\n');
  return { finish: () => socket.write('\r\n'), answer: closed };
}

/** SQLite's checks of the file the server closed: sound, its keys kept. */
function checkFile(t: Test, databasePath: string): void {
  const db = new Sqlite(databasePath, { fileMustExist: true });
  t.teardown(() => db.close());
  t.equal(db.pragma('integrity_check', { simple: true }), 'ok', 'integrity_check is ok');
  t.same(db.pragma('foreign_key_check'), [], 'foreign_key_check finds nothing');
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  t.test(`${signal}: the import in flight finishes, then the process exits 0`, async (t) => {
    const databasePath = join(tempDir(t), 'annals.db');
    const server: ServerProcess = await startServer(t, databasePath);
    let go: () => void = () => {};
    const resume = new Promise<void>((resolve) => (go = resolve));
    const upload = postNdjson(server.url, stalled('inflight', RECORDS, resume));
    // A request whose headers have begun to arrive: its connection is not idle, so it survives
    // the close and is answered as the server drains.
    const late = halfSentRequest(server.port);
    await sleep(300);

    server.child.kill(signal);
    t.ok(await untilRefused(server.port), 'new connections are refused once the signal is sent');
    t.equal(server.child.exitCode, null, 'the process waits for the import');

    late.finish();
    const lateAnswer = await late.answer;
    t.match(lateAnswer, /^HTTP\/1\.1 503 /, 'a request that arrives while draining is 503');
    t.match(lateAnswer, /content-type: application\/problem\+json/i, 'as a problem');
    t.match(lateAnswer, /connection: close/i, 'closing its connection');
    t.match(lateAnswer, /retry-after: 5/i, 'with Retry-After');

    go();
    const answer = await upload.answer;
    if ('error' in answer) throw answer.error;
    t.equal(
      answer.status,
      201,
      `the import in flight is answered 201: ${answer.body.slice(0, 200)}`,
    );
    t.equal(JSON.parse(answer.body).report.totals.created, RECORDS, 'with every record created');

    const { code } = await server.exited;
    t.equal(code, 0, 'the process exits 0');
    t.match(server.log(), /"msg":"closed"/, 'and logs that it closed');

    if (!server.databaseUrl) {
      const wal = `${databasePath}-wal`;
      t.ok(!existsSync(wal) || statSync(wal).size === 0, 'the write-ahead log was checkpointed');
      checkFile(t, databasePath);
    }
    t.equal(
      await storedPlaces(server, databasePath, 'inflight'),
      RECORDS,
      "the import's records are there",
    );
  });
}

t.test(
  'past SHUTDOWN_TIMEOUT_MS the process exits 1, and the cut import left nothing',
  async (t) => {
    const databasePath = join(tempDir(t), 'annals.db');
    const server = await startServer(t, databasePath, {
      seed: false,
      env: { SHUTDOWN_TIMEOUT_MS: '500' },
    });
    const never = new Promise<void>(() => {});
    const upload = postNdjson(server.url, stalled('stuck', RECORDS, never));
    await sleep(300);

    const started = performance.now();
    server.child.kill('SIGTERM');
    const { code } = await server.exited;
    const waited = performance.now() - started;
    t.equal(code, 1, 'the process exits 1');
    t.ok(waited >= 450 && waited < 5000, `after the deadline: ${Math.round(waited)} ms`);
    t.match(server.log(), /shutdown deadline/, 'and logs why');
    const answer = await upload.answer;
    t.ok('error' in answer, 'the stalled upload is cut off');

    if (!server.databaseUrl) checkFile(t, databasePath);
    t.equal(
      await storedPlaces(server, databasePath, 'stuck'),
      0,
      'none of the cut import was written',
    );
  },
);
