/**
 * Read replicas on real servers: a primary and two streaming replicas made by a low-level base
 * backup (replica-server.ts). Streaming works and replicas refuse writes; PostgresServers sends
 * writes to the primary, spreads reads over the replicas, never answers a read with a state
 * older than the `after` it was given (replay paused: the primary answers), and reads on
 * through a stopped replica.
 */
import { createServer, type Socket } from 'node:net';
import pg from 'pg';
import t from 'tap';
import { loadConfig } from '../../src/config.js';
import { lsnReached } from '../../src/db/pg-lsn.js';
import {
  type OnConnection,
  PostgresServers,
  postgresServers,
} from '../../src/db/postgres-replicas.js';
import { startReplicated } from './replica-server.js';

const cluster = await startReplicated(2);
t.teardown(() => cluster.stop());
const { primary } = cluster;
const [first, second] = cluster.replicas as [
  (typeof cluster.replicas)[0],
  (typeof cluster.replicas)[0],
];

/** A client on one server, closed at the end of the file. */
async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  t.teardown(() => client.end());
  return client;
}

const onPrimary = await connect(primary.url);
const onFirst = await connect(first.url);
const onSecond = await connect(second.url);
await onPrimary.query('create table notes (id int primary key, text text not null)');

/** Which server answered, and the notes it sees. */
const whoAndNotes: OnConnection<{ port: number; ids: number[] }> = async (client) => {
  const { rows } = await client.query<{ port: number; ids: number[] | null }>(
    'select inet_server_port() as port, (select array_agg(id order by id) from notes) as ids',
  );
  return { port: rows[0]?.port ?? 0, ids: rows[0]?.ids ?? [] };
};

const insertNote = (id: number) => async (client: pg.PoolClient) => {
  await client.query('insert into notes values ($1, $2)', [id, `note ${id}`]);
  return id;
};

/** Waits until a replica has replayed `lsn` (streaming is asynchronous). */
async function replayed(replica: pg.Client, lsn: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const { rows } = await replica.query<{ lsn: string }>(
      'select pg_last_wal_replay_lsn()::text as lsn',
    );
    if (rows[0] && lsnReached(rows[0].lsn, lsn)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the replica did not replay ${lsn} within 10 s`);
}

const servers = new PostgresServers({
  primaryUrl: primary.url,
  replicaUrls: [first.url, second.url],
  poolMax: 2,
});
t.teardown(() => servers.close());

t.test('the replicas stream from the primary and refuse writes', async (t) => {
  await onPrimary.query(`insert into notes values (0, 'streamed')`);
  const { rows: lsn } = await onPrimary.query<{ lsn: string }>(
    'select pg_current_wal_lsn()::text as lsn',
  );
  await replayed(onFirst, lsn[0]?.lsn ?? '');
  await replayed(onSecond, lsn[0]?.lsn ?? '');
  for (const replica of [onFirst, onSecond]) {
    const { rows } = await replica.query<{ text: string }>('select text from notes where id = 0');
    t.same(rows, [{ text: 'streamed' }], 'the row written on the primary is on the replica');
  }
  const { rows: senders } = await onPrimary.query<{ name: string; state: string }>(
    'select application_name as name, state from pg_stat_replication order by 1',
  );
  t.same(senders, [
    { name: 'replica1', state: 'streaming' },
    { name: 'replica2', state: 'streaming' },
  ]);
  await t.rejects(
    onFirst.query(`insert into notes values (99, 'refused')`),
    { code: '25006' },
    'a replica is read-only',
  );
});

t.test('write runs on the primary and returns its WAL position after the commit', async (t) => {
  const written = await servers.write(insertNote(1));
  t.equal(written.result, 1);
  const { rows } = await onPrimary.query<{ lsn: string }>(
    'select pg_current_wal_lsn()::text as lsn',
  );
  t.ok(lsnReached(rows[0]?.lsn ?? '0/0', written.lsn), 'the position is not past the primary');
  t.match(written.lsn, /^[0-9A-F]+\/[0-9A-F]+$/);
  await t.rejects(
    servers.write(async (client) => {
      await insertNote(2)(client);
      throw new Error('changed my mind');
    }),
    /changed my mind/,
  );
  const { rows: two } = await onPrimary.query('select 1 from notes where id = 2');
  t.equal(two.length, 0, 'a write whose function throws is rolled back');
});

t.test('reads go round-robin to the replicas, each seeing what it has replayed', async (t) => {
  const { lsn } = await servers.write(insertNote(3));
  await replayed(onFirst, lsn);
  await replayed(onSecond, lsn);
  const answers = [];
  for (let i = 0; i < 4; i += 1) answers.push(await servers.read(whoAndNotes, { after: lsn }));
  const ports = answers.map((answer) => answer.port);
  t.same(
    ports.toSorted(),
    [first.port, first.port, second.port, second.port].toSorted(),
    'two reads each',
  );
  t.not(ports[0], ports[1], 'one after the other');
  t.ok(
    answers.every((answer) => answer.ids.includes(3)),
    'each sees the write',
  );
  await t.rejects(
    servers.read((client) => client.query('select * from no_such_table')),
    { code: '42P01' },
    "the caller's error is thrown as is",
  );
  const after = await servers.read(whoAndNotes);
  t.not(after.port, primary.port, 'and the replica that answered it stays in turn');
});

t.test(
  'a read never sees a state older than its `after`: replay paused, the primary answers',
  async (t) => {
    await onFirst.query('select pg_wal_replay_pause()');
    await onSecond.query('select pg_wal_replay_pause()');
    t.teardown(async () => {
      await onFirst.query('select pg_wal_replay_resume()');
      await onSecond.query('select pg_wal_replay_resume()');
    });
    const { lsn } = await servers.write(insertNote(4));
    const stale = await servers.read(whoAndNotes);
    t.not(stale.port, primary.port, 'without `after`, a replica answers...');
    t.notOk(
      stale.ids.includes(4),
      '...with a state before the write (the replica lags: the test can fail)',
    );
    for (let i = 0; i < 3; i += 1) {
      const fresh = await servers.read(whoAndNotes, { after: lsn });
      t.equal(fresh.port, primary.port, 'with `after`, the primary answers');
      t.ok(fresh.ids.includes(4), 'and the write is seen');
    }
    await onFirst.query('select pg_wal_replay_resume()');
    await replayed(onFirst, lsn);
    const caughtUp = await servers.read(whoAndNotes, { after: lsn });
    t.equal(caughtUp.port, first.port, 'once a replica has replayed it, that replica answers');
    t.ok(caughtUp.ids.includes(4));
  },
);

t.test('a stopped replica is passed over without an error', async (t) => {
  const third = await cluster.addReplica();
  const config = loadConfig({
    DATABASE_URL: primary.url,
    DATABASE_READ_URLS: `${third.url},${first.url}`,
    DATABASE_POOL_MAX: '2',
  });
  const viaConfig = postgresServers(config);
  t.teardown(() => viaConfig.close());
  const ports = new Set<number>();
  for (let i = 0; i < 4; i += 1) ports.add((await viaConfig.read(whoAndNotes)).port);
  t.same(
    [...ports].toSorted(),
    [first.port, third.port].toSorted(),
    'from the configuration, both replicas read',
  );
  await third.shutDown();
  const answers = [];
  for (let i = 0; i < 6; i += 1) answers.push((await viaConfig.read(whoAndNotes)).port);
  t.same(answers, Array(6).fill(first.port), 'every read is answered, by the replica still up');
  const { lsn } = await viaConfig.write(insertNote(5));
  const seen = await viaConfig.read(whoAndNotes, { after: lsn });
  t.ok(seen.ids.includes(5), 'and read-your-writes holds');

  const onlyStopped = new PostgresServers({
    primaryUrl: primary.url,
    replicaUrls: [third.url],
    poolMax: 1,
  });
  t.teardown(() => onlyStopped.close());
  t.equal(
    (await onlyStopped.read(whoAndNotes)).port,
    primary.port,
    'with every replica down, the primary reads',
  );
});

t.test('without replicas, everything runs on the primary', async (t) => {
  const alone = new PostgresServers({ primaryUrl: primary.url });
  t.teardown(() => alone.close());
  const { lsn } = await alone.write(insertNote(6));
  t.equal((await alone.read(whoAndNotes)).port, primary.port);
  t.equal((await alone.read(whoAndNotes, { after: lsn })).port, primary.port);
});

t.test('a replica that failed rests for replicaRestMs, then is tried again', async (t) => {
  const fourth = await cluster.addReplica();
  // Long enough for the restart below to finish inside it on a loaded machine.
  const restMs = 4000;
  const resting = new PostgresServers({
    primaryUrl: primary.url,
    replicaUrls: [fourth.url],
    poolMax: 1,
    replicaRestMs: restMs,
  });
  t.teardown(() => resting.close());
  t.equal((await resting.read(whoAndNotes)).port, fourth.port, 'the replica reads');
  await fourth.shutDown();
  t.equal((await resting.read(whoAndNotes)).port, primary.port, 'down: the primary reads');
  const failedAt = Date.now();
  await fourth.startAgain();
  t.ok(
    Date.now() - failedAt < restMs,
    'the restart took less than the rest (else the next check means nothing)',
  );
  t.equal((await resting.read(whoAndNotes)).port, primary.port, 'up again, but still resting');
  await new Promise((resolve) => setTimeout(resolve, restMs - (Date.now() - failedAt) + 50));
  t.equal((await resting.read(whoAndNotes)).port, fourth.port, 'after its rest, the replica reads');
});

t.test('a connection the server ends between two queries of a read fails over', async (t) => {
  const lentOut = new PostgresServers({
    primaryUrl: primary.url,
    replicaUrls: [first.url],
    poolMax: 1,
  });
  t.teardown(() => lentOut.close());
  let ended = false;
  const port = await lentOut.read(async (client) => {
    const { rows } = await client.query<{ pid: number; port: number }>(
      'select pg_backend_pid() as pid, inet_server_port() as port',
    );
    const here = rows[0] ?? { pid: 0, port: 0 };
    if (!ended) {
      ended = true;
      await onFirst.query('select pg_terminate_backend($1)', [here.pid]);
      // The server's 57P01 arrives while no query runs: pg emits it on the connection.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await client.query('select 1');
    }
    return here.port;
  });
  t.equal(port, primary.port, 'the read is answered by the primary, and the process lives on');
  t.equal(
    (await lentOut.read(whoAndNotes)).port,
    primary.port,
    'the replica whose connection was ended rests',
  );
});

t.test(
  'a replica that accepts connections but never answers costs one connect timeout',
  async (t) => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    t.teardown(() => {
      for (const socket of sockets) socket.destroy();
      silent.close();
    });
    const address = silent.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const hung = new PostgresServers({
      primaryUrl: primary.url,
      replicaUrls: [primary.url.replace(`:${primary.port}/`, `:${port}/`)],
      poolMax: 1,
      replicaConnectTimeoutMs: 300,
    });
    t.teardown(() => hung.close());
    const started = Date.now();
    t.equal((await hung.read(whoAndNotes)).port, primary.port, 'the primary answers');
    t.ok(Date.now() - started >= 300, 'after the connect timeout');
    const again = Date.now();
    t.equal((await hung.read(whoAndNotes)).port, primary.port);
    t.ok(Date.now() - again < 300, 'then at once: the replica rests');
  },
);
