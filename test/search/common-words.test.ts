/**
 * A word found whole in more items than are ranked is searched whole, not as a prefix: FTS5
 * would otherwise gather the match lists of all its extensions before ranking any. A rarer word
 * stays a prefix, so that a beginning still finds the word it begins. A query with such a word
 * is ranked by where it matched rather than by bm25, whose weighing reads every match.
 */
import { join } from 'node:path';
import t from 'tap';
import { buildApp } from '../../src/app.js';
import { Bundle } from '../../src/bundle/schema.js';
import { loadBundle } from '../../src/bundle/writer.js';
import { RANKED_AT_MOST } from '../../src/search/ranking.js';
import { getJson, sqliteOnly, tempDir } from '../helper.js';

const SQLITE_ONLY = sqliteOnly(
  "FTS5's rule for common words; PostgreSQL's search: test/postgres/search.test.ts",
);

const COMMON = 'pontarvel';
const EXTENDED = 'pontarvelian';

function bundle() {
  const common = Array.from({ length: RANKED_AT_MOST + 1 }, (_, i) => ({
    id: `common-${i}`,
    type: 'meeting',
    title: `Meeting ${i}`,
    summary: `A ${COMMON} meeting`,
    start: '1900',
  }));
  return Bundle.parse({
    format: 'annals-bundle',
    version: 1,
    sources: [{ id: 'ledger', title: 'The ledger' }],
    events: [
      ...common,
      // Only the extension, and the newest event: a prefix search would rank it first of all.
      { id: 'extended', type: 'meeting', title: `The ${EXTENDED} meeting`, start: '1900' },
    ],
  });
}

t.test('a word common as a whole word is searched whole', SQLITE_ONLY, async (t) => {
  const app = await buildApp({
    databasePath: join(tempDir(t), 'annals.db'),
    seedWhenEmpty: (db) => loadBundle(db, bundle()),
    corsOrigins: '*',
    checkResponses: true,
  });
  t.teardown(() => app.close());

  const whole = await getJson(app, `/v1/search?q=${COMMON}&limit=100`);
  t.equal(whole.status, 200);
  t.equal(whole.body.data.length, 100, 'a full page of matches');
  t.ok(
    whole.body.data.every((hit: { id: string }) => hit.id.startsWith('common-')),
    `${COMMON} finds the items with the word itself, not ${EXTENDED}`,
  );

  const begun = await getJson(app, `/v1/search?q=${COMMON.slice(0, -1)}`);
  t.same(
    begun.body.data.map((hit: { id: string }) => hit.id).slice(0, 1),
    ['extended'],
    'a beginning found whole in few items is still a prefix: it finds the extension, ranked first by its name',
  );

  t.same(
    [...new Set(whole.body.data.map((hit: { score: number }) => hit.score))],
    [1],
    'a query with a word in more items than bm25 can afford ranks by where it matched: text scores 1',
  );
  t.equal(begun.body.data[0].score, 10, 'and a match in a name scores 10');

  const phrase = await getJson(app, `/v1/search?q=${encodeURIComponent(`"${COMMON} meeting"`)}`);
  t.equal(phrase.body.data.length, 20, 'a phrase of common words is matched among the newest');
  const notPhrase = await getJson(app, `/v1/search?q=${encodeURIComponent(`"meeting ${COMMON}"`)}`);
  t.same(
    notPhrase.body.data,
    [],
    'and still as a phrase: the words in another order match nothing',
  );

  const listed = await getJson(app, `/v1/events?q=${COMMON}&limit=100`);
  t.equal(listed.status, 200, JSON.stringify(listed.body).slice(0, 300));
  t.notOk(
    listed.body.data.some((event: { id: string }) => event.id === 'extended'),
    'q on a list reads the word the same way',
  );
});
