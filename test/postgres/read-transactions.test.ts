/**
 * How PostgresServers.read runs a read on a real server: a named read of one statement runs
 * alone, with no BEGIN and COMMIT around it, yet read-only and within its budget; a read of
 * several statements still sees one snapshot, the first time (run again inside a transaction) and
 * after; the budget left on a read's connection never reaches a write; what a read is learnt by
 * (its shape).
 */
import pg from 'pg';
import t from 'tap';
import { type OnConnection, PostgresServers } from '../../src/db/postgres-replicas.js';
import { shapeOf } from '../../src/http/reads/postgres-reads.js';
import { startPostgres } from './server.js';

const server = await startPostgres();
t.teardown(() => server.stop());
const other = new pg.Client({ connectionString: server.url });
await other.connect();
t.teardown(() => other.end());
await other.query('create table notes (id int primary key)');

/** One connection per pool, so that every read and write of a test shares it. */
const servers = new PostgresServers({ primaryUrl: server.url, poolMax: 1 });
t.teardown(() => servers.close());

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'no error',
    (error: unknown) => (error as { code?: string }).code,
  );

const alone: OnConnection<boolean> = async (client) => {
  // now() is the transaction's start: the statement's own start only when it is its own.
  const { rows } = await client.query<{ alone: boolean }>(
    'select now() = statement_timestamp() as alone',
  );
  return rows[0]?.alone ?? false;
};

t.test('a named read of one statement runs alone, read-only, within its budget', async (t) => {
  t.equal(await servers.read(alone, { name: 'test.alone' }), true, 'no transaction around it');
  t.equal(await servers.read(alone), false, 'an unnamed read is in a transaction');
  t.equal(
    await codeOf(
      servers.read((client) => client.query('insert into notes values (1)'), { name: 'test.w' }),
    ),
    '25006',
    'a write is refused (read_only_sql_transaction)',
  );
  t.equal(
    await codeOf(
      servers.read((client) => client.query('select pg_sleep(2)'), {
        name: 'test.sleep',
        timeoutMs: 200,
      }),
    ),
    '57014',
    'a statement past the budget is cancelled',
  );
});

t.test('a read of several statements sees one snapshot, the first time and after', async (t) => {
  let next = 100;
  const countTwice: OnConnection<{ before: number; after: number }> = async (client) => {
    const count = async () =>
      (await client.query<{ n: number }>('select count(*)::int as n from notes')).rows[0]?.n;
    const before = await count();
    // Another connection commits between the read's two statements.
    next += 1;
    await other.query('insert into notes values ($1)', [next]);
    return { before: before ?? -1, after: (await count()) ?? -1 };
  };
  for (const time of ['first', 'second']) {
    const { before, after } = await servers.read(countTwice, { name: 'test.twice' });
    t.equal(after, before, `${time} time: the insert between its statements is not seen`);
    const { rows } = await other.query<{ n: number }>('select count(*)::int as n from notes');
    t.equal(rows[0]?.n, after + 1, `${time} time: it is there once the read is over`);
  }
  let runs = 0;
  const answer = await servers.read(
    async (client) => {
      runs += 1;
      const { rows } = await client.query<{ n: number }>('select 1 as n');
      await client.query('select 2');
      return rows[0]?.n;
    },
    { name: 'test.two-plain' },
  );
  t.equal(answer, 1, 'the answer of the run inside the transaction');
  t.equal(runs, 2, 'run twice: alone, then again in a transaction');
  await servers.read(async (client) => client.query('select 1'), { name: 'test.two-plain' });
  t.equal(runs, 2, 'and not run alone again');
});

t.test("a read's budget never limits a write or a read with another budget", async (t) => {
  t.equal(await servers.read(alone, { name: 'test.alone', timeoutMs: 100 }), true);
  const { result } = await servers.write(async (client) => {
    await client.query('select pg_sleep(0.3)');
    return (await client.query<{ t: string }>("select current_setting('statement_timeout') as t"))
      .rows[0]?.t;
  });
  t.equal(result, '0', "the write's connection has the server's statement_timeout");
  const slept = await servers.read((client) => client.query('select pg_sleep(0.3)'), {
    name: 'test.sleep-unbounded',
  });
  t.equal(slept.rowCount, 1, 'a read without a budget after one with a budget is not cut short');
});

t.test("a read's shape names its task and the parameters given, not their values", async (t) => {
  t.equal(
    shapeOf('events.list', { limit: 20, type: 'battle', include: ['place'], from: undefined }),
    'events.list include,limit,type',
  );
  t.equal(
    shapeOf('events.list', { limit: 50, type: 'treaty', include: ['participants'] }),
    shapeOf('events.list', { limit: 20, type: 'battle', include: ['place'] }),
    'the same shape for other values',
  );
  t.equal(
    shapeOf('events.get', { id: 'korean-war', query: { names_by: 'dprk' } }),
    'events.get id,query,query.names_by',
    "an item's query parameters are named inside it",
  );
});
