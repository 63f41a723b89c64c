/**
 * PostgreSQL's read path (PostgresServers.read, as `app.reads` runs it) against the path it
 * replaced (every read in a repeatable-read transaction, the budget set with BEGIN), alternating
 * round by round in one process on one generated database: Node's CPU ms and wall ms per read.
 *
 *   tsx bench/micro/postgres-reads.ts [--events 20000] [--rounds 5] [--reads 400]
 *   tsx bench/micro/postgres-reads.ts --url postgres://... (a database already loaded and migrated)
 */
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { FastifyBaseLogger } from 'fastify';
import pg from 'pg';
import { importIntoPostgres } from '../../src/bundle/postgres/import.js';
import { migratePostgres } from '../../src/db/postgres.js';
import {
  type OnConnection,
  PostgresServers,
  type ReadOptions,
} from '../../src/db/postgres-replicas.js';
import { postgresReads } from '../../src/http/reads/postgres-reads.js';
import type { ReadTask } from '../../src/http/reads/task.js';
import { eventsReads } from '../../src/kinds/events/reads.js';
import { EventListQuery } from '../../src/kinds/events/schemas.js';
import { peopleReads } from '../../src/kinds/people/reads.js';
import { postgresRuns } from '../../src/reads/postgres-registry.js';
import { startPostgres } from '../../test/postgres/server.js';
import { generate } from '../generate.js';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '20000' },
    rounds: { type: 'string', default: '5' },
    reads: { type: 'string', default: '400' },
    url: { type: 'string' },
  },
});

/** The read as it was: BEGIN (with SET LOCAL statement_timeout), the read, COMMIT. */
class TransactionEachRead extends PostgresServers {
  override async read<T>(fn: OnConnection<T>, { timeoutMs }: ReadOptions = {}): Promise<T> {
    const client = await this.primary.connect();
    try {
      const begin = 'begin isolation level repeatable read read only';
      await client.query(
        timeoutMs === undefined
          ? begin
          : `${begin}; set local statement_timeout = ${Math.max(1, Math.floor(timeoutMs))}`,
      );
      const result = await fn(client);
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }
}

const dir = mkdtempSync(join(tmpdir(), 'annals-pgreads-'));
const server = values.url ? undefined : await startPostgres();
const url = values.url ?? server?.url ?? '';
try {
  const loader = new pg.Pool({ connectionString: url, max: 2 });
  loader.on('error', () => {});
  if (server) {
    const { ndjson } = await generate(Number(values.events), dir, { force: true });
    await migratePostgres(loader);
    await importIntoPostgres(
      loader,
      { format: 'ndjson', stream: createReadStream(ndjson) as AsyncIterable<Buffer> },
      { mode: 'all', dryRun: false, keyName: 'bench' },
    );
  }
  const idsOf = async (table: string) =>
    (await loader.query<{ id: string }>(`select id from ${table}`)).rows.map((r) => r.id);
  const ids = await idsOf('events');
  const personIds = await idsOf('people');
  await loader.end();

  const silent = { warn() {}, error() {}, info() {}, debug() {} } as unknown as FastifyBaseLogger;
  const runs = postgresRuns();
  const paths = {
    before: new TransactionEachRead({ primaryUrl: url, poolMax: 4 }),
    after: new PostgresServers({ primaryUrl: url, poolMax: 4 }),
  };
  const readers = Object.fromEntries(
    Object.entries(paths).map(([name, servers]) => [
      name,
      postgresReads({ servers, runs, timeoutMs: 5000, checkResponses: false, log: silent }),
    ]),
  );
  let seed = 1;
  const anyOf = (list: string[]) => {
    seed = (seed * 16807) % 2147483647;
    return list[seed % list.length] as string;
  };
  const anyId = () => anyOf(ids);
  const cases: Record<string, () => [ReadTask<never>, unknown]> = {
    'event item': () => [eventsReads.get as ReadTask<never>, { id: anyId(), query: {} }],
    'person item': () => [peopleReads.get as ReadTask<never>, { id: anyOf(personIds), query: {} }],
    'events list': () => [eventsReads.list as ReadTask<never>, EventListQuery.parse({})],
    'events list include': () => [
      eventsReads.list as ReadTask<never>,
      EventListQuery.parse({ include: 'place,participants', limit: '20' }),
    ],
  };
  const rounds = Number(values.rounds);
  const reads = Number(values.reads);
  const totals: Record<string, { cpu: number; wall: number; n: number }> = {};
  for (const [label, make] of Object.entries(cases)) {
    for (let round = 0; round < rounds; round += 1) {
      const order = round % 2 === 0 ? ['before', 'after'] : ['after', 'before'];
      for (const path of order) {
        const reader = readers[path];
        if (!reader) continue;
        for (let i = 0; i < 20; i += 1) {
          // Warming up, each answer is checked to be the old path's, byte for byte.
          const [task, params] = make() as [ReadTask<never>, never];
          const [mine, old] = await Promise.all([
            reader.text(task, params),
            readers.before?.text(task, params),
          ]);
          if (mine !== old) throw new Error(`${label}: the answers differ`);
        }
        const cpu = process.cpuUsage();
        const started = performance.now();
        for (let i = 0; i < reads; i += 1) {
          await reader.text(...(make() as [ReadTask<never>, never]));
        }
        const wall = performance.now() - started;
        const used = process.cpuUsage(cpu);
        const total = totals[`${label} ${path}`] ?? { cpu: 0, wall: 0, n: 0 };
        totals[`${label} ${path}`] = total;
        total.cpu += (used.user + used.system) / 1000;
        total.wall += wall;
        total.n += reads;
      }
    }
  }
  for (const [name, { cpu, wall, n }] of Object.entries(totals)) {
    console.log(
      `${name.padEnd(22)} ${(cpu / n).toFixed(3)} CPU ms/read  ${(wall / n).toFixed(3)} wall ms/read  (${n})`,
    );
  }
  const several = (paths.after as unknown as { severalStatements: Set<string> }).severalStatements;
  console.log('reads of several statements:', [...several].join(', ') || 'none');
  await Promise.all(Object.values(paths).map((servers) => servers.close()));
} catch (error) {
  console.error(error);
} finally {
  await server?.stop().catch(() => {});
  rmSync(dir, { recursive: true, force: true });
}
