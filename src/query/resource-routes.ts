/**
 * The two routes every resource has, written once: a list (`GET /v1/<kind>`, filters in the
 * query string, trimmed by `fields=`) and an item (`GET /v1/<kind>/{id}`, a 404 problem when
 * there is none). A kind's routes.ts says what differs: its schemas, its words, its repository.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { problems } from '../http/errors.js';
import { answerPage } from './fields.js';
import { type Page, readErrors, ViewQuery } from './shapes.js';

type ZodApp = Parameters<FastifyPluginAsyncZod>[0];

interface Described {
  url: string;
  tag: string;
  summary: string;
  description: string;
}

export function listRoute<Query extends z.ZodType>(
  app: ZodApp,
  route: Described & {
    querystring: Query;
    page: z.ZodType;
    list: (query: z.output<Query>) => Page<{ id: string }>;
  },
): void {
  app.get(
    route.url,
    {
      schema: {
        tags: [route.tag],
        summary: route.summary,
        description: route.description,
        querystring: route.querystring,
        response: { 200: route.page, 400: readErrors[400] },
      },
    },
    async (request, reply) => {
      const query = request.query as z.output<Query> & { fields?: readonly string[] };
      return answerPage(reply, route.list(query), query.fields);
    },
  );
}

export function itemRoute<Query extends z.ZodType = z.ZodType<Record<string, never>>>(
  app: ZodApp,
  route: Described & {
    /** How the 404 problem names the kind: `event`, `person`. */
    singular: string;
    params: z.ZodType<{ id: string }>;
    querystring?: Query;
    item: z.ZodType;
    get: (id: string, query: z.output<Query>) => unknown | null;
  },
): void {
  app.get(
    route.url,
    {
      schema: {
        tags: [route.tag],
        summary: route.summary,
        description: route.description,
        params: route.params,
        ...(route.querystring ? { querystring: route.querystring } : {}),
        response: { 200: route.item, ...readErrors },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const found = route.get(id, request.query as z.output<Query>);
      if (!found) throw problems.notFound(route.singular, id);
      return found;
    },
  );
}

export function viewRoute(
  app: ZodApp,
  route: Described & {
    /** How the 404 problem names the item's kind. */
    singular: string;
    params: z.ZodType<{ id: string }>;
    page: z.ZodType;
    /** The page, or null when the item does not exist. */
    list: (id: string, query: ViewQuery) => unknown | null;
  },
): void {
  app.get(
    route.url,
    {
      schema: {
        tags: [route.tag],
        summary: route.summary,
        description: route.description,
        params: route.params,
        querystring: ViewQuery,
        response: { 200: route.page, ...readErrors },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const page = route.list(id, request.query as ViewQuery);
      if (page === null) throw problems.notFound(route.singular, id);
      return page;
    },
  );
}
