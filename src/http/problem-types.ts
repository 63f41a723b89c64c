/**
 * The problem types the API sends (errors.ts), each with the page its `type` points at:
 * `/problems/{name}` explains, in a few lines of HTML, what the problem means and what to do;
 * `/problems` lists them all (src/index-routes.ts serves both). RFC 9457 lets a type be a
 * relative URI; resolved against the API's URL, each one leads here.
 */

export interface ProblemType {
  status: number;
  title: string;
  about: string;
}

/** Every problem type the API sends, by the name its `type` ends with. */
export const PROBLEM_TYPES: Readonly<Record<string, ProblemType>> = {
  'invalid-request': {
    status: 400,
    title: 'Invalid request',
    about:
      'A parameter, header or body field is missing, unknown or malformed. `errors` names each one (`in`: query, path, header or body; `field`: its name or JSON pointer) with the reason. Fix those and send again.',
  },
  unauthorized: {
    status: 401,
    title: 'Unauthorized',
    about: 'Writes need an API key: send `Authorization: Bearer <API key>`. Reads need none.',
  },
  forbidden: {
    status: 403,
    title: 'Forbidden',
    about: 'The API key sent is not one of the keys the server accepts.',
  },
  'not-found': {
    status: 404,
    title: 'Not found',
    about:
      'No item has this id, or no route answers this path. Ids are slugs (`korean-war`); `GET /v1` lists the collections.',
  },
  'method-not-allowed': {
    status: 405,
    title: 'Method not allowed',
    about:
      'The path exists, but not with this method. `Allow` lists the methods it answers; OPTIONS on the path gives the same list.',
  },
  'already-exists': {
    status: 409,
    title: 'Already exists',
    about:
      'POST creates; a record with this id exists. PUT replaces it whole, PATCH changes some of its fields.',
  },
  'dangling-reference': {
    status: 409,
    title: 'Dangling reference',
    about:
      'The record refers to records that do not exist (`errors` names each reference by its JSON pointer). Create them first, or import them together in one bundle.',
  },
  'still-referenced': {
    status: 409,
    title: 'Still referenced',
    about:
      'Other records refer to the one being deleted (`errors` lists them). Change or delete them first, or delete with `?cascade=true`.',
  },
  'precondition-failed': {
    status: 412,
    title: 'Precondition failed',
    about:
      'A conditional write was refused and nothing changed: `If-Match` named an ETag the record no longer has (someone else changed it since you read it), or `If-None-Match: *` asked to create a record that already exists. GET the record again, apply your change to what it is now, and send it with the new ETag.',
  },
  'payload-too-large': {
    status: 413,
    title: 'Payload too large',
    about: 'The body is over the limit of its route, named in `detail`. Split an import in parts.',
  },
  'uri-too-long': {
    status: 414,
    title: 'URI too long',
    about: 'The path and query string are over the limit. Ask for fewer ids or filters at once.',
  },
  'unsupported-media-type': {
    status: 415,
    title: 'Unsupported media type',
    about: "The body's Content-Type is not one the route takes: the OpenAPI document lists them.",
  },
  'excerpt-not-in-source': {
    status: 422,
    title: 'Excerpt not in its source',
    about:
      'A citation quotes an excerpt that is not in the text of its source (or a new text of a source loses an excerpt another fact cites). Excerpts must occur in the text exactly, with the same characters and spacing.',
  },
  'import-rejected': {
    status: 422,
    title: 'Import rejected',
    about:
      'Some records of the import are not valid, so nothing was written. `import.report` names each rejected record and why.',
  },
  'too-many-requests': {
    status: 429,
    title: 'Too many requests',
    about: 'The client sent more requests than its limit allows. Wait `Retry-After` seconds.',
  },
  'headers-too-large': {
    status: 431,
    title: 'Request headers too large',
    about: 'The request line and headers are over 16 KiB.',
  },
  'request-timeout': {
    status: 408,
    title: 'Request timeout',
    about: 'The request did not arrive in time; the connection was closed. Send it again.',
  },
  internal: {
    status: 500,
    title: 'Internal server error',
    about:
      'A fault of the server, logged with the request id (`X-Request-Id`). Quote it when reporting.',
  },
  'not-on-postgres': {
    status: 501,
    title: 'Not served from PostgreSQL yet',
    about:
      'The server stores its data in PostgreSQL (`DATABASE_URL`), and this route is not served from PostgreSQL yet: `detail` names what it would run. Every route works on the SQLite backend; the README lists what PostgreSQL serves so far.',
  },
  unavailable: {
    status: 503,
    title: 'Service unavailable',
    about:
      'The server cannot answer just now: it is overloaded, starting, closing, or its database cannot take writes. Retry after `Retry-After` seconds.',
  },
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** `code` spans for the backquoted words of an explanation. */
const withCode = (text: string) =>
  escapeHtml(text).replace(/`([^`]+)`/g, (_, code: string) => `<code>${code}</code>`);

const page = (title: string, body: string) =>
  `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n<body>\n${body}\n</body></html>\n`;

export function problemPage(name: string, type: ProblemType): string {
  return page(
    `${type.title} (${type.status})`,
    `<h1>${escapeHtml(type.title)}</h1>\n<p>Status ${type.status}; <code>type</code>: <code>/problems/${escapeHtml(name)}</code>.</p>\n<p>${withCode(type.about)}</p>\n<p><a href="/problems">Every problem type</a> · <a href="/docs">The API's docs</a></p>`,
  );
}

export function problemListPage(): string {
  const items = Object.entries(PROBLEM_TYPES)
    .sort(([, a], [, b]) => a.status - b.status)
    .map(
      ([name, type]) =>
        `<li><a href="/problems/${name}">${escapeHtml(type.title)}</a> (${type.status})</li>`,
    );
  return page(
    'Problem types',
    `<h1>Problem types</h1>\n<p>Every error is an RFC 9457 problem (<code>application/problem+json</code>); its <code>type</code> is one of these pages.</p>\n<ul>\n${items.join('\n')}\n</ul>`,
  );
}
