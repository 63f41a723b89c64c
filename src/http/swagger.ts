import swagger, { type SwaggerTransformObject } from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { finishDocument, type OpenApiDocument } from './openapi-finish.js';
import { DOCS_CSP } from './security.js';

export const API_VERSION = '1.0.0';

/** The example of the component named `id`, or undefined when it has none. */
export type ExampleOf = (id: string) => unknown;

export interface SwaggerOptions {
  /**
   * The examples of the schema components, keyed by component id. Called once, when the document
   * is first built (so that no module reads a file when it is imported); the app passes the
   * recorded answers (query/examples.ts) and the seed's records (writes/schemas.ts), e.g.
   * `{ examples: () => ({ ...readRecordedExamples(), ...recordExamples() }) }`. A component whose
   * schema's meta already has an example keeps it.
   */
  examples?: () => Record<string, unknown>;
  /** The tags operations are grouped under, in the order the docs list them (src/routes.ts). */
  tags?: { name: string; description: string }[];
}

type Document = ReturnType<SwaggerTransformObject>;
type Schemas = Record<string, unknown>;

const SCHEMA_REF = '#/components/schemas/';

/** Calls `found` with the component id of every `$ref` to a schema component in `value`. */
function schemaRefsIn(value: unknown, found: (id: string) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) schemaRefsIn(item, found);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string' && child.startsWith(SCHEMA_REF))
        found(child.slice(SCHEMA_REF.length));
      else schemaRefsIn(child, found);
    }
  }
}

/**
 * Keeps only the schema components the rest of the document reaches by `$ref`, directly or
 * through other components. fastify-type-provider-zod (v7) writes every schema registered in
 * z.globalRegistry twice, as `X` (its output) and `XInput` (its input), whether a route uses it
 * or not, and has no option to write only the used ones; so the unused ones are dropped here.
 */
export function withoutUnreferencedSchemas(schemas: Schemas, rest: unknown): Schemas {
  const reached = new Set<string>();
  const reach = (id: string) => {
    if (reached.has(id)) return;
    reached.add(id);
    schemaRefsIn(schemas[id], reach);
  };
  schemaRefsIn(rest, reach);
  return Object.fromEntries(Object.entries(schemas).filter(([id]) => reached.has(id)));
}

/**
 * Gives each component without an example the one `exampleOf` has for its id; `XInput`, the
 * input twin of `X`, shows the example of `X` (as it did when examples were in the schemas' meta).
 */
export function withExamples(schemas: Schemas, exampleOf: ExampleOf): Schemas {
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      if (schema === null || typeof schema !== 'object' || 'example' in schema) return [id, schema];
      const example =
        exampleOf(id) ??
        (id.endsWith('Input') ? exampleOf(id.slice(0, -'Input'.length)) : undefined);
      return [id, example === undefined ? schema : { ...schema, example }];
    }),
  );
}

type TransformInput = Parameters<typeof jsonSchemaTransform>[0];
type BodyByType = { content: Record<string, { schema: unknown }> };

const isBodyByType = (body: unknown): body is BodyByType =>
  typeof body === 'object' && body !== null && !(body instanceof z.ZodType) && 'content' in body;

/**
 * jsonSchemaTransform converts a route's `body` only when it is one zod schema. A body given per
 * media type (`body: { content: { 'text/csv': { schema } } }`, which Fastify validates per type,
 * as POST /v1/imports does) is converted here, each schema as the provider converts a body, so
 * that the document offers every type the route takes.
 */
export function transform(input: TransformInput): ReturnType<typeof jsonSchemaTransform> {
  const body = input.schema?.body;
  if (!isBodyByType(body)) return jsonSchemaTransform(input);
  const converted = (schema: unknown) =>
    (jsonSchemaTransform({ ...input, schema: { body: schema } }).schema as { body?: unknown }).body;
  const content = Object.fromEntries(
    Object.entries(body.content).map(([type, { schema }]) => [type, { schema: converted(schema) }]),
  );
  const rest = jsonSchemaTransform({ ...input, schema: { ...input.schema, body: undefined } });
  return { ...rest, schema: { ...rest.schema, body: { content } } };
}

/** The OpenAPI 3.1 document, generated from the routes' zod schemas, and Swagger UI at /docs. */
export default fp<SwaggerOptions>(
  async (app: FastifyInstance, options) => {
    let examples: Record<string, unknown> | undefined;
    const exampleOf: ExampleOf = (id) => {
      examples ??= options.examples?.() ?? {};
      return examples[id];
    };
    const transformObject: SwaggerTransformObject = (documentObject) => {
      const document = jsonSchemaTransformObject(documentObject) as Document & {
        components?: { schemas?: Schemas };
      };
      const finished = finishDocument(structuredClone(document) as OpenApiDocument & Document);
      const { components, ...rest } = finished;
      if (!components?.schemas) return finished;
      const { schemas, ...otherComponents } = components;
      const used = withoutUnreferencedSchemas(schemas, { ...rest, components: otherComponents });
      return {
        ...finished,
        components: { ...components, schemas: withExamples(used, exampleOf) },
      } as Document;
    };
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Annals',
          version: API_VERSION,
          description:
            'A knowledge base of historical events: what happened, who took part, where, what was said, the numbers, and which source says so. Facts are attributed, not asserted: every item carries the citations (source and verbatim excerpt) behind it. Errors are RFC 9457 problems (application/problem+json).',
        },
        // Relative: Swagger UI's "Try it out" calls the server that serves it, on any host and port.
        servers: [{ url: '/', description: 'The server this document is served from' }],
        components: {
          // Writes only; reads are public.
          securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } },
        },
        tags: options.tags ?? [],
      },
      transform,
      transformObject,
    });
    // The pages need a policy of their own in place of the API's `default-src 'none'`.
    await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: DOCS_CSP });
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'swagger' },
);
