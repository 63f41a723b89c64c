/**
 * Where a newcomer starts: `GET /` and `GET /v1` list the collections, the docs and the OpenAPI
 * document, each with its link; `GET /problems/{name}` is the page a problem's `type` points at.
 * Links are relative, as Link headers are (http/reads/page-headers.ts): they resolve against the
 * URL the client used, whatever host or proxy is in front.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problems } from './http/errors.js';
import { PROBLEM_TYPES, problemListPage, problemPage } from './http/problem-types.js';
import { API_VERSION } from './http/swagger.js';
import { KINDS } from './kinds/index.js';
import { problemResponse } from './query/shapes.js';

export const INDEX_TAG = {
  name: 'index',
  description: 'Where to start: the collections, the docs, and the pages of the problem types.',
};

const Link = z.object({
  href: z.string().meta({ description: 'A URL relative to this server.' }),
  title: z.string(),
});

const Collection = Link.extend({
  name: z.string().meta({ description: 'The collection, as its path names it.' }),
});

const ApiIndex = z
  .object({
    title: z.string(),
    version: z.string(),
    collections: z.array(Collection).meta({
      description: 'Each kind with a list and items of its own: `GET href`, `GET href/{id}`.',
    }),
    links: z.object({
      self: Link,
      docs: Link,
      openapi: Link,
      search: Link,
      timeline: Link,
      export: Link,
      health: Link,
      problems: Link,
    }),
  })
  .meta({ id: 'ApiIndex', description: 'The collections and where the docs are.' });

/** The same answer at `/` and `/v1`: made once, it depends on nothing but the code. */
const index = (self: string): z.output<typeof ApiIndex> => ({
  title: 'Annals',
  version: API_VERSION,
  collections: KINDS.filter((kind) => kind.resource).map((kind) => ({
    name: kind.name,
    href: `/v1/${kind.name}`,
    title: kind.about,
  })),
  links: {
    self: { href: self, title: 'This index' },
    docs: { href: '/docs', title: 'The docs (Swagger UI), where every operation can be tried' },
    openapi: { href: '/openapi.json', title: 'The OpenAPI 3.1 document' },
    search: { href: '/v1/search', title: 'Ranked full-text search over every kind (`?q=`)' },
    timeline: { href: '/v1/timeline', title: 'Events and statements in one chronology' },
    export: { href: '/v1/export', title: 'The whole knowledge base as a bundle' },
    health: { href: '/health', title: 'Liveness of the API and its database' },
    problems: { href: '/problems', title: 'What each problem type means' },
  },
});

const Html = z.string().meta({ description: 'An HTML page.' });
const html = (description: string) => ({ description, content: { 'text/html': { schema: Html } } });
const HTML_TYPE = 'text/html; charset=utf-8';

const indexRoutes: FastifyPluginAsyncZod = async (app) => {
  // Their operationIds come from the one rule (http/operation-ids.ts), as every route's do.
  for (const url of ['/', '/v1'] as const) {
    const answer = index(url);
    app.get(
      url,
      {
        schema: {
          tags: [INDEX_TAG.name],
          summary: url === '/' ? 'Start here' : 'List the collections of v1',
          description:
            'The collections (events, people, ...) with their links, and the links to the docs, the OpenAPI document, search, the timeline, the export and the problem types.',
          security: [],
          response: { 200: ApiIndex },
        },
      },
      async () => answer,
    );
  }

  app.get(
    '/problems',
    {
      schema: {
        tags: [INDEX_TAG.name],
        summary: 'List the problem types',
        description: 'A page linking each problem type the API sends.',
        security: [],
        response: { 200: html('The list of problem types.') },
      },
    },
    async (_request, reply) => reply.type(HTML_TYPE).send(problemListPage()),
  );

  app.get(
    '/problems/:name',
    {
      schema: {
        tags: [INDEX_TAG.name],
        summary: 'Explain a problem type',
        description:
          "The page a problem's `type` points at (`/problems/not-found`): what it means and what to do.",
        security: [],
        params: z.object({
          name: z
            .string()
            .max(100)
            .meta({ description: 'The name of the type.', example: 'not-found' }),
        }),
        response: {
          200: html('What the problem means and what to do.'),
          404: problemResponse('No problem type has this name.'),
        },
      },
    },
    async (request, reply) => {
      const { name } = request.params;
      const type = Object.hasOwn(PROBLEM_TYPES, name) ? PROBLEM_TYPES[name] : undefined;
      if (!type) throw problems.notFound('problem type', name);
      return reply.type(HTML_TYPE).send(problemPage(name, type));
    },
  );
};

export default indexRoutes;
