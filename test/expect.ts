/** Assertions the resource tests share: the one problem shape, and the order lists come in. */
import type { Test } from 'tap';
import type { App } from '../src/app.js';
import { getJson, walkList } from './helper.js';

export interface InjectedResponse {
  statusCode: number;
  headers: Record<string, string | string[] | number | undefined>;
  json(): any;
}

/** Checks an RFC 9457 answer: the status, the media type, and `status` in the body. */
export function assertProblem(t: Test, res: InjectedResponse, status: number, label: string) {
  t.equal(res.statusCode, status, `${label} answers ${status}`);
  t.match(
    String(res.headers['content-type']),
    /^application\/problem\+json/,
    `${label} is application/problem+json`,
  );
  const body = res.json();
  t.equal(body.status, status, `${label}: the body's status is the HTTP status`);
  return body;
}

/** GETs `url` and checks a 400 problem naming `field` (a JSON pointer) in `location`. */
export async function assertInvalid(
  t: Test,
  app: App,
  url: string,
  field: string,
  location: 'query' | 'path' = 'query',
) {
  const res = await app.inject({ method: 'GET', url });
  const body = assertProblem(t, res, 400, `GET ${url}`);
  t.equal(body.type, '/problems/invalid-request', `GET ${url} is an invalid-request problem`);
  t.ok(
    body.errors?.some((e: any) => e.in === location && e.field === field),
    `GET ${url} names ${location} ${field}`,
  );
}

/** GETs a list with a key it does not take and checks the 400 names that key. */
export async function assertUnknownKey(t: Test, app: App, path: string, key: string) {
  const url = `${path}?${key}=x`;
  const res = await app.inject({ method: 'GET', url });
  const body = assertProblem(t, res, 400, `GET ${url}`);
  t.match(body.detail, new RegExp(key), `GET ${url}: the detail names '${key}'`);
  t.ok(
    body.errors?.some((e: any) => e.in === 'query' && e.field === `/${key}`),
    `GET ${url}: an error names query /${key}`,
  );
}

/** GETs an id nobody has and checks the 404 problem. */
export async function assertNotFound(t: Test, app: App, url: string) {
  const res = await app.inject({ method: 'GET', url });
  const body = assertProblem(t, res, 404, `GET ${url}`);
  t.equal(body.type, '/problems/not-found', `GET ${url} is a not-found problem`);
}

/**
 * SQLite's default (BINARY) order on names, then ids: code units, so upper case sorts before
 * lower case ("DPRK army" after "DPRK Defense Ministry").
 */
export function byNameThenId(a: { name: string; id: string }, b: { name: string; id: string }) {
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export const ids = (items: { id: string }[]) => items.map((item) => item.id);

/** A cursor the statements list issued (sorted by date): other lists must refuse it. */
export async function statementsCursor(app: App): Promise<string> {
  const res = await app.inject({ method: 'GET', url: '/v1/statements?limit=1' });
  const cursor = res.json().next_cursor;
  if (typeof cursor !== 'string') throw new Error('the statements list gave no cursor');
  return cursor;
}

/**
 * Walks `path` one and two items a page and checks each walk equals the whole list fetched at
 * `limit=100`, with no id twice and no empty page; returns the whole list's ids.
 */
export async function assertCursorWalk(t: Test, app: App, path: string): Promise<string[]> {
  const sep = path.includes('?') ? '&' : '?';
  const whole = await getJson(app, `${path}${sep}limit=100`);
  t.equal(whole.body.next_cursor, null, `${path} fits one page at limit=100`);
  const all = ids(whole.body.data);
  t.ok(all.length >= 2, `${path} has at least two items to page through`);
  for (const limit of [1, 2]) {
    const walk = await walkList(app, `${path}${sep}limit=${limit}`);
    t.same(walk.ids, all, `${path} walked ${limit} a page equals the limit=100 list`);
    t.equal(new Set(walk.ids).size, walk.ids.length, `${path} walked ${limit} a page: no id twice`);
    t.equal(
      walk.pages,
      Math.ceil(all.length / limit),
      `${path} walked ${limit} a page: no empty page at the end`,
    );
  }
  return all;
}
