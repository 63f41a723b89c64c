/**
 * A source's claims on PostgreSQL give SQLite's pages, byte for byte (parity.ts): every seeded
 * source (and the crowd's, whose facts fill many pages), walked two by two and whole, under each
 * filter the claims take (`as`, `according_to` with every account in the seed and one naming
 * nothing, `basis`), one source that is not there, and the same problem for bad cursors.
 */
import t, { type Test } from 'tap';
import { loadSeedPostgres } from '../../src/bundle/postgres/seed.js';
import { loadSeed } from '../../src/bundle/seed.js';
import { renderRead } from '../../src/http/reads/task.js';
import { sourcesReads } from '../../src/kinds/sources/reads.js';
import { ClaimsQuery } from '../../src/kinds/sources/schemas.js';
import { encodeCursor } from '../../src/query/list/cursor.js';
import { BASIS_KINDS } from '../../src/records/basis-table.js';
import { tempDir } from '../helper.js';
import { writeCrowdBundle } from './crowd.js';
import { type Backends, postgresAnswer, sameAnswer } from './parity.js';
import { seededBackends } from './seeded.js';

const backends = await seededBackends(t);
const crowd = writeCrowdBundle(tempDir(t));
loadSeed(backends.sqlite, crowd);
await loadSeedPostgres(backends.pool, crowd);

const column = (sql: string) => backends.sqlite.$client.prepare(sql).pluck().all() as string[];
const task = sourcesReads.claims;
const paramsOf = (id: string, raw: Record<string, string>) => ({
  id,
  query: ClaimsQuery.parse(raw),
});

/** Walks a source's claims from the first page, `limit` at a time, each page alike on both. */
async function walk(t: Test, id: string, raw: Record<string, string>): Promise<number> {
  let cursor: string | null = null;
  let claims = 0;
  let pages = 0;
  do {
    const params = paramsOf(id, { ...raw, ...(cursor ? { cursor } : {}) });
    await sameAnswer(t, backends as Backends, task, params);
    const result = renderRead(task, backends.sqlite, params);
    if (result.tag !== 'ok') return claims;
    const page = JSON.parse(result.body) as { data: unknown[]; next_cursor: string | null };
    claims += page.data.length;
    cursor = page.next_cursor;
    pages += 1;
  } while (cursor && pages < 200);
  return claims;
}

const sources = column('select id from sources order by id');
const accounts = [
  ...column(
    'select distinct step_id from citation_steps union select issued_by_id from sources where issued_by_id is not null',
  ),
  'zz-nobody',
];

t.test('the filters tried are every one the claims take', async (t) => {
  t.same(
    Object.keys(ClaimsQuery.shape).sort(),
    ['according_to', 'as', 'basis', 'cursor', 'limit'],
    'as, according_to and basis beside the page',
  );
  t.ok(sources.length > 5, 'the seed has sources');
});

t.test("every source's claims, walked two by two and whole, are alike", async (t) => {
  let total = 0;
  for (const id of sources) {
    const all = await walk(t, id, { limit: '100' });
    t.equal(await walk(t, id, { limit: '2' }), all, `${id}: two by two, the same claims`);
    total += all;
  }
  t.ok(total > 0, 'some sources have claims');
  await sameAnswer(t, backends, task, paramsOf('zz-no-such-source', {}));
});

t.test('under each filter the claims are alike', async (t) => {
  const busiest = column(
    `select source_id from citations group by source_id order by count(*) desc, source_id limit 3`,
  );
  const reported = column(
    `select step_id from citation_steps where step_kind = 'source' group by step_id order by count(*) desc, step_id limit 2`,
  );
  for (const id of [...new Set([...busiest, ...reported])]) {
    for (const as of ['stated', 'reported']) await walk(t, id, { as, limit: '3' });
    for (const basis of BASIS_KINDS) await walk(t, id, { basis, limit: '3' });
    for (const account of accounts) await walk(t, id, { according_to: account, limit: '5' });
    await walk(t, id, { as: 'stated', basis: 'stated', according_to: String(accounts[0]) });
  }
});

t.test('a bad cursor is the same problem on both, never a 500', async (t) => {
  const id = column('select source_id from citations group by source_id order by count(*) desc')[0];
  if (!id) throw new Error('no source has claims');
  const cursors = [
    'not-a-cursor',
    encodeCursor('event:start', ['2023', 'x']),
    encodeCursor('source-claims:in-text', ['many', 'event', 'x', 0]),
    encodeCursor('source-claims:stated', [1, 'x', 0]),
    encodeCursor('source-claims:reported', ['event', 'x']),
    // The right types, but no fact: not a cited kind, not a slug, a NUL PostgreSQL refuses.
    encodeCursor('source-claims:in-text', [-1.5, 'zz', 'x', -7]),
    encodeCursor('source-claims:reported', ['', '', 2 ** 40]),
    encodeCursor('source-claims:stated', ['event\u0000', 'x', 0]),
    encodeCursor('source-claims:stated', ['event', 'x\u0000', 0]),
  ];
  for (const cursor of cursors) {
    await sameAnswer(t, backends, task, paramsOf(id, { cursor }));
    const answer = await postgresAnswer(backends.pool, task, paramsOf(id, { cursor }));
    t.match(answer, { tag: 'problem', status: 400 }, `${cursor}: a 400`);
  }
  // Cursors of a fact this API never issued (offsets and ordinals out of range): the same page.
  for (const cursor of [
    encodeCursor('source-claims:in-text', [1e300, 'event', 'x', 0]),
    encodeCursor('source-claims:in-text', [-1.5, 'event', 'zz', -7]),
    encodeCursor('source-claims:reported', ['person', 'a', 2 ** 40]),
  ]) {
    await sameAnswer(t, backends, task, paramsOf(id, { cursor }));
    const answer = await postgresAnswer(backends.pool, task, paramsOf(id, { cursor }));
    t.equal(answer.tag, 'ok', `${cursor}: a page`);
  }
  // An account holding NUL names nothing, on both (PostgreSQL text cannot hold one).
  await walk(t, id, { according_to: 'kim\u0000jong' });
});
