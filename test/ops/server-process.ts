/**
 * What the operations tests share: the real server as a child process (`node --import tsx
 * src/server.ts`) on a temp database (a SQLite file, or with ANNALS_TEST_BACKEND=postgres a
 * PostgreSQL database of its own), the CLI as a child process, HTTP over node:http, generated
 * NDJSON, and a probe that tells from outside when an import's write transaction is running.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { IMPORT_LOCK } from '../../src/bundle/postgres/import.js';
import { ConfigSchema } from '../../src/config.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { freshPostgresDatabase, ON_POSTGRES } from '../backend.js';

interface Teardown {
  teardown(fn: () => unknown): void;
}

export const KEY = { name: 'ops', secret: 'sk-annals-ops-test-5e1f0c7a9b3d' };

/**
 * The environment of a child: none of the server's settings from the developer's shell, and no
 * tap hooks (NODE_OPTIONS: they double the cost of a spawn, and a child's coverage is not counted).
 */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = { ...process.env };
  for (const name of [...Object.keys(ConfigSchema.shape), 'NODE_OPTIONS', 'ANNALS_KEY']) {
    delete inherited[name];
  }
  return { ...inherited, ...env };
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** The PostgreSQL database the server runs on; undefined on SQLite. */
  databaseUrl: string | undefined;
  port: number;
  /**
   * What the server has written (its JSON log lines, stdout and stderr) since it answered its
   * first read: the readiness checks before it are left out.
   */
  log(): string;
  /** Resolves when the process has exited, with its code or signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends a signal and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts the server on `databasePath` on a free port (PORT=0; the port is read from the
 * "Server listening at" log line), with KEY as its only API key and no rate limits (the tests
 * send thousands of requests from one address), and waits until it answers reads. Killed at
 * teardown if still alive.
 * On PostgreSQL (ANNALS_TEST_BACKEND=postgres) the server gets DATABASE_URL to a fresh database of
 * its own, migrated and seeded as `seed` asks (backend.ts), unless `env` names one (a database the
 * test has filled); `databasePath` is then never made. `databaseUrl` on the answer says which.
 */
export async function startServer(
  t: Teardown,
  databasePath: string,
  options: {
    seed?: boolean;
    timeoutMs?: number;
    env?: Record<string, string>;
    /** Node's arguments: the sources through tsx unless given (the built server, say). */
    args?: string[];
    /** What must answer 200 before the server counts as ready: a list of sources unless given. */
    readyPath?: string;
  } = {},
): Promise<ServerProcess> {
  const args = options.args ?? ['--import', 'tsx', 'src/server.ts'];
  // Made before the child is spawned: teardowns run last first, so the child is killed before
  // its database is dropped.
  const databaseUrl =
    options.env?.DATABASE_URL ??
    (ON_POSTGRES ? await freshPostgresDatabase(t, options.seed !== false) : undefined);
  const child = spawn(process.execPath, args, {
    cwd: PROJECT_ROOT,
    env: childEnv({
      DATABASE_PATH: databasePath,
      PORT: '0',
      HOST: '127.0.0.1',
      API_KEYS: `${KEY.name}:${KEY.secret}`,
      SEED_ON_START: options.seed === false ? 'false' : 'true',
      LOG_LEVEL: 'info',
      RATE_LIMIT_READS: '0',
      RATE_LIMIT_WRITES: '0',
      RATE_LIMIT_NOT_FOUND: '0',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      ...options.env,
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  t.teardown(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the server did not listen within the time:\n${output}`)),
      options.timeoutMs ?? 30_000,
    );
    const onData = (text: string) => {
      output += text;
      const found = /Server listening at (http:\/\/[0-9.]+:\d+)/.exec(output);
      if (found?.[1]) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    };
    child.stdout?.setEncoding('utf8').on('data', onData);
    child.stderr?.setEncoding('utf8').on('data', onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code ?? signal}) before listening:\n${output}`));
    });
  });
  await untilReady(url, options.timeoutMs ?? 30_000, options.readyPath);
  const ready = output.length;
  return {
    child,
    url,
    databaseUrl,
    port: Number(new URL(url).port),
    log: () => output.slice(ready),
    exited,
    stop: (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/**
 * Waits for a read to answer 200. Listening is not enough: the event-loop delay of the start
 * (loading modules, migrating, seeding) is counted by the overload guard, which answers 503 to
 * everything but /health for about a second afterwards.
 */
async function untilReady(
  url: string,
  timeoutMs: number,
  path = '/v1/sources?limit=1',
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const answer = await get(`${url}${path}`);
    if (answer.status === 200) return;
    if (performance.now() > deadline) {
      throw new Error(`the server answered ${answer.status} for ${timeoutMs} ms: ${answer.body}`);
    }
    await sleep(100);
  }
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * Runs `npm run <command> -- ...args` as node with tsx, on the database at DATABASE_PATH, or on the
 * PostgreSQL database `env` names (DATABASE_URL).
 */
export function cli(
  command: string,
  args: string[],
  databasePath: string,
  env: Record<string, string> = {},
): Promise<Run> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', `src/cli/${command}.ts`, ...args], {
    cwd: PROJECT_ROOT,
    env: childEnv({ DATABASE_PATH: databasePath, ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - started }));
  });
}

export interface Answer {
  status: number;
  body: string;
  ms: number;
}

/** A keep-alive agent per test, so that a reader loop does not open a socket per request. */
export function keepAlive(t: Teardown, sockets = 8): Agent {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  t.teardown(() => agent.destroy());
  return agent;
}

/** GETs a URL and reads the whole answer; rejects after `timeoutMs`. */
export function get(url: string, agent?: Agent, timeoutMs = 60_000): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
          ms: performance.now() - started,
        }),
      );
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${url}: no answer in ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

export interface Upload {
  /** Resolves when the whole body has been handed to the socket. */
  uploaded: Promise<void>;
  /** The answer; or, when the connection broke (the server was killed), the error. */
  answer: Promise<Answer | { error: Error }>;
  /** True once the answer (or the error) has come. */
  settled(): boolean;
}

/** POSTs an NDJSON body to /v1/imports with KEY, chunked, as it is generated. */
export function postNdjson(
  baseUrl: string,
  body: Iterable<string> | AsyncIterable<string>,
): Upload {
  const started = performance.now();
  let markUploaded: () => void = () => {};
  const uploaded = new Promise<void>((resolve) => (markUploaded = resolve));
  const answer = new Promise<Answer | { error: Error }>((resolve) => {
    const req = request(
      `${baseUrl}/v1/imports`,
      {
        method: 'POST',
        agent: false,
        headers: {
          'content-type': 'application/x-ndjson',
          authorization: `Bearer ${KEY.secret}`,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - started,
          }),
        );
        res.on('error', (error) => resolve({ error }));
      },
    );
    req.on('error', (error) => resolve({ error }));
    req.on('finish', markUploaded);
    pipeline(Readable.from(body), req).catch((error: Error) => resolve({ error }));
  });
  let settled = false;
  void answer.then(() => (settled = true));
  return { uploaded, answer, settled: () => settled };
}

/**
 * `count` places as NDJSON lines, 500 a chunk, ids `${prefix}-000001`...: every tenth inside
 * the place seven lines further on (defined later in the stream), every tenth and fifth inside a
 * seeded place, so the import resolves references both ways.
 */
export function* places(prefix: string, count: number): Generator<string> {
  const idOf = (n: number) => `${prefix}-${String(n).padStart(6, '0')}`;
  const batch: string[] = [];
  for (let n = 1; n <= count; n += 1) {
    const parent = n % 10 === 0 && n + 7 <= count ? idOf(n + 7) : n % 10 === 5 ? 'dprk' : null;
    const record = { id: idOf(n), name: `${prefix} place ${n}`, type: 'village', parent };
    batch.push(`${JSON.stringify({ kind: 'places', record })}\n`);
    if (batch.length === 500) yield batch.splice(0).join('');
  }
  if (batch.length > 0) yield batch.join('');
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Watches the database from a connection of its own: `writing()` is true while another
 * connection holds the write lock (an import's write transaction), found by trying to take it.
 */
export function writeLockProbe(databasePath: string) {
  const db = new Sqlite(databasePath, { fileMustExist: true });
  db.pragma('busy_timeout = 0');
  return {
    writing(): boolean {
      try {
        db.exec('begin immediate');
      } catch (error) {
        if ((error as { code?: string }).code === 'SQLITE_BUSY') return true;
        throw error;
      }
      db.exec('rollback');
      return false;
    },
    untilWriting(upload: Upload, timeoutMs?: number, everyMs?: number): Promise<number> {
      return untilWriting(this, upload, timeoutMs, everyMs);
    },
    close: () => db.close(),
  };
}

/**
 * Polls `probe` until the write lock is taken, for `upload`'s write transaction; resolves with
 * the time waited, or rejects when the upload got its answer first or the time is up.
 */
async function untilWriting(
  probe: { writing(): boolean | Promise<boolean> },
  upload: Upload,
  timeoutMs = 60_000,
  everyMs = 10,
): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (await probe.writing()) return performance.now() - started;
    if (upload.settled()) {
      const answer = await upload.answer;
      const said = 'error' in answer ? answer.error.message : `${answer.status} ${answer.body}`;
      throw new Error(`the import ended before its write transaction was seen: ${said}`);
    }
    await sleep(everyMs);
  }
  throw new Error(`no write transaction began within ${timeoutMs} ms`);
}

/**
 * PostgreSQL's counterpart of writeLockProbe, on the database at `databaseUrl`: `writing()` is
 * true while an import holds its lock (IMPORT_LOCK, exclusive from its checks to its commit: the
 * span during which single writes wait for it), seen in pg_locks from a connection of its own.
 */
async function importLockProbe(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  return {
    async writing(): Promise<boolean> {
      // An advisory lock on a bigint key is shown split: its high half in classid, its low in objid.
      const { rows } = await client.query<{ writing: boolean }>(
        `select exists (
           select 1 from pg_locks
           where locktype = 'advisory' and mode = 'ExclusiveLock' and granted
             and database = (select oid from pg_database where datname = current_database())
             and (classid::bigint << 32) | objid::bigint = $1
         ) as writing`,
        [IMPORT_LOCK],
      );
      return rows[0]?.writing === true;
    },
    untilWriting(upload: Upload, timeoutMs?: number, everyMs?: number): Promise<number> {
      return untilWriting(this, upload, timeoutMs, everyMs);
    },
    close: () => client.end(),
  };
}

/**
 * The probe of the server's backend: the SQLite file's write lock at `databasePath`, or the
 * import's lock in the server's PostgreSQL database.
 */
export async function importWriteProbe(server: ServerProcess, databasePath: string) {
  return server.databaseUrl ? importLockProbe(server.databaseUrl) : writeLockProbe(databasePath);
}

/**
 * How many places of `places(prefix, ...)` the server's database holds: read from its SQLite file
 * at `databasePath`, or from its PostgreSQL database.
 */
export async function storedPlaces(
  server: ServerProcess,
  databasePath: string,
  prefix: string,
): Promise<number> {
  if (server.databaseUrl) {
    const client = new pg.Client({ connectionString: server.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: number }>(
        'select count(*)::int as n from places where id like $1',
        [`${prefix}-%`],
      );
      return rows[0]?.n ?? 0;
    } finally {
      await client.end();
    }
  }
  const db = new Sqlite(databasePath, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('select count(*) as n from places where id like ?').get(`${prefix}-%`);
    return (row as { n: number }).n;
  } finally {
    db.close();
  }
}
