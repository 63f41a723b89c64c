import t from 'tap';
import { SEARCH_KINDS } from '../../src/kinds/tables.js';
import { runSql } from '../data.js';
import { assertInvalid } from '../expect.js';
import { buildTestApp, getJson, walkList } from '../helper.js';
import { HOSTILE } from './hostile.js';

interface Hit {
  kind: string;
  id: string;
  title: string;
  snippet: string;
  score: number;
}

const q = (text: string) => `/v1/search?q=${encodeURIComponent(text)}`;
const keys = (hits: Hit[]) => hits.map((h) => `${h.kind}:${h.id}`);

t.test('GET /v1/search finds and ranks', async (t) => {
  const app = await buildTestApp(t);
  const search = async (url: string) => {
    const res = await getJson<{ data: Hit[]; next_cursor: string | null }>(app, url);
    t.equal(res.status, 200, `GET ${url} is 200`);
    return res.body.data;
  };

  await t.test('a word matches as a prefix', async (t) => {
    const hits = await search(q('Pyong'));
    t.ok(
      hits.some((h) => h.kind === 'place' && h.id === 'pyongyang'),
      'q=Pyong finds the place pyongyang',
    );
    t.ok(
      hits.some((h) => h.id === 'south-pyongan-province'),
      'and South Pyongan Province, another word starting with Pyong',
    );
  });

  await t.test('the best match comes first', async (t) => {
    const hits = await search(q('wreath'));
    t.match(
      hits[0],
      { kind: 'event', id: 'kim-jong-un-wreath-laying-cpv-cemetery' },
      'q=wreath: the first hit is the wreath-laying',
    );
  });

  await t.test('case and diacritics do not matter', async (t) => {
    for (const text of ['pyongyang', 'PYONGYANG', 'Pyŏngyang', 'PYŎNGYANG', 'Pyo\u0306ngyang']) {
      const hits = await search(q(text));
      t.equal(hits[0]?.id, 'pyongyang', `q=${text} finds pyongyang first`);
    }
  });

  await t.test('a quoted phrase matches its words in order', async (t) => {
    const phrase = await search(q('"Fatherland Liberation War"'));
    t.match(
      phrase[0],
      { kind: 'event', id: 'korean-war' },
      'the phrase finds the Korean War first',
    );
    t.match(phrase[0]?.snippet, /<mark>Fatherland Liberation War<\/mark>/, 'marked as one phrase');
    const reversed = await search(q('"Liberation Fatherland"'));
    t.notOk(
      reversed.some((h) => h.id === 'korean-war'),
      'the reversed phrase does not find the Korean War',
    );
    const words = await search(q('Liberation Fatherland'));
    t.ok(
      words.some((h) => h.id === 'korean-war'),
      'the same words without quotes do, in any order',
    );
  });

  await t.test('names and aliases rank above body text', async (t) => {
    const hits = await search(q('Shoigu'));
    const person = keys(hits).indexOf('person:sergei-shoigu');
    t.equal(person, 0, 'q=Shoigu: the person Sergei Shoigu ranks first');
    const mentions = hits.filter((h) => h.kind === 'statement' || h.kind === 'source');
    t.ok(mentions.length >= 2, 'a statement and the article mention him in their text');
    for (const mention of mentions) {
      t.ok(
        keys(hits).indexOf(`${mention.kind}:${mention.id}`) > person,
        `${mention.kind} ${mention.id} ranks below the person`,
      );
    }
    const byAlias = await search(q('Kim'));
    t.equal(byAlias[0]?.id, 'kim-jong-un', 'q=Kim: the person, by name and alias, ranks first');
  });

  await t.test('kind narrows to one kind', async (t) => {
    const people = await search(`${q('Shoigu')}&kind=person`);
    t.same(keys(people), ['person:sergei-shoigu'], 'kind=person keeps only the person');
    const maos = await search(`${q('mao')}&kind=person`);
    t.same(
      maos.map((h) => h.id).sort(),
      ['mao-anying', 'mao-ning', 'mao-zedong'],
      'kind=person with q=mao: the three Maos',
    );
    t.ok(
      maos.every((h) => h.kind === 'person'),
      'nothing of another kind',
    );
    const events = await search(`${q('Kim')}&kind=event`);
    t.ok(events.length >= 2, 'kind=event with q=Kim finds events');
    t.ok(
      events.every((h) => h.kind === 'event'),
      'and only events',
    );
    const word = await search(q('person'));
    t.notOk(
      word.some((h) => h.kind === 'person'),
      'q=person finds no person: the kind column is not searched',
    );
  });

  await t.test('each hit has kind, id, title, an escaped snippet and a score', async (t) => {
    const hits = await search(`${q('war')}&limit=100`);
    t.ok(hits.length >= 3, 'q=war finds several hits');
    for (const hit of hits) {
      t.same(
        Object.keys(hit).sort(),
        ['id', 'kind', 'score', 'snippet', 'title'],
        `${hit.id}: exactly these fields`,
      );
      t.ok((SEARCH_KINDS as readonly string[]).includes(hit.kind), `${hit.id}: a known kind`);
      t.ok(hit.title.length > 0, `${hit.id}: a title`);
      t.match(hit.snippet, /<mark>[^<]+<\/mark>/, `${hit.id}: the snippet marks the match`);
      t.notMatch(
        hit.snippet.replace(/<\/?mark>/g, ''),
        /[<>]/,
        `${hit.id}: no other tag in the snippet`,
      );
      t.equal(typeof hit.score, 'number', `${hit.id}: the score is a number`);
      t.ok(Number.isFinite(hit.score), `${hit.id}: a finite one`);
    }
    const scores = hits.map((h) => h.score);
    t.ok(
      scores.every((s, i) => i === 0 || s <= (scores[i - 1] as number)),
      'scores do not increase along the list',
    );

    const quoted = await search(q('welcome'));
    const airport = quoted.find((h) => h.id === 'kcna-2023-07-26-airport-welcome');
    t.ok(airport, 'q=welcome finds the airport statement, whose text has double quotes');
    t.match(airport?.snippet, /&quot;wrapped up in a warm <mark>welcome<\/mark>/, '" is &quot;');
    t.notMatch(airport?.snippet, /"/, 'no raw double quote in the snippet');
    t.match(airport?.title, /"wrapped up/, 'the title is plain text, not HTML');
  });

  await t.test('the cursor walks all hits in ranked order without repeats', async (t) => {
    for (const url of [q('Kim'), q('war'), `${q('mao')}&kind=person`, q('korean war')]) {
      const whole = await getJson(app, `${url}&limit=100`);
      t.equal(whole.body.next_cursor, null, `${url}: one page at limit=100`);
      const all = keys(whole.body.data);
      t.ok(all.length >= 3, `${url}: at least three hits`);
      const walk = await walkList(app, `${url}&limit=1`);
      t.equal(walk.pages, all.length, `${url}: one page per hit at limit=1`);
      t.same(
        walk.ids,
        whole.body.data.map((h: Hit) => h.id),
        `${url}: the walk is the limit=100 order`,
      );
      const pairs: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { data: Hit[]; next_cursor: string | null } } = await getJson(
          app,
          `${url}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        pairs.push(...keys(page.body.data));
        cursor = page.body.next_cursor;
      } while (cursor);
      t.same(pairs, all, `${url}: two a page gives the same kinds and ids`);
      t.equal(new Set(pairs).size, pairs.length, `${url}: no hit twice`);
    }
  });

  await t.test('a cursor belongs to its query kind', async (t) => {
    const people = await getJson(app, `${q('mao')}&kind=person&limit=1`);
    const cursor = encodeURIComponent(people.body.next_cursor);
    await assertInvalid(t, app, `${q('mao')}&cursor=${cursor}`, '/cursor');
    await assertInvalid(t, app, `${q('mao')}&kind=event&cursor=${cursor}`, '/cursor');
    const list = await getJson(app, '/v1/events?limit=1');
    await assertInvalid(
      t,
      app,
      `${q('mao')}&cursor=${encodeURIComponent(list.body.next_cursor)}`,
      '/cursor',
    );
    await assertInvalid(t, app, `${q('mao')}&cursor=not-a-cursor`, '/cursor');
  });

  await t.test('a forged cursor is a 400 on /cursor, never a 5xx', async (t) => {
    const forge = (key: unknown[]) => Buffer.from(JSON.stringify(key)).toString('base64url');
    for (const path of [q('kim'), '/v1/events?q=kim', '/v1/people?q=mao']) {
      const first = await app.inject({ method: 'GET', url: `${path}&limit=1` });
      const issued = first.json().next_cursor as string;
      t.type(issued, 'string', `${path} issues a cursor`);
      // The scope of a real cursor, with a forged key: only the key is wrong.
      const [scope] = JSON.parse(Buffer.from(issued, 'base64url').toString('utf8')) as [string];
      const keys: unknown[][] = [
        [scope, -1, 'abc'],
        [scope, -1, '1.5'],
        [scope, -1, '99999999999999999999999'],
        [scope, 'x', '1'],
        [scope, null, '1'],
        [scope, -1],
        [scope, -1, '1', 'extra'],
        ['rank', -1, '1'],
      ];
      for (const key of keys) {
        const url = `${path}&cursor=${forge(key)}`;
        const res = await app.inject({ method: 'GET', url });
        if (path.startsWith('/v1/search') || res.statusCode !== 200) {
          t.equal(res.statusCode, 400, `GET ${path} with cursor ${JSON.stringify(key)} is 400`);
          t.ok(
            res.json().errors?.some((e: any) => e.field === '/cursor'),
            'names /cursor',
          );
        } else {
          // A list compares the key with its sort column: a well-typed key just starts elsewhere.
          t.equal(res.statusCode, 200, `GET ${path} with cursor ${JSON.stringify(key)} is 200`);
        }
      }
    }
  });

  await t.test('bad parameters are 400 problems', async (t) => {
    await assertInvalid(t, app, '/v1/search', '/q');
    await assertInvalid(t, app, '/v1/search?q=', '/q');
    await assertInvalid(t, app, `${q('kim')}&kind=battle`, '/kind');
    await assertInvalid(t, app, `${q('kim')}&limit=0`, '/limit');
    await assertInvalid(t, app, `${q('kim')}&limit=101`, '/limit');
  });
});

/** Query strings sent as they are: bytes no encoder would make. */
const RAW: string[] = [
  'q=%00',
  'q=Kim%00',
  'q=%ED%A0%80',
  'q=%F0%9F',
  'q=%C3',
  'q=%FF%FE',
  'q=%',
  'q=%ZZ',
  'q=%%%',
  'q=%2',
  'q=Kim&q=Mao',
  'q=+',
  'q=%2B%2B',
  `q=${'x'.repeat(201)}`,
  `q=${'%22'.repeat(200)}`,
  `q=${'x%20'.repeat(1000)}`,
];

/** Every table, index and trigger of the database, by name. */
const SQLITE_OBJECTS = 'select type, name from sqlite_master order by name';
const POSTGRES_OBJECTS = `select c.relkind::text as type, c.relname as name from pg_class c
  join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public'
  union all select 'trigger', tgname from pg_trigger where not tgisinternal order by 2, 1`;

t.test('hostile input never breaks search or lists', async (t) => {
  const app = await buildTestApp(t);
  t.ok(HOSTILE.length + RAW.length >= 40, `${HOSTILE.length + RAW.length} hostile inputs`);
  const snapshot = async () => ({
    events: (await app.inject({ method: 'GET', url: '/v1/events?limit=100' })).body,
    people: (await app.inject({ method: 'GET', url: '/v1/people?limit=100' })).body,
    statements: (await app.inject({ method: 'GET', url: '/v1/statements?limit=100' })).body,
    search: (await app.inject({ method: 'GET', url: '/v1/search?q=kim&limit=100' })).body,
    schema: await runSql(app, app.backend === 'sqlite' ? SQLITE_OBJECTS : POSTGRES_OBJECTS),
    docs: await runSql(app, 'select count(*) as n from search_docs'),
  });
  const before = await snapshot();

  const queries = [...HOSTILE.map((text) => `q=${encodeURIComponent(text)}`), ...RAW];
  for (const path of ['/v1/search', '/v1/events', '/v1/people', '/v1/statements']) {
    const outcomes = { ok: 0, invalid: 0 };
    for (const query of queries) {
      const url = `${path}?${query}`;
      const label = `GET ${url.length > 70 ? `${url.slice(0, 70)}…` : url}`;
      const res = await app.inject({ method: 'GET', url });
      if (res.statusCode === 200) {
        outcomes.ok += 1;
        const body = res.json();
        const valid =
          Array.isArray(body.data) &&
          (body.next_cursor === null || typeof body.next_cursor === 'string') &&
          body.data.every((item: any) => typeof item.id === 'string') &&
          (path !== '/v1/search' ||
            body.data.every(
              (hit: Hit) =>
                typeof hit.kind === 'string' &&
                typeof hit.title === 'string' &&
                typeof hit.snippet === 'string' &&
                typeof hit.score === 'number',
            ));
        if (!valid) t.fail(`${label}: a 200 is a valid page`, { body });
        continue;
      }
      if (res.statusCode === 400) {
        outcomes.invalid += 1;
        const body = res.json();
        const named =
          /^application\/problem\+json/.test(String(res.headers['content-type'])) &&
          body.status === 400 &&
          Array.isArray(body.errors) &&
          body.errors.some((e: any) => e.field === '/q' || e.field.startsWith('/q/'));
        if (!named) t.fail(`${label}: a 400 is a problem naming /q`, { body });
        continue;
      }
      t.fail(`${label} answers 200 or 400`, { status: res.statusCode, body: res.body });
    }
    t.pass(`${path}: ${outcomes.ok} valid pages and ${outcomes.invalid} problems naming /q`);
    t.equal(outcomes.ok + outcomes.invalid, queries.length, `${path}: never a 5xx or other status`);
  }

  const after = await snapshot();
  t.same(after.events, before.events, '/v1/events is unchanged afterwards');
  t.same(after.people, before.people, '/v1/people is unchanged afterwards');
  t.same(after.statements, before.statements, '/v1/statements is unchanged afterwards');
  t.same(after.search, before.search, 'search answers the same afterwards');
  t.same(after.schema, before.schema, 'no table, index or trigger came or went');
  t.same(after.docs, before.docs, 'the search index holds as many documents');
});

t.test('GET /v1/search speaks the collections’ names and shows no slugs', async (t) => {
  const app = await buildTestApp(t);
  const hitsOf = async (url: string) => {
    const res = await getJson<{ data: Hit[] }>(app, url);
    t.equal(res.status, 200, `GET ${url} is 200`);
    return res.body.data;
  };

  for (const [plural, singular] of [
    ['events', 'event'],
    ['statements', 'statement'],
    ['people', 'person'],
    ['places', 'place'],
  ]) {
    const hits = await hitsOf(`${q('kim')}&kind=${plural}&limit=100`);
    const same = await hitsOf(`${q('kim')}&kind=${singular}&limit=100`);
    t.same(keys(hits), keys(same), `kind=${plural} finds what kind=${singular} finds`);
    t.ok(
      hits.every((h) => h.kind === singular),
      `kind=${plural}: every hit is a ${singular}`,
    );
  }
  await assertInvalid(t, app, `${q('kim')}&kind=planets`, '/kind');

  const wreath = await hitsOf(`${q('wreath')}&kind=events&limit=100`);
  t.ok(wreath.length > 0, 'q=wreath finds events');
  for (const hit of wreath) {
    t.notMatch(hit.snippet, /_/, `${hit.id}: the snippet shows no slug (${hit.snippet})`);
  }
  const laying = wreath.find((h) => h.id === 'kim-jong-un-wreath-laying-cpv-cemetery');
  t.ok(laying, 'the wreath-laying is found');
  const all = await hitsOf(`${q('laying')}&limit=100`);
  for (const hit of all)
    t.notMatch(hit.snippet, /_/, `q=laying: ${hit.id} shows words, not a slug`);
  const bodies = await hitsOf(`${q('state media')}&kind=organizations&limit=100`);
  t.ok(bodies.length > 0, 'q=state media finds the state media organizations by their type');
  for (const hit of bodies) t.notMatch(hit.snippet, /state_media/, `${hit.id}: no slug`);
});
