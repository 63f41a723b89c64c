/**
 * Search on PostgreSQL bounds its work as SQLite's does (src/search/postgres/rank.ts): a query
 * matching more than DOCUMENTS_MADE_AT_MOST items is ranked by where it matched, a name before
 * the text, older first in each, rather than by ts_rank_cd, which would make every match's
 * document again; a rarer query is still ranked by ts_rank_cd; a phrase is looked for among the
 * newest DOCUMENTS_MADE_AT_MOST items holding its words. /v1/search's pages and a list's `q`
 * alike.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import t from 'tap';
import { loadSeedPostgres } from '../../src/bundle/postgres/seed.js';
import { migratePostgres } from '../../src/db/postgres.js';
import { searchPostgres } from '../../src/search/endpoint/repository.pg.js';
import { DOCUMENTS_MADE_AT_MOST, IN_NAME, IN_TEXT } from '../../src/search/postgres/rank.js';
import { rankedMatchesPostgres } from '../../src/search/postgres/ranked.js';
import { tempDir } from '../helper.js';
import { startPostgresPool } from './server.js';

const COMMON = 'pontarvel';
const RARE = 'quillomber';
const COUNT = DOCUMENTS_MADE_AT_MOST + 10;

/**
 * COUNT events with COMMON in their text, the oldest with it in its title too and the phrase
 * `meeting COMMON` in its text; RARE in three.
 */
function bundle(dir: string): string {
  const events = Array.from({ length: COUNT }, (_, i) => ({
    id: `common-${String(i).padStart(5, '0')}`,
    type: 'meeting',
    title: i === 0 ? `The ${COMMON} meeting` : `Meeting ${i}`,
    summary: `A ${COMMON} meeting${i === 0 ? `, then meeting ${COMMON}` : ''}${
      i >= 7 && i <= 9 ? ` of the ${RARE} ${i === 7 ? RARE : 'guild'}` : ''
    }`,
    start: '1900',
  }));
  const path = join(dir, 'bounded.json');
  writeFileSync(
    path,
    JSON.stringify({
      format: 'annals-bundle',
      version: 1,
      sources: [{ id: 'ledger', title: 'The ledger' }],
      events,
    }),
  );
  return path;
}

const { pool } = await startPostgresPool(t);
await migratePostgres(pool);
await loadSeedPostgres(pool, bundle(tempDir(t)));

/** Each event's search document id, by which "older" is told. */
const documentIds = new Map(
  (
    await pool.query<{ entity_id: string; id: string }>(
      `select entity_id, id::text from search_docs where kind = 'event'`,
    )
  ).rows.map((row) => [row.entity_id, BigInt(row.id)]),
);

t.test(
  'a query matching more than DOCUMENTS_MADE_AT_MOST items ranks by where it matched',
  async (t) => {
    const first = await searchPostgres(pool, { q: COMMON, limit: 20 });
    t.match(first.data[0], { id: 'common-00000', score: IN_NAME }, 'the match in a name first');
    const rest = first.data.slice(1);
    t.ok(
      rest.every((hit) => hit.score === IN_TEXT),
      'then the matches in the text, each scored IN_TEXT',
    );
    const ids = rest.map((hit) => documentIds.get(hit.id) ?? 0n);
    t.same(
      ids,
      [...ids].sort((a, b) => (a < b ? -1 : 1)),
      'older first among the matches in the text',
    );

    // The next page follows on from the cursor: no hit twice, none skipped.
    const next = await searchPostgres(pool, {
      q: COMMON,
      limit: 20,
      cursor: first.next_cursor ?? undefined,
    });
    const both = [...first.data, ...next.data].map((hit) => hit.id);
    t.equal(new Set(both).size, 40, 'two pages, forty different hits');
    const whole = await searchPostgres(pool, { q: COMMON, limit: 40 });
    t.same(
      both,
      whole.data.map((hit) => hit.id),
      'the same hits as one page of forty',
    );
  },
);

t.test('a rarer query is ranked by ts_rank_cd', async (t) => {
  const { data } = await searchPostgres(pool, { q: RARE, limit: 20 });
  t.equal(data.length, 3, `${RARE} is in three items`);
  t.equal(data[0]?.id, 'common-00007', 'the item holding the word twice first');
  t.ok(
    data.every((hit) => hit.score !== IN_NAME && hit.score !== IN_TEXT && hit.score > 0),
    "each scored by ts_rank_cd's measure",
  );
});

t.test('a phrase is looked for among the newest items holding its words', async (t) => {
  const phrase = `"meeting ${COMMON}"`;
  const { data } = await searchPostgres(pool, { q: phrase, limit: 20 });
  t.same(
    data,
    [],
    `${phrase}, only in the oldest of ${COUNT} items holding both words, is not found`,
  );
  const near = await searchPostgres(pool, { q: `"${RARE} guild"`, limit: 20 });
  t.same(
    near.data.map((hit) => hit.id),
    ['common-00008', 'common-00009'],
    'a phrase among fewer items is found',
  );
});

t.test("a list's q ranks alike", async (t) => {
  const db = drizzle({ client: pool });
  const scores = async (q: string) =>
    // The subquery a list joins, read whole, best first.
    (
      await db.execute<{ entity_id: string; score: number }>(
        sql`select entity_id, score from ${rankedMatchesPostgres('event', q)}
          order by score, entity_id`,
      )
    ).rows;
  const common = await scores(COMMON);
  t.equal(common.length, COUNT, 'every match of the common word');
  t.match(common[0], { entity_id: 'common-00000', score: -IN_NAME }, 'the name match first');
  t.ok(
    common.slice(1).every((row) => row.score === -IN_TEXT),
    'the others by where they matched',
  );
  const rare = await scores(RARE);
  t.equal(rare[0]?.entity_id, 'common-00007', 'a rare word ranked by ts_rank_cd');
  t.ok(
    rare.every((row) => row.score !== -IN_TEXT && row.score < 0),
    'with its scores',
  );
});
