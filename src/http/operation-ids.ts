/**
 * Every operation's `operationId`, derived from its method and path by one rule, so that a
 * generated client's method names are stable and nobody has to remember to name a new route:
 *
 * - `GET` on a path ending in a parameter gets one item: `GET /v1/events/{id}` is `getEvent`;
 * - `GET` on a path ending in a word lists: `GET /v1/events` is `listEvents`,
 *   `GET /v1/people/{id}/events` is `listPersonEvents`;
 * - the writes: `POST /v1/imports` is `createImport`, `PUT`/`PATCH`/`DELETE /v1/events/{id}` are
 *   `replaceEvent`, `updateEvent`, `deleteEvent`.
 *
 * Every word before the last is singular (the event whose children are listed), and so is the
 * last one except in a list. `/v1` is left out: every operation has it. The few operations the
 * rule would name badly are named in NAMED. test/http/openapi-operations.test.ts checks that the
 * ids are unique and lists them, so that a change to one is seen in review.
 */

const NAMED: Record<string, string> = {
  'GET /': 'getIndex',
  'GET /v1': 'getApiIndex',
  'GET /health': 'getHealth',
  'GET /v1/search': 'search',
  'GET /v1/export': 'exportBundle',
  'GET /v1/schemas/bundle.json': 'getBundleSchema',
  'GET /v1/events/facets': 'getEventFacets',
  'GET /problems': 'listProblemTypes',
  'GET /problems/{name}': 'getProblemType',
};

const VERBS: Record<string, string> = {
  post: 'create',
  put: 'replace',
  patch: 'update',
  delete: 'delete',
};

/** `people` → `person`, `events` → `event`; other words as they are. */
export function singular(word: string): string {
  if (word === 'people') return 'person';
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** `bundle.json` → `BundleJson`. */
const pascal = (word: string) =>
  word
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]?.toUpperCase() + part.slice(1))
    .join('');

/** The operationId of `method` (lower case, as in an OpenAPI path item) on an OpenAPI `path`. */
export function operationIdOf(method: string, path: string): string {
  const named = NAMED[`${method.toUpperCase()} ${path}`];
  if (named) return named;
  const segments = path.split('/').filter((segment) => segment !== '' && segment !== 'v1');
  const byId = segments.at(-1)?.startsWith('{') ?? false;
  const verb = method === 'get' ? (byId ? 'get' : 'list') : (VERBS[method] ?? method);
  const words = segments.filter((segment) => !segment.startsWith('{'));
  const last = words.length - 1;
  return (
    verb +
    words
      .map((word, i) => (i < last || verb !== 'list' ? singular(word) : word))
      .map(pascal)
      .join('')
  );
}
