/**
 * Every answer names its type: every GET operation of the OpenAPI document (and the hidden
 * /openapi.json), with real seed ids, with and without `fields`, `include` and `count` where it
 * takes them, answers with the content type its document declares (JSON with its charset) or
 * application/problem+json; the same type again when the render cache replays it; and a 304
 * (If-None-Match: its ETag, or `*`) has no body and so no type (RFC 9110 §15.4.5), the type of
 * the stored answer standing.
 */
import t, { type Test } from 'tap';
import type { App } from '../../src/app.js';
import { buildTestApp, sqliteOnly, untilReadsAnswer } from '../helper.js';
import { AUTH, KEY } from '../writes/helper.js';

const WORKERS = sqliteOnly('the SQLite read workers');

interface Parameter {
  in: string;
  name: string;
  required?: boolean;
  schema?: { example?: unknown; examples?: unknown[]; enum?: unknown[] };
  example?: unknown;
  examples?: Record<string, { value: unknown }>;
}

interface GetOperation {
  path: string;
  parameters: Parameter[];
  /** The media types of its 2xx answers. */
  types: string[];
  /** The response headers its 2xx answers declare (lower case). */
  headers: string[];
}

const exampleOf = (p: Parameter): string | undefined => {
  const value =
    p.example ??
    p.schema?.example ??
    p.schema?.examples?.[0] ??
    Object.values(p.examples ?? {})[0]?.value ??
    p.schema?.enum?.[0];
  return value === undefined ? undefined : String(value);
};

async function getOperations(app: App): Promise<GetOperation[]> {
  await app.ready();
  const doc = app.swagger() as unknown as {
    paths: Record<string, Record<string, { parameters?: Parameter[]; responses: any }>>;
  };
  return Object.entries(doc.paths).flatMap(([path, item]) => {
    const get = item.get;
    if (!get) return [];
    const answers = Object.entries(
      get.responses as Record<string, { content?: object; headers?: object }>,
    ).filter(([status]) => status.startsWith('2'));
    const types = answers.flatMap(([, answer]) => Object.keys(answer.content ?? {}));
    const headers = answers.flatMap(([, answer]) =>
      Object.keys(answer.headers ?? {}).map((name) => name.toLowerCase()),
    );
    return [{ path, parameters: get.parameters ?? [], types, headers }];
  });
}

/**
 * A real id for a path parameter: its example (a seed id), or for an id the seed cannot know in
 * advance (an import's UUID) the first one its collection lists.
 */
async function idFor(app: App, op: GetOperation, p: Parameter): Promise<string> {
  const example = exampleOf(p);
  if (example !== undefined) return example;
  const collection = op.path.slice(0, op.path.indexOf(`/{${p.name}}`));
  const list = await app.inject({ method: 'GET', url: collection, headers: AUTH });
  return String(list.json().data?.[0]?.id ?? 'no-id-listed');
}

/** The URLs to ask for an operation: its required parameters, then each of the optional ones. */
async function urlsOf(app: App, op: GetOperation): Promise<string[]> {
  let path = op.path;
  const base = new URLSearchParams();
  for (const p of op.parameters) {
    if (p.in === 'path') path = path.replace(`{${p.name}}`, await idFor(app, op, p));
    else if (p.in === 'query' && p.required) base.set(p.name, exampleOf(p) ?? 'x');
  }
  const url = (query: URLSearchParams) => (query.size ? `${path}?${query}` : path);
  const urls = [url(base)];
  for (const name of ['fields', 'include', 'count']) {
    const p = op.parameters.find((q) => q.in === 'query' && q.name === name);
    if (!p) continue;
    const value = name === 'count' ? 'true' : name === 'fields' ? 'id' : exampleOf(p);
    if (value === undefined) continue;
    const query = new URLSearchParams(base);
    query.set(name, value);
    urls.push(url(query));
  }
  return urls;
}

const mediaType = (header: unknown) =>
  String(header ?? '')
    .split(';')[0]
    ?.trim();

async function walk(t: Test, app: App, label: string) {
  const operations = await getOperations(app);
  t.ok(
    operations.length > 30,
    `${label}: the document has the GET operations (${operations.length})`,
  );
  t.ok(
    operations.some((op) => op.path === '/v1/people'),
    'GET /v1/people is among them',
  );
  const asked: string[] = [];
  for (const op of [
    ...operations,
    { path: '/openapi.json', parameters: [], types: ['application/json'], headers: ['etag'] },
  ]) {
    for (const url of await urlsOf(app, op)) {
      asked.push(url);
      const first = await app.inject({ method: 'GET', url });
      const type = first.headers['content-type'];
      if (first.statusCode >= 400) {
        t.equal(
          mediaType(type),
          'application/problem+json',
          `${url}: a ${first.statusCode} is a problem`,
        );
        t.fail(
          `${url} answers ${first.statusCode} with real seed ids: ${first.body.slice(0, 200)}`,
        );
        continue;
      }
      t.equal(first.statusCode, 200, `${url} answers 200`);
      t.ok(type, `${url} names its type`);
      // An operation whose document declares no content yet (bundle.json) is only checked for a type.
      if (op.types.length > 0) {
        t.ok(
          op.types.includes(mediaType(type) ?? ''),
          `${url}: ${type} is a type its document declares (${op.types})`,
        );
      }
      if (mediaType(type)?.endsWith('json'))
        t.match(type, /; charset=utf-8$/, `${url}: with its charset`);
      // The response headers the document declares are the ones sent.
      t.equal(Boolean(first.headers.etag), op.headers.includes('etag'), `${url}: ETag as declared`);
      const next = mediaType(type) === 'application/json' ? first.json().next_cursor : undefined;
      if (typeof next === 'string') {
        t.ok(op.headers.includes('link'), `${url}: a page, its Link declared`);
        t.match(first.headers.link, /rel="next"$/, `${url}: a next page, a Link`);
      }
      if (url.includes('count=true')) {
        t.ok(op.headers.includes('x-total-count'), `${url}: X-Total-Count declared`);
        t.match(first.headers['x-total-count'], /^\d+$/, `${url}: X-Total-Count sent`);
      }

      const again = await app.inject({ method: 'GET', url });
      t.equal(
        again.headers['content-type'],
        type,
        `${url}: the same type the second time (a render-cache replay)`,
      );
      t.equal(again.body, first.body, `${url}: the same body`);

      // As a browser asks (compressed when 1 KiB or more), twice: made, then replayed.
      for (const round of ['made', 'replayed']) {
        const compressed = await app.inject({
          method: 'GET',
          url,
          headers: { 'accept-encoding': 'gzip, deflate, br, zstd' },
        });
        t.equal(
          compressed.headers['content-type'],
          type,
          `${url}: the same type compressed (${round})`,
        );
      }

      const etag = first.headers.etag;
      if (etag) {
        for (const condition of [String(etag), '*']) {
          const notModified = await app.inject({
            method: 'GET',
            url,
            headers: { 'if-none-match': condition },
          });
          t.equal(notModified.statusCode, 304, `${url}: If-None-Match: ${condition} is a 304`);
          t.equal(notModified.body, '', `${url}: a 304 has no body`);
          t.notOk(
            notModified.headers['content-type'],
            `${url}: so no type (the stored one stands)`,
          );
          t.equal(notModified.headers.etag, etag, `${url}: the 304 repeats the ETag`);
        }
      }
    }
  }
  return asked;
}

t.test('every GET answers with its type: inline reads, render cache on', async (t) => {
  const app = await buildTestApp(t, { cacheMB: 8, apiKeys: [KEY] });
  const asked = await walk(t, app, 'inline');
  t.ok(asked.includes('/v1/people?fields=id'), 'GET /v1/people?fields=id was asked');
  const hits = app.reads.cacheStats()?.hits ?? 0;
  t.ok(hits > 20, `the second asks were render-cache replays (${hits} hits)`);
});

t.test('every GET answers with its type: a read worker, render cache on', WORKERS, async (t) => {
  const app = await buildTestApp(t, { cacheMB: 8, readWorkers: 1, apiKeys: [KEY] });
  await untilReadsAnswer(app);
  await walk(t, app, 'pooled');
});

t.test('every GET answers with its type: no render cache', async (t) => {
  const app = await buildTestApp(t, { apiKeys: [KEY] });
  await walk(t, app, 'uncached');
});

t.test('problems name their type too', async (t) => {
  const app = await buildTestApp(t, { cacheMB: 8 });
  for (const url of [
    '/v1/people/no-such-person',
    '/v1/people?fields=nonsense',
    '/v1/events?count=maybe',
    '/nowhere',
  ]) {
    const res = await app.inject(url);
    t.ok(res.statusCode >= 400, `${url} is refused`);
    t.equal(
      res.headers['content-type'],
      'application/problem+json; charset=utf-8',
      `${url}: problem+json`,
    );
  }
});
