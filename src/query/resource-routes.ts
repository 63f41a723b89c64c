/**
 * The two routes every resource has, written once: a list (`GET /v1/<kind>`, filters in the
 * query string, trimmed by `fields=`) and an item (`GET /v1/<kind>/{id}`, a 404 problem when
 * there is none), and a view of an item (a page, or a 404). A kind's routes.ts says what differs:
 * its schemas, its words, and its read task (its reads.ts), which `app.reads` runs inline or in a
 * read worker (http/reads/plugin.ts), and whose answers the render cache may replay.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { RENDER_CACHE } from '../http/reads/cache-hooks.js';
import type { ItemParams, ReadTask } from '../http/reads/task.js';
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
    read: ReadTask<z.output<Query>, Page<{ id: string }>>;
  },
): void {
  app.get(
    route.url,
    {
      config: RENDER_CACHE,
      schema: {
        tags: [route.tag],
        summary: route.summary,
        description: route.description,
        querystring: route.querystring,
        response: { 200: route.page, 400: readErrors[400] },
      },
    },
    async (request, reply) => {
      const query = request.query as z.output<Query> & {
        fields?: readonly string[];
        count?: boolean;
      };
      // A count may scan: it waits in the bulk lane, which always leaves a worker for items.
      return app.reads.answer(reply, route.read, query, {
        fields: query.fields,
        lane: query.count ? 'bulk' : 'interactive',
      });
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
    read: ReadTask<ItemParams<z.output<Query>>>;
  },
): void {
  app.get(
    route.url,
    {
      config: RENDER_CACHE,
      schema: {
        tags: [route.tag],
        summary: route.summary,
        description: route.description,
        params: route.params,
        ...(route.querystring ? { querystring: route.querystring } : {}),
        response: { 200: route.item, ...readErrors },
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const query = (request.query ?? {}) as z.output<Query>;
      return app.reads.answer(
        reply,
        route.read,
        { id, query },
        {
          notFound: { singular: route.singular, id },
        },
      );
    },
  );
}

export function viewRoute(
  app: ZodApp,
  route: Described & {
    /** How the 404 problem names the item's kind. */
    singular: string;
    params: z.ZodType<{ id: string }>;
    /** The view's query string: `limit` and `cursor` (ViewQuery), and its own filters if any. */
    querystring?: z.ZodType<ViewQuery>;
    page: z.ZodType;
    /** The page, or null when the item does not exist. */
    read: ReadTask<ItemParams<ViewQuery>>;
  },
): void {
  app.get(
    route.url,
    {
      config: RENDER_CACHE,
      schema: {
        tags: [route.tag],
        summary: route.summary,
        description: route.description,
        params: route.params,
        querystring: route.querystring ?? ViewQuery,
        response: { 200: route.page, ...readErrors },
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      return app.reads.answer(
        reply,
        route.read,
        { id, query: request.query as ViewQuery },
        { notFound: { singular: route.singular, id } },
      );
    },
  );
}
