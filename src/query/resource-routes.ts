/**
 * The two routes every resource has, written once: a list (`GET /v1/<kind>`, filters in the
 * query string, trimmed by `fields=`) and an item (`GET /v1/<kind>/{id}`, a 404 problem when
 * there is none), and a view of an item (a page, or a 404). A kind's routes.ts says what differs:
 * its schemas, its words, and its read task (its reads.ts), which `app.reads` runs inline or in a
 * read worker (http/reads/plugin.ts), and whose answers the render cache may replay.
 */
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problems } from '../http/errors.js';
import { RENDER_CACHE } from '../http/reads/cache-hooks.js';
import { setPageHeaders } from '../http/reads/page-headers.js';
import type { ItemParams, ReadTask } from '../http/reads/task.js';
import { requestedFormat } from './formats.js';
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
      // A CSV answer is not kept by the render cache (its URL may be a JSON answer's, with
      // `Accept: text/csv`, and its Link header is no part of what the cache replays).
      config: { ...RENDER_CACHE, renderCacheSkip: (request) => requestedFormat(request) === 'csv' },
      // The answer depends on Accept: caches must keep the JSON and the CSV apart.
      onRequest: async (_request, reply) => {
        const vary = reply.getHeader('vary');
        reply.header('vary', vary ? `${vary}, Accept` : 'Accept');
      },
      schema: {
        tags: [route.tag],
        summary: route.summary,
        description: route.description,
        querystring: route.querystring,
        response: {
          200: {
            description:
              "A page of items; with `format=csv` or `Accept: text/csv`, the page's records as CSV.",
            content: {
              'application/json': { schema: route.page },
              'text/csv': { schema: z.string() },
            },
          },
          400: readErrors[400],
        },
      },
    },
    async (request, reply) => {
      const query = request.query as z.output<Query> & {
        fields?: readonly string[];
        include?: readonly string[];
        count?: boolean;
      };
      // A count may scan: it waits in the bulk lane, which always leaves a worker for items.
      const options = { lane: query.count ? ('bulk' as const) : ('interactive' as const) };
      if (requestedFormat(request) === 'csv') {
        return csvAnswer(app, reply, route.url.slice(1), route.read, query);
      }
      return app.reads.answer(reply, route.read, query, { ...options, fields: query.fields });
    },
  );
}

/**
 * A list's page as CSV: the page is read as JSON (its ids, cursor and total), then its records
 * as CSV (`app.exports.csvPage`, the CSV export's columns), a second read: a record deleted in
 * between is left out. The next page's cursor goes in `Link` (the body has no place for it) and
 * the total in `X-Total-Count`, both headers scripts may read (http/cors.ts).
 */
async function csvAnswer<Query>(
  app: ZodApp,
  reply: FastifyReply,
  kind: string,
  read: ReadTask<Query, Page<{ id: string }>>,
  query: Query & { fields?: readonly string[]; include?: readonly string[]; count?: boolean },
) {
  for (const key of ['fields', 'include'] as const) {
    if (query[key] !== undefined) {
      throw problems.invalidField(
        'query',
        `/${key}`,
        `${key} shapes JSON items; a CSV row is the whole record`,
      );
    }
  }
  const lane = query.count ? 'bulk' : 'interactive';
  const page = JSON.parse(await app.reads.text(read, query, { lane })) as Page<{ id: string }>;
  const csv = await app.exports.csvPage(
    kind,
    page.data.map((item) => item.id),
  );
  setPageHeaders(reply, { next: page.next_cursor, total: page.total });
  return reply.type('text/csv; charset=utf-8').send(csv);
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
