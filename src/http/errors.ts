/**
 * The one catalog of errors the API answers with, and the handler that turns every error into an
 * RFC 9457 problem (application/problem+json). 5xx details are logged, never sent.
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  preHandlerAsyncHookHandler,
} from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

export type ProblemLocation = 'query' | 'path' | 'body' | 'header';

export interface FieldError {
  in?: ProblemLocation;
  field: string;
  message: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
}

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    /** Seconds after which a retry may succeed, sent as Retry-After. */
    readonly retryAfter?: number,
  ) {
    super(detail ?? title);
  }

  body(instance?: string): ProblemBody {
    return {
      type: `/problems/${this.slug}`,
      title: this.title,
      status: this.status,
      ...(this.detail === undefined ? {} : { detail: this.detail }),
      ...(instance === undefined ? {} : { instance }),
      ...(this.errors === undefined ? {} : { errors: this.errors }),
    };
  }
}

export const problems = {
  invalidRequest: (errors: FieldError[]) =>
    new ApiProblem(
      400,
      'invalid-request',
      'Invalid request',
      errors.map((e) => `${e.in ?? 'request'} ${e.field}: ${e.message}`).join('; '),
      errors,
    ),
  invalidField: (location: ProblemLocation, field: string, message: string) =>
    problems.invalidRequest([{ in: location, field, message }]),
  notFound: (kind: string, id: string) =>
    new ApiProblem(404, 'not-found', 'Not found', `No ${kind} has the id '${id}'.`),
  routeNotFound: (method: string, url: string) =>
    new ApiProblem(404, 'not-found', 'Not found', `No route answers ${method} ${url}.`),
  methodNotAllowed: (method: string, url: string, allowed: readonly string[]) =>
    new ApiProblem(
      405,
      'method-not-allowed',
      'Method not allowed',
      `${url} answers ${allowed.join(', ')}, not ${method} (see Allow).`,
    ),
  /** A conditional write whose condition is false: the record was left as it was. */
  preconditionFailed: (detail: string) =>
    new ApiProblem(412, 'precondition-failed', 'Precondition failed', detail),
  alreadyExists: (kind: string, id: string) =>
    new ApiProblem(
      409,
      'already-exists',
      'Already exists',
      `A ${kind} with the id '${id}' already exists; PUT replaces it, PATCH changes it.`,
      [{ in: 'body', field: '/id', message: `the ${kind} '${id}' already exists` }],
    ),
  danglingReferences: (errors: FieldError[]) =>
    new ApiProblem(
      409,
      'dangling-reference',
      'Dangling reference',
      `The record refers to ${errors.length === 1 ? 'a record' : `${errors.length} records`} that do${errors.length === 1 ? 'es' : ''} not exist; create ${errors.length === 1 ? 'it' : 'them'} first.`,
      errors,
    ),
  stillReferenced: (kind: string, id: string, count: number, errors: FieldError[]) =>
    new ApiProblem(
      409,
      'still-referenced',
      'Still referenced',
      `The ${kind} '${id}' is referenced by ${count} record${count === 1 ? '' : 's'}; change or delete ${count === 1 ? 'it' : 'them'} first, or delete with ?cascade=true.`,
      errors,
    ),
  excerptNotInSource: (errors: FieldError[]) =>
    new ApiProblem(
      422,
      'excerpt-not-in-source',
      'Excerpt not in its source',
      `${errors.length === 1 ? 'An excerpt is' : `${errors.length} excerpts are`} not found in the text of the source cited: an excerpt must occur in the text exactly, with the same characters and spacing.`,
      errors,
    ),
  unsupportedMediaType: (detail: string) =>
    new ApiProblem(415, 'unsupported-media-type', 'Unsupported media type', detail),
  payloadTooLarge: (detail: string) =>
    new ApiProblem(413, 'payload-too-large', 'Payload too large', detail),
  uriTooLong: (limit: number) =>
    new ApiProblem(
      414,
      'uri-too-long',
      'URI too long',
      `The path and query string are over ${limit} characters, the limit.`,
    ),
  tooManyRequests: (detail: string) =>
    new ApiProblem(429, 'too-many-requests', 'Too many requests', detail),
  unavailable: (detail: string, retryAfter?: number) =>
    new ApiProblem(503, 'unavailable', 'Service unavailable', detail, undefined, retryAfter),
  /** A route the PostgreSQL backend does not serve yet (issue 15): `what` names what it runs. */
  notOnPostgres: (what: string) =>
    new ApiProblem(
      501,
      'not-on-postgres',
      'Not served from PostgreSQL yet',
      `This server reads from PostgreSQL, which does not serve ${what} yet.`,
    ),
  internal: () =>
    new ApiProblem(500, 'internal', 'Internal server error', 'The error has been logged.'),
};

const LOCATION_OF: Record<string, ProblemLocation> = {
  querystring: 'query',
  params: 'path',
  body: 'body',
  headers: 'header',
};

function fromValidation(error: FastifyError): ApiProblem {
  const location = LOCATION_OF[error.validationContext ?? ''] ?? 'body';
  const errors = (error.validation ?? []).flatMap((issue) => {
    const at = issue.instancePath === '/' ? '' : issue.instancePath;
    // An unknown key is named by its own pointer, one error per key.
    const keys = (issue.params as { keys?: unknown }).keys;
    if (issue.keyword === 'unrecognized_keys' && Array.isArray(keys)) {
      return keys.map((key) => ({
        in: location,
        field: `${at}/${String(key)}`,
        message: `unknown parameter '${String(key)}'`,
      }));
    }
    return [{ in: location, field: at || '/', message: issue.message ?? 'invalid' }];
  });
  return problems.invalidRequest(errors);
}

/** What the error handler knows of the request that failed. */
export interface ErrorContext {
  /** The route's body limit in bytes, named in a 413. */
  bodyLimit?: number;
}

/** Fastify's own client errors (bad JSON, wrong content type, too large), as problems. */
function fromFastify(error: FastifyError, context: ErrorContext): ApiProblem | null {
  const status = error.statusCode ?? 500;
  if (status >= 500) return null;
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problems.unsupportedMediaType(
        `${error.message}. Send application/json (or what the route documents).`,
      );
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problems.payloadTooLarge(
        context.bodyLimit === undefined
          ? error.message
          : `The body is over ${context.bodyLimit} bytes (${mebibytes(context.bodyLimit)}), the limit of this route.`,
      );
    case 'FST_ERR_BAD_URL':
      return problems.invalidField('path', '/', 'the path is not a valid URL (a bad %-escape)');
    default:
      if (status === 400) return problems.invalidField('body', '/', error.message);
      return new ApiProblem(status, 'invalid-request', 'Invalid request', error.message);
  }
}

const mebibytes = (bytes: number) => `${+(bytes / 1024 / 1024).toFixed(2)} MiB`;

/**
 * SQLite faults that say the database cannot take writes just now (a full disk, a read-only
 * file, an I/O error, a writer that held the lock past the busy timeout, a file that cannot be
 * opened): the request was fine, the server is not, so 503 and not 500. Reads often still work.
 */
const SQLITE_UNAVAILABLE: [prefix: string, detail: string, retryAfter: number][] = [
  [
    'SQLITE_FULL',
    'The database is full (its disk or its size limit): writes are refused until space is freed; reads still work.',
    60,
  ],
  [
    'SQLITE_READONLY',
    'The database is read-only just now: writes are refused; reads still work.',
    60,
  ],
  ['SQLITE_IOERR', 'The database could not be read or written (an I/O error).', 60],
  ['SQLITE_BUSY', 'The database is busy with another writer; retry shortly.', 5],
  ['SQLITE_CANTOPEN', 'The database file could not be opened.', 60],
];

/** The SQLite result code of an error, looking through the errors that wrap it (Drizzle's). */
function sqliteCodeOf(error: unknown): string | undefined {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_')) return code;
  }
  return undefined;
}

function fromSqlite(error: unknown): ApiProblem | null {
  const code = sqliteCodeOf(error);
  if (code === undefined) return null;
  const match = SQLITE_UNAVAILABLE.find(([prefix]) => code.startsWith(prefix));
  return match ? problems.unavailable(match[1], match[2]) : null;
}

export function toProblem(error: unknown, context: ErrorContext = {}): ApiProblem {
  if (error instanceof ApiProblem) return error;
  const fastifyError = error as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fastifyError)) return fromValidation(fastifyError);
  return fromSqlite(error) ?? fromFastify(fastifyError, context) ?? problems.internal();
}

/** Sends a problem; the one place problems are written, with their Retry-After. */
export function sendProblem(reply: FastifyReply, problem: ApiProblem, instance: string) {
  if (problem.retryAfter !== undefined) reply.header('retry-after', String(problem.retryAfter));
  return reply.code(problem.status).type('application/problem+json').send(problem.body(instance));
}

/** Errors Fastify raises before routing (a malformed URL), given the same problem shape. */
export const frameworkErrors = (
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void => {
  sendProblem(reply, toProblem(error), request.url);
};

const CLIENT_ERRORS: Record<string, [status: number, slug: string, detail: string]> = {
  HPE_HEADER_OVERFLOW: [
    431,
    'headers-too-large',
    'The request line and headers are over 16 KiB, the limit.',
  ],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'request-timeout', 'The request was not received in time.'],
};

/**
 * Errors Node's HTTP parser raises before Fastify sees a request (headers over 16 KiB, malformed
 * HTTP, a request too slow to arrive), answered as problems on the raw socket, which is then closed.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, slug, detail] = CLIENT_ERRORS[error.code ?? ''] ?? [
    400,
    'invalid-request',
    'The request is not valid HTTP.',
  ];
  const title = STATUS_CODES[status] ?? 'Bad request';
  const body = JSON.stringify(new ApiProblem(status, slug, title, detail).body());
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

export interface ErrorHandlerOptions {
  /** Runs before a 404 is answered: the rate limit of requests that find no route. */
  notFoundPreHandler?: preHandlerAsyncHookHandler;
  /** The methods routes answer at a path (methods.ts): a wrong method there is a 405. */
  allowedMethods?: (path: string) => string[];
}

export function registerErrorHandlers(app: FastifyInstance, options: ErrorHandlerOptions = {}) {
  app.setErrorHandler((error, request, reply) => {
    const problem = toProblem(error, { bodyLimit: request.routeOptions.bodyLimit });
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendProblem(reply, problem, request.url);
  });
  app.setNotFoundHandler(
    options.notFoundPreHandler ? { preHandler: options.notFoundPreHandler } : {},
    (request, reply) => {
      const path = request.url.split('?', 1)[0] ?? '/';
      const allowed = options.allowedMethods?.(path) ?? [];
      if (allowed.length > 0) {
        reply.header('allow', allowed.join(', '));
        const problem = problems.methodNotAllowed(request.method, path, allowed);
        return sendProblem(reply, problem, request.url);
      }
      return sendProblem(reply, problems.routeNotFound(request.method, request.url), request.url);
    },
  );
}
