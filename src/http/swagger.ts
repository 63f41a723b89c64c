import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { DOCS_CSP } from './security.js';

export const API_VERSION = '1.0.0';

/** The OpenAPI 3.1 document, generated from the routes' zod schemas, and Swagger UI at /docs. */
export default fp(
  async (app: FastifyInstance) => {
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
        tags: [
          { name: 'events', description: 'What happened, when and where.' },
          { name: 'people', description: 'People, their positions and relations.' },
          {
            name: 'organizations',
            description: 'Parties, ministries, state media, armed forces and states.',
          },
          { name: 'places', description: 'Places, each inside the place that contains it.' },
          { name: 'delegations', description: 'Delegations: who led them, who received them.' },
          { name: 'statements', description: 'What was said, by whom, quoted or paraphrased.' },
          { name: 'figures', description: 'Numeric claims with their hedge kept.' },
          { name: 'sources', description: 'The documents the facts come from.' },
          {
            name: 'facts',
            description:
              'Positions, relations between people and participations in events: read and written one by one here, shown inside the people, organizations and events they join.',
          },
          { name: 'imports', description: 'Bulk imports, exports and the bundle format.' },
          { name: 'search', description: 'Ranked full-text search over every kind.' },
          { name: 'health', description: 'Liveness of the API and its database.' },
        ],
      },
      transform: jsonSchemaTransform,
      transformObject: jsonSchemaTransformObject,
    });
    // The pages need a policy of their own in place of the API's `default-src 'none'`.
    await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: DOCS_CSP });
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'swagger' },
);
