import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problems } from '../../http/errors.js';
import { answerPage } from '../../query/fields.js';
import { EMBEDDED_NOTE, readErrors } from '../../query/shapes.js';
import { createEventsRepository } from './repository.js';
import { EventDetail, EventItemQuery, EventListQuery, EventPage, EventParams } from './schemas.js';

const eventRoutes: FastifyPluginAsyncZod = async (app) => {
  const events = createEventsRepository(app.db);

  app.get(
    '/events',
    {
      schema: {
        tags: ['events'],
        summary: 'List events',
        description:
          'Events in chronological order (or by `sort`; by relevance with `q`). `from`/`to` take partial dates and match every event whose span overlaps the range: `from=1951&to=1951` finds the Korean War (1950–1953). `include` expands relations, `fields` trims each item, `count=true` adds the total, `names_by` titles events as a party names them.',
        querystring: EventListQuery,
        response: { 200: EventPage, 400: readErrors[400] },
      },
    },
    async (request, reply) => answerPage(reply, events.list(request.query), request.query.fields),
  );

  app.get(
    '/events/:id',
    {
      schema: {
        tags: ['events'],
        summary: 'Get an event',
        description: `An event with its place, parent, children, the names others give it, its participants with their roles, and the citations behind it. ${EMBEDDED_NOTE}`,
        params: EventParams,
        querystring: EventItemQuery,
        response: { 200: EventDetail, ...readErrors },
      },
    },
    async (request) => {
      const event = events.get(request.params.id, request.query);
      if (!event) throw problems.notFound('event', request.params.id);
      return event;
    },
  );
};

export default eventRoutes;
