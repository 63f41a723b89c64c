/**
 * Limits a client learns from a clear 4xx, before any handler runs: the length of the URL (414), a
 * NUL character in it (400),
 * the nesting depth of JSON bodies (400), and which media types a body may have (415). Body size
 * (413) is Fastify's `bodyLimit`, per route; string lengths, array lengths and `limit` are the
 * zod schemas' `.max()`.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import sjson from 'secure-json-parse';
import { problems } from './errors.js';

/** The longest path and query string answered; longer is 414. */
export const MAX_URL_LENGTH = 4096;
/** The deepest nesting of arrays and objects in a JSON body; a bundle needs 5. */
export const MAX_JSON_DEPTH = 32;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;

/**
 * True when a JSON text nests arrays and objects deeper than `limit`. It scans the text rather
 * than the parsed value: a deep value is never built, and recursive code (validation, stringify)
 * never sees one.
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      // Jump to the closing quote: the next one not escaped by an odd run of backslashes.
      let end = i;
      for (;;) {
        end = text.indexOf('"', end + 1);
        // An unterminated string: the parser will say so.
        if (end === -1) return false;
        let backslashes = 0;
        while (text.charCodeAt(end - 1 - backslashes) === BACKSLASH) backslashes += 1;
        if (backslashes % 2 === 0) break;
      }
      i = end;
    } else if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      depth += 1;
      if (depth > limit) return true;
    } else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) {
      depth -= 1;
    }
  }
  return false;
}

/**
 * The JSON body parser of every route (and of merge patches): Fastify's own secure-json-parse,
 * which refuses `__proto__` and `constructor.prototype` keys, after the depth check.
 */
export function parseJson(
  _request: FastifyRequest,
  body: string | Buffer,
  done: (error: Error | null, value?: unknown) => void,
): void {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  if (text.trim() === '') {
    done(problems.invalidField('body', '/', 'the body is empty: send a JSON value'));
    return;
  }
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
    done(
      problems.invalidField(
        'body',
        '/',
        `arrays and objects are nested more than ${MAX_JSON_DEPTH} deep, the limit`,
      ),
    );
    return;
  }
  let value: unknown;
  try {
    value = sjson.parse(text, { protoAction: 'error', constructorAction: 'error' });
  } catch (error) {
    done(problems.invalidField('body', '/', `not valid JSON: ${(error as Error).message}`));
    return;
  }
  done(null, value);
}

const NUL = '%00';
const NUL_REASON =
  'holds a NUL character (%00): no id or value does, and PostgreSQL text cannot hold one';

/**
 * A NUL character escaped in the URL, as the 400 that names where: no id (a slug) or stored value
 * holds one, and PostgreSQL refuses it in any text, so both backends refuse it here alike rather
 * than SQLite matching nothing and PostgreSQL failing.
 */
export function nulInUrl(url: string): Error | undefined {
  const at = url.indexOf(NUL);
  if (at === -1) return undefined;
  const start = url.indexOf('?');
  if (start === -1 || at < start)
    return problems.invalidField('path', '/', `the path ${NUL_REASON}`);
  const params = new URLSearchParams(url.slice(start + 1));
  let name = '';
  for (const [key, value] of params) {
    if (key.includes('\u0000') || value.includes('\u0000')) {
      name = key.replaceAll('\u0000', '');
      break;
    }
  }
  return problems.invalidField('query', `/${name}`, NUL_REASON);
}

export default fp(
  async (app: FastifyInstance) => {
    // Synchronous: an async hook would cost every request a promise and a microtask.
    app.addHook('onRequest', (request, _reply, done) => {
      done(
        request.url.length > MAX_URL_LENGTH
          ? problems.uriTooLong(MAX_URL_LENGTH)
          : nulInUrl(request.url),
      );
    });
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, parseJson);
    // Fastify also takes text/plain by default; no route here reads it, so it is a 415.
    app.removeContentTypeParser('text/plain');
  },
  { name: 'limits' },
);
