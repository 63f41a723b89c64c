/**
 * Search on PostgreSQL (src/search/endpoint/repository.pg.ts) against a real server holding the
 * seed: what test/search/search.test.ts asks of SQLite's search, asked of PostgreSQL's (prefixes,
 * the best match, case and diacritics, phrases, names above text, kinds, the hit's shape, the
 * cursor), accents ignored in several scripts, and every hostile string answered as SQLite
 * answers it, without changing a thing.
 */
import t from 'tap';
import type { SearchKind } from '../../src/db/tables/search.js';
import { ApiProblem } from '../../src/http/errors.js';
import { SEARCH_KINDS } from '../../src/kinds/tables.js';
import { createSearchRepository } from '../../src/search/endpoint/repository.js';
import { searchPostgres } from '../../src/search/endpoint/repository.pg.js';
import { HOSTILE } from '../search/hostile.js';
import { seededBackends } from './seeded.js';

const { pool, sqlite } = await seededBackends(t);

interface Query {
  q: string;
  kind?: SearchKind;
  limit?: number;
  cursor?: string;
}
const search = (query: Query) => searchPostgres(pool, { limit: 20, ...query });
const hits = async (query: Query) => (await search(query)).data;
const keys = (list: { kind: string; id: string }[]) => list.map((h) => `${h.kind}:${h.id}`);

/** The field a refused query names, or null when it was answered. */
async function refusal(run: () => unknown): Promise<string | null> {
  try {
    await run();
    return null;
  } catch (error) {
    if (!(error instanceof ApiProblem) || error.status !== 400) throw error;
    return error.errors?.[0]?.field ?? '?';
  }
}

t.test('search on PostgreSQL finds and ranks as on SQLite', async (t) => {
  const pyong = await hits({ q: 'Pyong' });
  t.ok(
    pyong.some((h) => h.kind === 'place' && h.id === 'pyongyang'),
    'q=Pyong finds pyongyang: a word matches as a prefix',
  );
  t.ok(
    pyong.some((h) => h.id === 'south-pyongan-province'),
    'and South Pyongan Province',
  );

  t.match(
    (await hits({ q: 'wreath' }))[0],
    { kind: 'event', id: 'kim-jong-un-wreath-laying-cpv-cemetery' },
    'q=wreath: the first hit is the wreath-laying',
  );

  for (const q of ['pyongyang', 'PYONGYANG', 'Pyŏngyang', 'PYŎNGYANG', 'Pyo\u0306ngyang']) {
    t.equal((await hits({ q }))[0]?.id, 'pyongyang', `q=${q} finds pyongyang first`);
  }

  const phrase = await hits({ q: '"Fatherland Liberation War"' });
  t.match(phrase[0], { kind: 'event', id: 'korean-war' }, 'the phrase finds the Korean War first');
  t.match(phrase[0]?.snippet, /<mark>Fatherland Liberation War<\/mark>/, 'marked as one phrase');
  const reversed = await hits({ q: '"Liberation Fatherland"' });
  t.notOk(
    reversed.some((h) => h.id === 'korean-war'),
    'the reversed phrase does not find the Korean War',
  );
  const words = await hits({ q: 'Liberation Fatherland' });
  t.ok(
    words.some((h) => h.id === 'korean-war'),
    'the same words without quotes do, in any order',
  );
  const prefixInPhrase = await hits({ q: '"Fatherland Liber"' });
  t.same(prefixInPhrase, [], 'a phrase matches whole words, not prefixes, as on SQLite');

  const shoigu = keys(await hits({ q: 'Shoigu' }));
  t.equal(shoigu[0], 'person:sergei-shoigu', 'q=Shoigu: the person ranks first');
  const mentions = shoigu.filter((k) => k.startsWith('statement:') || k.startsWith('source:'));
  t.ok(mentions.length >= 2, 'a statement and the article mention him in their text');
  t.ok(
    mentions.every((k) => shoigu.indexOf(k) > 0),
    'and rank below the person: names above text',
  );
  t.equal((await hits({ q: 'Kim' }))[0]?.id, 'kim-jong-un', 'q=Kim: the person ranks first');
});

t.test('kind narrows to one kind; the kind is not searched', async (t) => {
  t.same(
    keys(await hits({ q: 'Shoigu', kind: 'person' })),
    ['person:sergei-shoigu'],
    'kind=person keeps only the person',
  );
  const maos = await hits({ q: 'mao', kind: 'person' });
  t.same(maos.map((h) => h.id).sort(), ['mao-anying', 'mao-ning', 'mao-zedong'], 'three Maos');
  const events = await hits({ q: 'Kim', kind: 'event' });
  t.ok(events.length >= 2 && events.every((h) => h.kind === 'event'), 'kind=event: only events');
  t.notOk(
    (await hits({ q: 'person' })).some((h) => h.kind === 'person'),
    'q=person finds no person',
  );
});

t.test('each hit has kind, id, title, an escaped snippet and a score', async (t) => {
  const war = await hits({ q: 'war', limit: 100 });
  t.ok(war.length >= 3, 'q=war finds several hits');
  for (const hit of war) {
    t.same(Object.keys(hit).sort(), ['id', 'kind', 'score', 'snippet', 'title'], `${hit.id}`);
    t.ok((SEARCH_KINDS as readonly string[]).includes(hit.kind), `${hit.id}: a known kind`);
    t.match(hit.snippet, /<mark>[^<]+<\/mark>/, `${hit.id}: the snippet marks the match`);
    t.notMatch(
      hit.snippet.replace(/<\/?mark>/g, ''),
      /[<>\uE000\uE001]/,
      `${hit.id}: no other tag`,
    );
    t.ok(Number.isFinite(hit.score) && hit.score > 0, `${hit.id}: a positive score`);
  }
  const scores = war.map((h) => h.score);
  t.ok(
    scores.every((s, i) => i === 0 || s <= (scores[i - 1] as number)),
    'scores do not increase along the list',
  );
  const airport = (await hits({ q: 'welcome' })).find(
    (h) => h.id === 'kcna-2023-07-26-airport-welcome',
  );
  t.match(airport?.snippet, /&quot;wrapped up in a warm <mark>welcome<\/mark>/, '" is &quot;');
  t.match(airport?.snippet, /^….*…?$/u, 'cut text is marked …');
  t.match(airport?.title, /"wrapped up/, 'the title is plain text, not HTML');
});

t.test('the cursor walks all hits in ranked order without repeats', async (t) => {
  const queries: Query[] = [
    { q: 'Kim' },
    { q: 'war' },
    { q: 'mao', kind: 'person' },
    { q: 'korean war' },
  ];
  for (const query of queries) {
    const whole = await search({ ...query, limit: 100 });
    t.equal(whole.next_cursor, null, `q=${query.q}: one page at limit=100`);
    for (const limit of [1, 2]) {
      const walked: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof search>> = await search({
          ...query,
          limit,
          ...(cursor ? { cursor } : {}),
        });
        walked.push(...keys(page.data));
        cursor = page.next_cursor;
      } while (cursor);
      t.same(walked, keys(whole.data), `q=${query.q}: ${limit} a page walks the same order`);
    }
  }
  const people = await search({ q: 'mao', kind: 'person', limit: 1 });
  const cursor = people.next_cursor ?? '';
  t.equal(await refusal(() => search({ q: 'mao', cursor })), '/cursor', 'not for another kind');
  t.equal(await refusal(() => search({ q: 'kim', kind: 'person', cursor })), '/cursor', 'or q');
  const forge = (key: unknown[]) => Buffer.from(JSON.stringify(key)).toString('base64url');
  const [scope] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string];
  for (const key of [
    [scope, -1, 'abc'],
    [scope, -1, '99999999999999999999999'],
    [scope, 'x', '1'],
    [scope, -1],
    ['rank', -1, '1'],
  ]) {
    const field = await refusal(() => search({ q: 'mao', kind: 'person', cursor: forge(key) }));
    t.equal(field, '/cursor', `a forged cursor ${JSON.stringify(key)} is refused on /cursor`);
  }
});

t.test('accents and case are ignored, in several scripts', async (t) => {
  const people: [string, string][] = [
    ['zz-trong', 'Nguyễn Phú Trọng'],
    ['zz-lefevre', 'François Lefèvre'],
    ['zz-angstrom', 'Zoë Ångström'],
    ['zz-alexandros', 'Αλέξανδρος Παπαδόπουλος'],
    ['zz-pyotr', 'Пётр Ёлкин'],
  ];
  for (const [id, name] of people) {
    await pool.query('insert into people (id, name) values ($1, $2)', [id, name]);
  }
  const found: [string, string][] = [
    ['nguyen phu trong', 'zz-trong'],
    ['NGUYỄN', 'zz-trong'],
    ['francois lefevre', 'zz-lefevre'],
    ['FRANÇOIS', 'zz-lefevre'],
    ['zoe angstrom', 'zz-angstrom'],
    ['αλεξανδρος', 'zz-alexandros'],
    ['ΑΛΈΞΑΝΔΡΟΣ', 'zz-alexandros'],
    ['παπαδοπουλος', 'zz-alexandros'],
    ['петр', 'zz-pyotr'],
    ['ПЁТР ЁЛКИН', 'zz-pyotr'],
    ['"petr elkin"', 'none'],
  ];
  for (const [q, id] of found) {
    const ids = (await hits({ q, kind: 'person' })).map((h) => h.id);
    if (id === 'none') t.same(ids, [], `q=${q} finds no one: another script is not transliterated`);
    else t.equal(ids[0], id, `q=${q} finds ${id}`);
  }
  const marked = (await hits({ q: 'francois', kind: 'person' }))[0]?.snippet;
  t.equal(marked, '<mark>François</mark> Lefèvre', 'the snippet marks the word as written');
});

/**
 * Strings unaccent folds where FTS5's remove_diacritics does not: mathematical letters are read
 * as Latin ones (as are ł, ё and ı: `pilsudski` finds Piłsudski on PostgreSQL only).
 */
const FOLDED_FURTHER = new Set(['𝐊𝐢𝐦']);

t.test('every hostile string is answered as SQLite answers it, and changes nothing', async (t) => {
  const onSqlite = createSearchRepository(sqlite);
  const state = async () => ({
    docs: (await pool.query('select count(*)::int as n from search_docs')).rows[0],
    objects: (await pool.query('select count(*)::int as n from pg_class')).rows[0],
    kim: keys((await search({ q: 'kim', limit: 100 })).data),
  });
  const before = await state();
  t.ok(HOSTILE.length >= 80, `${HOSTILE.length} hostile strings`);
  const outcomes = { answered: 0, refused: 0 };
  for (const q of HOSTILE) {
    const label = `q=${JSON.stringify(q).slice(0, 40)}`;
    const expected = await refusal(() => onSqlite.search({ q, limit: 100 }));
    let page: Awaited<ReturnType<typeof search>> | null = null;
    const field = await refusal(async () => {
      page = await search({ q, limit: 100 });
    });
    t.equal(
      field,
      expected,
      `${label}: ${expected ? `refused on ${expected}` : 'answered'}, as on SQLite`,
    );
    if (field === null && page) {
      outcomes.answered++;
      const lite = onSqlite.search({ q, limit: 100 }).data;
      const found = keys((page as Awaited<ReturnType<typeof search>>).data).sort();
      if (FOLDED_FURTHER.has(q)) {
        t.ok(
          found.length > lite.length && keys(lite).every((k) => found.includes(k)),
          `${label}: more hits than SQLite's, theirs among them (unaccent folds further)`,
        );
      } else t.same(found, keys(lite).sort(), `${label}: the same hits`);
    } else outcomes.refused++;
  }
  t.comment(`${outcomes.answered} answered, ${outcomes.refused} refused`);
  t.same(await state(), before, 'no document, table or answer changed');
});

t.test('the GIN index finds the matches', async (t) => {
  const client = await pool.connect();
  let plan = '';
  try {
    // The seed is small enough for a scan to be cheaper: forbid it (in this transaction only), to
    // see that the index can serve.
    await client.query('begin');
    await client.query('set local enable_seqscan = off');
    const { rows } = await client.query(
      `explain select id from search_docs
       where search_document(name, body) @@ search_query($1::text[], $2::boolean[])`,
      [
        ['kim', 'jong un'],
        [true, false],
      ],
    );
    plan = rows.map((row) => row['QUERY PLAN']).join('\n');
    await client.query('rollback');
  } finally {
    client.release();
  }
  t.match(plan, /search_docs_document_idx/, 'the query is answered from search_docs_document_idx');
});

t.test('text that looks like HTML is never shown as HTML', async (t) => {
  await pool.query(`insert into people (id, name, description) values ($1, $2, $3)`, [
    'zz-tagged',
    'Zz <b>Tagged</b>',
    'Said <script>alert(1)</script> & "more" about wreaths',
  ]);
  const [hit] = await hits({ q: 'wreaths', kind: 'person' });
  t.equal(hit?.id, 'zz-tagged', 'found by a word of its text');
  t.match(hit?.snippet, /&amp; &quot;more&quot; about <mark>wreaths<\/mark>$/, 'escaped, marked');
  t.notMatch(hit?.snippet.replace(/<\/?mark>/g, ''), /[<>]/, 'no tag but <mark>');
  const [named] = await hits({ q: 'tagged', kind: 'person' });
  t.match(named?.snippet, /<mark>Tagged<\/mark>/, 'a name with a tag in it is marked too');
  t.notMatch(named?.snippet.replace(/<\/?mark>/g, ''), /[<>]/, 'and shows no tag');
});
