/**
 * What the OpenAPI document needs beyond what the routes' schemas say, done once over the whole
 * document rather than in every route: what generated clients, linters (Redocly, Spectral) and
 * Swagger UI's "Try it out" expect of every operation.
 */
import { UNVALIDATED_ROUTES } from './caching.js';
import { operationIdOf } from './operation-ids.js';

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  example?: unknown;
  schema?: { example?: unknown; description?: string };
}

interface Response {
  description?: string;
  content?: Record<string, { schema?: { $ref?: string } }>;
  headers?: Record<string, { $ref: string }>;
}

interface Operation {
  summary?: string;
  tags?: string[];
  operationId?: string;
  security?: unknown[];
  parameters?: Parameter[];
  responses?: Record<string, Response | { $ref: string }>;
}

export interface OpenApiDocument {
  paths?: Record<string, Record<string, Operation>>;
  tags?: { name: string; description?: string }[];
  components?: {
    schemas?: Record<string, unknown>;
    responses?: Record<string, unknown>;
    headers?: Record<string, unknown>;
  };
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** Fastify's description of a response that was given a schema and no words. */
const PLACEHOLDER = 'Default Response';

const TOO_MANY = 'TooManyRequests';

/**
 * Swagger UI's "Try it out" fills each parameter with its `example` (or its schema's), and sends
 * every filled one: a form with nine optional filters filled in finds nothing. So an optional
 * parameter's example moves into its description ("For example `1951`."), which the form shows
 * beside the field; a required one (a path's id) keeps its example, a real id of the seed, so
 * that the form as it opens answers data. Defaults stay: the API applies them anyway.
 */
function examplesIntoDescriptions(parameter: Parameter): void {
  if (parameter.required) return;
  const example = parameter.example ?? parameter.schema?.example;
  delete parameter.example;
  if (parameter.schema) delete parameter.schema.example;
  if (example === undefined) return;
  const raw = typeof example === 'string' ? example : JSON.stringify(example);
  const shown = `\`${raw}\``;
  const description = parameter.description ?? parameter.schema?.description ?? '';
  // Said already: as an example, or as the default (`limit`).
  if (description.includes(shown) || description.includes(`default ${raw})`)) return;
  parameter.description = `${description}${description ? ' ' : ''}For example ${shown}.`;
}

/** The described words of a success answer, from the operation's summary. */
function successDescription(operation: Operation, response: Response): string {
  const summary = operation.summary ?? '';
  const ref = Object.values(response.content ?? {})[0]?.schema?.$ref ?? '';
  const listed = /^List (.+)$/.exec(summary)?.[1] ?? /^(The .+)$/.exec(summary)?.[1]?.toLowerCase();
  if (ref.endsWith('Page'))
    return `A page${listed ? ` of ${listed}` : ''}: \`data\` holds its items, \`next_cursor\` the cursor of the next page (null on the last).`;
  const one = /^Get (?:an?|the) (.+)$/.exec(summary)?.[1];
  return one ? `The ${one}.` : 'OK.';
}

/**
 * `fields=` trims each item to the fields named: a client typed from the item schema, whose
 * fields are required, must then read the items as partial. One schema per status is all
 * OpenAPI has (a query parameter cannot pick a response schema), and making every field optional
 * would weaken the type of every answer without `fields`: so the answer says so, as the
 * parameter does (`fieldsParam`, query/shapes.ts).
 */
const TRIMMED =
  'With `fields`, each item holds only the fields named and `id`: the others, required in the item schema, are left out, so read such items as partial.';

/**
 * The response headers clients read, declared so that generated clients type them: the ETag of
 * every answer with a body (caching.ts; a streamed export and UNVALIDATED_ROUTES, /health, have
 * none), and a page's Link and X-Total-Count (http/reads/page-headers.ts).
 */
const HEADERS = {
  ETag: {
    description:
      "The answer's validator: send it back in `If-None-Match` (a 304 when unchanged) or, for a record, in `If-Match` on a write (a 412 when it changed since).",
    schema: { type: 'string' },
  },
  Link: {
    description:
      'While there is a next page: `<...>; rel="next"`, the same request with the next `cursor` (relative to the request\'s URL).',
    schema: { type: 'string' },
  },
  'X-Total-Count': {
    description: 'With `count=true`: the number of matching items.',
    schema: { type: 'integer' },
  },
};

function declareHeaders(response: Response, status: string, path: string): void {
  const types = Object.keys(response.content ?? {});
  if (!status.startsWith('2') || types.length === 0 || types.includes('application/x-ndjson'))
    return;
  if (UNVALIDATED_ROUTES.has(path)) return;
  const paged = Object.values(response.content ?? {}).some((c) => c.schema?.$ref?.endsWith('Page'));
  const names = paged ? ['ETag', 'Link', 'X-Total-Count'] : ['ETag'];
  response.headers = Object.fromEntries(
    names.map((name) => [name, { $ref: `#/components/headers/${name}` }]),
  );
}

function finishOperation(path: string, method: string, operation: Operation, has429: boolean) {
  operation.operationId ??= operationIdOf(method, path);
  // Reads are public: saying so (rather than saying nothing) tells clients and linters that no
  // key is wanted. Writes declare their bearer key in their routes.
  operation.security ??= [];
  const parameters = operation.parameters ?? [];
  for (const parameter of parameters) examplesIntoDescriptions(parameter);
  const trimmed = parameters.some((p) => p.in === 'query' && p.name === 'fields');
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    if ('$ref' in response) continue;
    if (response.description === PLACEHOLDER || !response.description)
      response.description = successDescription(operation, response);
    if (trimmed && status === '200') response.description += ` ${TRIMMED}`;
    declareHeaders(response, status, path);
  }
  // The rate limits (http/rate-limit.ts) cover every route.
  if (has429 && operation.responses && !operation.responses['429'])
    operation.responses['429'] = { $ref: `#/components/responses/${TOO_MANY}` };
}

/** Finishes `document` in place and returns it. */
export function finishDocument<T extends OpenApiDocument>(document: T): T {
  // The 429 answer refers to the Problem schema: a document without it (a test's) has no 429.
  const has429 = document.components?.schemas?.Problem !== undefined;
  if (has429 && document.components)
    document.components.responses = {
      ...document.components.responses,
      [TOO_MANY]: {
        description:
          'Too many requests from this address in a minute (`RATE_LIMIT_READS`, `RATE_LIMIT_WRITES`): retry after `Retry-After` seconds.',
        content: {
          'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
        },
      },
    };
  document.components = { ...document.components, headers: HEADERS };
  const declared = new Set((document.tags ?? []).map((tag) => tag.name));
  for (const [path, item] of Object.entries(document.paths ?? {}))
    for (const [method, operation] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      finishOperation(path, method, operation, has429);
      // A tag no route list declares still gets declared, named by its first operation.
      for (const tag of operation.tags ?? [])
        if (!declared.has(tag)) {
          declared.add(tag);
          document.tags = [
            ...(document.tags ?? []),
            { name: tag, description: `${operation.summary ?? tag}.` },
          ];
        }
    }
  return document;
}
