import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { RENDER_CACHE } from '../http/reads/cache-hooks.js';
import { readErrors } from '../query/shapes.js';
import { timelineReads } from './reads.js';
import { TimelinePage, TimelineQuery } from './schemas.js';

const timelineRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/timeline',
    {
      config: RENDER_CACHE,
      schema: {
        tags: ['timeline'],
        summary: 'The timeline',
        description:
          "One chronological feed of events (by start), dated statements (by date) and delegation arrivals, ordered by first day, then kind, then id. Undated statements and delegations with no known arrival never appear. `from`/`to` take partial dates and match every item whose span overlaps the range: `from=2023-07-25&to=2023-07-27` gives the wreath-laying, the arrival of Shoigu's delegation and Mao Ning's remarks in date order. `place` includes the places inside it and takes each statement's own place (where it was made), never its event's: `place=beijing` gives Mao Ning's remarks, `place=hoechang-county` the wreath-laying; a statement whose place is unknown matches no place; `event` the events under it; `participant` takes a person or an organization.",
        querystring: TimelineQuery,
        response: { 200: TimelinePage, 400: readErrors[400] },
      },
    },
    async (request, reply) => app.reads.answer(reply, timelineReads.list, request.query),
  );
};

export default timelineRoutes;
