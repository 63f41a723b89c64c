/**
 * Single writes on PostgreSQL answer as on SQLite: the same sequence of writes (creates,
 * replaces, merge patches with nulls, conditional writes that pass and fail, dangling
 * references, excerpts not in their source, a source's text that moves or loses excerpts,
 * deletes refused for dependents and deletes with cascade) run through both backends' services
 * from the same seed gives the same answers (the record, created, ETag; or the same problem),
 * and leaves the same data, exported byte for byte. Then writes of one record raced on
 * PostgreSQL: one wins, the other gets the problem SQLite would give it, never a 500.
 */
import t from 'tap';
import { exportChunks } from '../../src/bundle/export.js';
import { exportChunksPostgres } from '../../src/bundle/postgres/export.js';
import { IMPORT_LOCK } from '../../src/bundle/postgres/import.js';
import { readRecord } from '../../src/bundle/records.js';
import { PostgresServers } from '../../src/db/postgres-replicas.js';
import { ApiProblem } from '../../src/http/errors.js';
import { type KindName, kindOf, type RecordOf } from '../../src/kinds/index.js';
import { type Conditions, itemEtags } from '../../src/writes/conditions.js';
import { createWritesService } from '../../src/writes/service.js';
import { createWritesServicePostgres } from '../../src/writes/service.pg.js';
import { person as personBody, SOURCE } from '../writes/helper.js';
import { seededBackends } from './seeded.js';

const { pool, sqlite } = await seededBackends(t);
const servers = new PostgresServers({ primaryUrl: pool.options.connectionString as string });
t.teardown(() => servers.close());
const onSqlite = createWritesService(sqlite);
const onPostgres = createWritesServicePostgres(servers);

/** A person record as a route gives it to the service: the body parsed by the kind's schema. */
const person = (id: string, name: string, extra: object = {}): RecordOf<'people'> =>
  kindOf('people').record.parse(personBody(id, name, extra));

/** What both services are asked: the same call on either. */
type Write = (
  service: typeof onSqlite | typeof onPostgres,
) => ReturnType<typeof onSqlite.create> | ReturnType<typeof onPostgres.create> | unknown;

/** An answer as it compares: the write's answer without the LSN, or the problem's body. */
async function outcome(run: () => unknown): Promise<Record<string, unknown>> {
  try {
    const answer = (await run()) as Record<string, unknown> | undefined;
    const { lsn, ...rest } = answer ?? {};
    return { answer: rest, hasLsn: typeof lsn === 'string' && /^[0-9A-F]+\/[0-9A-F]+$/.test(lsn) };
  } catch (error) {
    if (!(error instanceof ApiProblem)) throw error;
    return { problem: error.body() };
  }
}

/** Runs the write on both backends; checks the answers are equal; gives SQLite's answer. */
async function both(label: string, write: Write, expect: number | 'ok' = 'ok') {
  let expected: Record<string, unknown> = {};
  await t.test(label, async (t) => {
    expected = await outcome(() => write(onSqlite));
    const got = await outcome(() => write(onPostgres));
    t.same(got.answer ?? got.problem, expected.answer ?? expected.problem, 'the same answer');
    if (expect === 'ok') {
      t.notOk(expected.problem, 'written on SQLite');
      t.ok(got.hasLsn, 'with the LSN of its commit on PostgreSQL');
    } else {
      const problem = expected.problem as { status?: number; errors?: unknown[] } | undefined;
      t.equal(problem?.status, expect, `a ${expect} on SQLite`);
      if (expect !== 404 && expect !== 412) t.ok(problem?.errors?.length, 'naming what is wrong');
    }
  });
  return expected;
}

/** The ETag GET of the item sends now on SQLite (the same on PostgreSQL: each answer compares). */
const etagNow = (kind: KindName, id: string) => itemEtags(sqlite)(kind, id) as string;

await both('create a person', (s) => s.create('people', person('zanzibar-quetzal', 'Z. Q.')));
await both(
  'create it again: 409',
  (s) => s.create('people', person('zanzibar-quetzal', 'Z. Q.')),
  409,
);
await both('replace it', (s) =>
  s.replace('people', person('zanzibar-quetzal', 'Zanzibar Quetzal', { aliases: ['ZQ', 'Zed'] })),
);
await both('replace a record that is not there: created', (s) =>
  s.replace(
    'people',
    person('yarrow-quill', 'Yarrow Quill', { country: 'workers-party-of-korea' }),
  ),
);
await both('patch it', (s) =>
  s.patch('people', 'zanzibar-quetzal', {
    description: 'a test person',
    basis: { description: { kind: 'inferred', note: 'made up for the test' } },
  }),
);
await both('patch with nulls: the fields go', (s) =>
  s.patch('people', 'zanzibar-quetzal', { aliases: null, basis: null, description: null }),
);
await both('patch a list whole', (s) =>
  s.patch('delegations', 'li-hongzhong-delegation-pyongyang-2023', {
    members: [{ person: 'kang-sun-nam', role: 'host' }, { person: 'mao-ning' }],
  }),
);
await both('patch an id: 400', (s) => s.patch('people', 'zanzibar-quetzal', { id: 'other' }), 400);
await both(
  'patch into an invalid record: 400',
  (s) => s.patch('people', 'zanzibar-quetzal', { name: 42, unknown: 1 }),
  400,
);
await both('patch what is not there: 404', (s) => s.patch('people', 'nobody-at-all', {}), 404);

const etag = await etagNow('people', 'zanzibar-quetzal');
const stale: Conditions = { ifMatch: etag };
await both('If-Match with the ETag: written', (s) =>
  s.patch('people', 'zanzibar-quetzal', { description: 'matched' }, { ifMatch: etag }),
);
await both(
  'If-Match with an older ETag: 412',
  (s) => s.patch('people', 'zanzibar-quetzal', { description: 'stale' }, stale),
  412,
);
await both(
  'If-None-Match: * over a record: 412',
  (s) => s.create('people', person('zanzibar-quetzal', 'Z'), { ifNoneMatch: '*' }),
  412,
);
await both(
  'If-Match on a record that is not there: 412',
  (s) => s.replace('people', person('xenia-vole', 'X'), { ifMatch: '*' }),
  412,
);
await both('If-None-Match: * on a new record: created', (s) =>
  s.create('people', person('xenia-vole', 'Xenia Vole'), { ifNoneMatch: '*' }),
);
await both(
  'DELETE If-Match with an older ETag: 412',
  (s) => s.remove('people', 'zanzibar-quetzal', false, stale),
  412,
);

await both(
  'dangling references: 409 naming each',
  (s) =>
    s.create(
      'people',
      person('wren-umber', 'Wren Umber', {
        country: 'no-such-country',
        citations: [
          { source: SOURCE, excerpt: 'Kim Jong-un' },
          {
            source: 'no-such-source',
            excerpt: 'x',
            according_to: [{ kind: 'person', id: 'nobody' }],
          },
        ],
      }),
    ),
  409,
);
await both(
  'an excerpt not in its source: 422',
  (s) =>
    s.create(
      'people',
      person('wren-umber', 'Wren Umber', {
        citations: [
          { source: SOURCE, excerpt: 'Kim Jong-un' },
          { source: SOURCE, excerpt: 'words the article never says' },
        ],
      }),
    ),
  422,
);

const text = readRecord(sqlite, 'sources', SOURCE)?.text ?? '';
await both('a source text that moves the excerpts: written', (s) =>
  s.patch('sources', SOURCE, { text: `Reported. ${text}` }),
);
await both(
  'a source text that loses excerpts others take from it: 422 listing them',
  (s) => s.patch('sources', SOURCE, { text: text.slice(0, 300) }),
  422,
);

await both(
  'a place referred to: 409 listing who',
  (s) => s.remove('places', 'mao-anying-grave', false),
  409,
);
const refused = await both(
  'a person referred to many times: 409 listing them',
  (s) => s.remove('people', 'kim-jong-un', false),
  409,
);
const listed = (refused.problem as { errors: unknown[] }).errors.length;
t.ok(listed > 1, `${listed} references listed, in the same order on both`);
await both('delete what is not there: 404', (s) => s.remove('people', 'nobody-at-all', false), 404);
await both('delete a person none refers to', (s) => s.remove('people', 'xenia-vole', false));
await both('delete a person with cascade', (s) => s.remove('people', 'kang-sun-nam', true));
await both('delete a source with cascade', (s) =>
  s.remove('sources', 'kcna-report-2023-07-26-wreath', true),
);
await both('delete an organization with cascade', (s) =>
  s.remove('organizations', 'workers-party-of-korea', true),
);
await both('the records the cascades changed read the same', (s) =>
  s.patch('delegations', 'li-hongzhong-delegation-pyongyang-2023', {}),
);

t.test('after the writes, both export the same bytes', async (t) => {
  const options = { format: 'ndjson' } as const;
  let postgres = '';
  for await (const chunk of exportChunksPostgres(pool, options)) postgres += chunk;
  const expected = [...exportChunks(sqlite, options)].join('');
  t.ok(expected.includes('"id":"zanzibar-quetzal"'), 'the writes are in it');
  t.notOk(expected.includes('"id":"kang-sun-nam"'), 'the deletes too');
  t.equal(postgres, expected, 'the same export');
});

/** How each of writes run at once ended: `created`, `written`, or the problem's slug. */
async function settled(writes: Promise<unknown>[]): Promise<string[]> {
  const ends = await Promise.allSettled(writes);
  return ends
    .map((end) => {
      if (end.status === 'fulfilled') {
        return (end.value as { created?: boolean }).created ? 'created' : 'written';
      }
      return end.reason instanceof ApiProblem ? end.reason.slug : `error: ${end.reason}`;
    })
    .sort();
}

t.test('creates of one id at once: one is created, the others find it taken', async (t) => {
  for (let round = 0; round < 5; round += 1) {
    const id = `racer-${round}`;
    const ends = await settled(
      Array.from({ length: 4 }, () => onPostgres.create('people', person(id, `Racer ${round}`))),
    );
    t.same(ends, ['already-exists', 'already-exists', 'already-exists', 'created'], id);
  }
  const ends = await settled(
    Array.from({ length: 4 }, () =>
      onPostgres.create('people', person('racer-star', 'Racer'), { ifNoneMatch: '*' }),
    ),
  );
  t.same(
    ends,
    ['created', 'precondition-failed', 'precondition-failed', 'precondition-failed'],
    'If-None-Match: *: one created, the others 412',
  );
});

t.test('patches under one If-Match at once: one is written, the others 412', async (t) => {
  for (let round = 0; round < 5; round += 1) {
    const { etag } = await onPostgres.patch('people', 'racer-star', {});
    const ends = await settled(
      Array.from({ length: 3 }, (_, i) =>
        onPostgres.patch(
          'people',
          'racer-star',
          { description: `${round}-${i}` },
          { ifMatch: etag },
        ),
      ),
    );
    t.same(ends, ['precondition-failed', 'precondition-failed', 'written'], `round ${round}`);
  }
});

t.test('a create referring to a record deleted at once: one of the two is refused', async (t) => {
  for (let round = 0; round < 5; round += 1) {
    const org = `racer-org-${round}`;
    await onPostgres.create(
      'organizations',
      kindOf('organizations').record.parse({ id: org, name: org, type: 'party', citations: [] }),
    );
    const ends = await settled([
      onPostgres.create('people', person(`racer-member-${round}`, 'M', { country: org })),
      onPostgres.remove('organizations', org, false),
    ]);
    t.ok(
      ['created,still-referenced', 'dangling-reference,written'].includes(ends.join()),
      `round ${round}: ${ends.join(', ')}`,
    );
  }
});

t.test('two writes that lock each other (a deadlock) both end written', async (t) => {
  for (let round = 0; round < 3; round += 1) {
    const [a, b] = [`racer-a-${round}`, `racer-b-${round}`];
    for (const id of [a, b]) {
      await onPostgres.create(
        'organizations',
        kindOf('organizations').record.parse({ id, name: id, type: 'party', citations: [] }),
      );
    }
    const ends = await settled([
      onPostgres.patch('organizations', a, { parent: b }),
      onPostgres.patch('organizations', b, { parent: a }),
    ]);
    t.same(ends, ['written', 'written'], `round ${round}`);
  }
});

t.test('a write waits for an import writing now, then is written', async (t) => {
  const importing = await pool.connect();
  await importing.query('begin');
  await importing.query('select pg_advisory_xact_lock($1::bigint)', [IMPORT_LOCK]);
  let ended = false;
  const write = onPostgres.create('people', person('after-import', 'After')).finally(() => {
    ended = true;
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
  t.notOk(ended, 'not while the import holds its lock');
  await importing.query('commit');
  importing.release();
  t.equal((await write).created, true, 'created once it ends');
});
