/**
 * The one catalog of errors the API answers with, and the handler that turns every error into an
 * RFC 9457 problem (application/problem+json). 5xx details are logged, never sent.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
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
  unsupportedMediaType: (detail: string) =>
    new ApiProblem(415, 'unsupported-media-type', 'Unsupported media type', detail),
  payloadTooLarge: (detail: string) =>
    new ApiProblem(413, 'payload-too-large', 'Payload too large', detail),
  unavailable: (detail: string) =>
    new ApiProblem(503, 'unavailable', 'Service unavailable', detail),
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

/** Fastify's own client errors (bad JSON, wrong content type, too large), as problems. */
function fromFastify(error: FastifyError): ApiProblem | null {
  const status = error.statusCode ?? 500;
  if (status >= 500) return null;
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problems.unsupportedMediaType(error.message);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problems.payloadTooLarge(error.message);
    case 'FST_ERR_BAD_URL':
      return problems.invalidField('path', '/', 'the path is not a valid URL (a bad %-escape)');
    default:
      if (status === 400) return problems.invalidField('body', '/', error.message);
      return new ApiProblem(status, 'invalid-request', 'Invalid request', error.message);
  }
}

export function toProblem(error: unknown): ApiProblem {
  if (error instanceof ApiProblem) return error;
  const fastifyError = error as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fastifyError)) return fromValidation(fastifyError);
  return fromFastify(fastifyError) ?? problems.internal();
}

/** Errors Fastify raises before routing (a malformed URL), given the same problem shape. */
export const frameworkErrors = (
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void => {
  const problem = toProblem(error);
  reply.code(problem.status).type('application/problem+json').send(problem.body(request.url));
};

export function registerErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const problem = toProblem(error);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    return reply
      .code(problem.status)
      .type('application/problem+json')
      .send(problem.body(request.url));
  });
  app.setNotFoundHandler((request, reply) => {
    const problem = problems.routeNotFound(request.method, request.url);
    return reply.code(404).type('application/problem+json').send(problem.body(request.url));
  });
}
