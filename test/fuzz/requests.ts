/**
 * Requests for one operation of the OpenAPI document: valid-looking parameters and bodies drawn
 * from its schemas, then mutated with hostile values (hostile.ts), sent with or without a key.
 */
import fc from 'fast-check';
import {
  CONTENT_TYPES,
  encodeHostile,
  hostileJson,
  hostileString,
  INVALID_JSON_TEXTS,
  RAW_QUERIES,
  TRAVERSAL_TEXTS,
  toJsonText,
} from './hostile.js';
import {
  deref,
  type Method,
  type Operation,
  type Param,
  type Schema,
  schemaValue,
  slug,
} from './operations.js';

export type Auth = 'key' | 'none' | 'wrong' | 'malformed';

export interface FuzzRequest {
  method: Method;
  url: string;
  headers: Record<string, string>;
  payload?: string;
  auth: Auth;
  /** The part made hostile: none, one, or chaos (any). */
  target: string;
}

/** A long string shortened for a report: its start and its length. */
const short = (text: string, keep = 80) =>
  text.length > keep * 2 ? `${text.slice(0, keep)}…(${text.length} chars)` : text;

/** Reported by fast-check in a counterexample: readable, whatever the size of the request. */
function describe(this: FuzzRequest): string {
  return JSON.stringify({
    method: this.method,
    target: this.target,
    url: short(this.url),
    auth: this.auth,
    headers: Object.fromEntries(
      Object.entries(this.headers).map(([k, v]) => [
        k,
        k === 'authorization' ? this.auth : short(v),
      ]),
    ),
    ...(this.payload === undefined ? {} : { payload: short(this.payload, 160) }),
  });
}

/** A path parameter: valid (an id the seed holds, or a new one), or hostile. */
const pathValue = (doc: Schema, p: Param) => ({
  valid: schemaValue(doc, p.schema).map((v) => encodeHostile(String(v))),
  hostile: fc.oneof(
    { weight: 3, arbitrary: hostileString.map(encodeHostile) },
    // Sent as they are, not %-encoded: the router sees the dots and slashes.
    { weight: 1, arbitrary: fc.constantFrom(...TRAVERSAL_TEXTS) },
  ),
});

const UNKNOWN_KEYS = ['colour', 'LIMIT', 'limit ', 'q[]', '', '__proto__', 'constructor', 'x'];

/** A part of a request: as the document allows, and as an attacker sends it. */
interface Part<T> {
  valid: fc.Arbitrary<T>;
  hostile: fc.Arbitrary<T>;
}

/** A query string: known keys with valid values; or with hostile ones, unknown keys, raw text. */
function queryOf(doc: Schema, op: Operation): Part<string> {
  const valid = fc
    .tuple(
      ...op.query
        // A cursor is opaque: only one the API issued is valid, so a made-up one is hostile.
        .filter((p) => p.name !== 'cursor')
        .map((p) =>
          fc.option(
            schemaValue(doc, p.schema).map((v) => [p.name, String(v)] as [string, string]),
            { nil: undefined, freq: 2 },
          ),
        ),
    )
    .map((pairs) => pairs.filter((pair) => pair !== undefined));
  const names = [...op.query.map((p) => p.name), ...UNKNOWN_KEYS];
  const bad = fc.array(fc.tuple(fc.constantFrom(...names), hostileString), {
    minLength: 1,
    maxLength: 3,
  });
  const encode = (pairs: [string, string][]) =>
    pairs.map(([k, v]) => `${encodeHostile(k)}=${encodeHostile(v)}`).join('&');
  return {
    valid: valid.map(encode),
    hostile: fc.oneof(
      { weight: 4, arbitrary: fc.tuple(valid, bad).map(([good, b]) => encode([...good, ...b])) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(valid, fc.constantFrom(...RAW_QUERIES))
          .map(([good, raw]) => [encode(good), raw].filter(Boolean).join('&')),
      },
    ),
  };
}

type Json = unknown;
type Path = (string | number)[];

/** Where a value can be replaced: the root and each member, the first 200 found. */
function pathsOf(value: Json, at: Path = [], out: Path[] = []): Path[] {
  if (out.length >= 200) return out;
  out.push(at);
  if (value !== null && typeof value === 'object' && at.length < 8) {
    for (const [k, v] of Object.entries(value)) {
      pathsOf(v, [...at, Array.isArray(value) ? Number(k) : k], out);
    }
  }
  return out;
}

function setAt(value: Json, path: Path, replacement: Json): Json {
  if (path.length === 0) return replacement;
  const copy = structuredClone(value) as Record<string | number, Json>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  node[path[path.length - 1] as string | number] = replacement;
  return copy;
}

function deleteAt(value: Json, path: Path): Json {
  if (path.length === 0) return undefined;
  const copy = structuredClone(value) as Record<string | number, Json>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  const last = path[path.length - 1] as string | number;
  if (Array.isArray(node)) node.splice(last as number, 1);
  else delete node[last];
  return copy;
}

/** A body from the schema, mutated: a member replaced, dropped or added, or the whole. */
function mutatedBody(base: fc.Arbitrary<Json>): fc.Arbitrary<Json> {
  const pick = (value: Json, n: number) => {
    const paths = pathsOf(value);
    return paths[n % paths.length] as Path;
  };
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .tuple(base, fc.nat(), hostileJson)
        .map(([v, n, bad]) => setAt(v, pick(v, n), bad)),
    },
    { weight: 1, arbitrary: fc.tuple(base, fc.nat()).map(([v, n]) => deleteAt(v, pick(v, n))) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(base, fc.constantFrom(...UNKNOWN_KEYS, 'id', 'kind'), hostileJson)
        .map(([v, key, bad]) =>
          v !== null && typeof v === 'object' && !Array.isArray(v) ? { ...v, [key]: bad } : v,
        ),
    },
  );
}

/** A hostile body as text: its JSON, invalid JSON, or its JSON cut short. */
const hostileText = (value: fc.Arbitrary<Json>): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 7, arbitrary: value.map(toJsonText) },
    { weight: 1, arbitrary: fc.constantFrom(...INVALID_JSON_TEXTS) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(value.map(toJsonText), fc.nat())
        .map(([text, n]) => text.slice(0, n % Math.max(text.length, 1))),
    },
  );

/**
 * The valid body an attack starts from. A merge patch accepts any object, so it starts from the
 * fields of the record it patches (the collection's POST body), none of them required. The
 * documented example is a record the seed holds: a POST of it gets a new id half the time (or
 * it could only answer 409), a PUT leaves `id` out half the time (so that any path id matches).
 */
function baseBody(doc: Schema, op: Operation): fc.Arbitrary<Json> {
  if (op.method === 'PATCH') {
    const collection = op.path.replace(/\/\{id\}$/, '');
    const post = doc.paths[collection]?.post?.requestBody?.content?.['application/json']?.schema;
    if (post) return schemaValue(doc, deref(doc, post), { partial: true });
  }
  const base = schemaValue(doc, (op.body as NonNullable<Operation['body']>).schema);
  if (op.method !== 'POST' && op.method !== 'PUT') return base;
  return fc.tuple(base, fc.boolean(), slug).map(([value, change, id]) => {
    if (!change || value === null || typeof value !== 'object' || !('id' in value)) return value;
    if (op.method === 'POST') return { ...value, id };
    const { id: _, ...rest } = value as Record<string, Json>;
    return rest;
  });
}

interface Body {
  payload?: string;
  contentType?: string;
}

/** The body and its content type, each valid or hostile; none when the operation takes none. */
function bodyOf(doc: Schema, op: Operation): { body: Part<Body>; type: Part<Body> } {
  const anyType = fc.constantFrom(...CONTENT_TYPES);
  if (!op.body) {
    // A body where none is expected.
    const unexpected = fc
      .tuple(hostileText(hostileJson), anyType)
      .map(([payload, contentType]): Body => ({ payload, contentType }));
    return {
      body: { valid: fc.constant({}), hostile: unexpected },
      type: { valid: fc.constant({}), hostile: unexpected },
    };
  }
  const base = baseBody(doc, op);
  const validType = fc.constantFrom(...op.body.contentTypes);
  return {
    body: {
      valid: fc
        .tuple(base.map(toJsonText), validType)
        .map(([payload, contentType]) => ({ payload, contentType })),
      hostile: fc
        .tuple(hostileText(mutatedBody(base)), validType)
        .map(([payload, contentType]) => ({ payload, contentType })),
    },
    type: {
      valid: fc.constant({}),
      // The valid body, sent as the wrong type (or none).
      hostile: fc
        .tuple(base.map(toJsonText), anyType)
        .map(([payload, contentType]) => ({ payload, contentType })),
    },
  };
}

type AuthHeader = [Auth, string | undefined];

function authOf(op: Operation, secret: string): Part<AuthHeader> {
  const key = fc.constant<AuthHeader>(['key', `Bearer ${secret}`]);
  const none = fc.constant<AuthHeader>(['none', undefined]);
  const malformed = fc.constantFrom(
    'Bearer',
    'Bearer ',
    'Basic dXNlcjpwYXNz',
    `Token ${secret}`,
    `Bearer ${secret} ${secret}`,
    `Bearer ${secret}\u00e9`,
    `Bearer ${'a'.repeat(10_000)}`,
    "Bearer ' OR 1=1 --",
  );
  return {
    // Reads need no key; one sent anyway does no harm.
    valid: op.secured ? key : fc.oneof({ weight: 3, arbitrary: none }, key),
    hostile: fc.oneof(
      ...(op.secured ? [none] : []),
      fc.constant<AuthHeader>(['wrong', 'Bearer not-the-key-0000']),
      malformed.map((h): AuthHeader => ['malformed', h]),
    ),
  };
}

/** Headers a client may add, hostile or not. */
const extraHeaders: Part<Record<string, string>> = {
  valid: fc.constant({}),
  hostile: fc.record(
    {
      accept: fc.constantFrom('application/xml', '*/*', 'text/html;q=0.1', '\u00ff'),
      'x-request-id': fc.constantFrom('a'.repeat(10_000), "'; drop table events; --", '../'),
      'if-none-match': fc.constantFrom('*', '"x"', 'W/"', ''),
      'content-length': fc.constantFrom('-1', '0', '99999999999', 'abc'),
    },
    { requiredKeys: [] },
  ),
};

/** What a request gets wrong: nothing, one part, or (chaos) any of them. */
const TARGETS = ['none', 'path', 'query', 'body', 'type', 'auth', 'headers', 'chaos'] as const;
type Target = (typeof TARGETS)[number];

/** A part: valid unless it is the target (or, in chaos, when the coin says so). */
function pick<T>(part: Part<T>, name: Target): fc.Arbitrary<(target: Target) => T> {
  return fc.tuple(part.valid, part.hostile, fc.boolean()).map(
    ([valid, hostile, coin]) =>
      (target: Target) =>
        target === name || (target === 'chaos' && coin) ? hostile : valid,
  );
}

/**
 * Requests for one operation, each valid or a possible attack: mostly with one part wrong
 * (path, query, body, content type, key, headers), so that the rest reaches deep; sometimes all
 * valid, sometimes wrong everywhere. `secret` is the app's API key.
 */
export function requestsFor(doc: Schema, op: Operation, secret: string): fc.Arbitrary<FuzzRequest> {
  const path = fc
    .tuple(
      ...op.pathParams.map((p) => {
        const value = pathValue(doc, p);
        return pick(
          {
            valid: value.valid.map((v) => [p.name, v] as const),
            hostile: value.hostile.map((v) => [p.name, v] as const),
          },
          'path',
        );
      }),
    )
    .map(
      (values) => (target: Target) =>
        values.reduce((url, value) => {
          const [name, v] = value(target);
          return url.replace(`{${name}}`, v);
        }, op.path),
    );
  const { body, type } = bodyOf(doc, op);
  return fc
    .tuple(
      fc.constantFrom(...TARGETS),
      path,
      pick(queryOf(doc, op), 'query'),
      pick(body, 'body'),
      pick(type, 'type'),
      pick(authOf(op, secret), 'auth'),
      pick(extraHeaders, 'headers'),
    )
    .map(([target, pathOf, queryOf, bodyOf, typeOf, authOf, headersOf]) => {
      const url = pathOf(target);
      const query = queryOf(target);
      const sent = typeOf(target).payload === undefined ? bodyOf(target) : typeOf(target);
      const [auth, authorization] = authOf(target);
      const headers: Record<string, string> = { ...headersOf(target) };
      if (authorization !== undefined) headers.authorization = authorization;
      if (sent.contentType !== undefined) headers['content-type'] = sent.contentType;
      const request: FuzzRequest = {
        method: op.method,
        url: query ? `${url}?${query}` : url,
        headers,
        auth,
        target,
        ...(sent.payload === undefined ? {} : { payload: sent.payload }),
      };
      Object.defineProperty(request, fc.toStringMethod, { value: describe, enumerable: false });
      return request;
    });
}
