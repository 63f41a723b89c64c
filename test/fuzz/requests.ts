/**
 * Requests for one operation of the OpenAPI document: valid parameters and bodies drawn from its
 * schemas (bodies.ts), then one part or all of them made hostile (hostile.ts), sent with or
 * without the key.
 */
import fc from 'fast-check';
import { bodyOf, type Part } from './bodies.js';
import {
  encodeHostile,
  hostileString,
  RAW_QUERIES,
  TRAVERSAL_TEXTS,
  UNKNOWN_KEYS,
} from './hostile.js';
import { type Method, type Operation, type Param, type Schema, schemaValue } from './operations.js';

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
    .map(([target, pathAt, queryAt, bodyAt, typeAt, authAt, headersAt]) => {
      const url = pathAt(target);
      const query = queryAt(target);
      const sent = typeAt(target).payload === undefined ? bodyAt(target) : typeAt(target);
      const [auth, authorization] = authAt(target);
      const headers: Record<string, string> = { ...headersAt(target) };
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
