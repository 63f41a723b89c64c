import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { RENDER_CACHE } from '../../http/reads/cache-hooks.js';
import { itemRoute, listRoute } from '../../query/resource-routes.js';
import { EMBEDDED_NOTE, readErrors } from '../../query/shapes.js';
import { eventsReads } from './reads.js';
import {
  EventDetail,
  EventFacets,
  EventFacetsQuery,
  EventItemQuery,
  EventListQuery,
  EventPage,
  EventParams,
} from './schemas.js';

const eventRoutes: FastifyPluginAsyncZod = async (app) => {
  listRoute(app, {
    url: '/events',
    tag: 'events',
    summary: 'List events',
    description:
      'Events in chronological order (or by `sort`; by relevance with `q`). `from`/`to` take partial dates and match every event whose span overlaps the range: `from=1951&to=1951` finds the Korean War (1950–1953). `include` expands relations, `fields` trims each item, `count=true` adds the total, `names_by` titles events as a party names them.',
    querystring: EventListQuery,
    page: EventPage,
    read: eventsReads.list,
  });

  app.get(
    '/events/facets',
    {
      config: RENDER_CACHE,
      schema: {
        tags: ['events'],
        summary: 'Count events by type, year, place or status',
        description:
          'How many events match, and how many of them have each type, start in each year, happened at each place, have each status: the numbers behind a timeline histogram or a filter menu. Takes the filters of `GET /v1/events` (`from`, `to`, `match`, `type`, `status`, `place`, `participant`, `q`, `according_to`, `id`), so each count is what that list, with the value added, would hold. `by` picks the facets (`type,year,place` by default).',
        querystring: EventFacetsQuery,
        response: { 200: EventFacets, 400: readErrors[400] },
      },
    },
    // It counts every matching event: it waits in the bulk lane, which always leaves a worker
    // for items.
    async (request, reply) =>
      app.reads.answer(reply, eventsReads.facets, request.query, { lane: 'bulk' }),
  );

  itemRoute(app, {
    url: '/events/:id',
    tag: 'events',
    summary: 'Get an event',
    description: `An event with its place, parent, children, the names others give it, its participants with their roles, and the citations behind it. ${EMBEDDED_NOTE}`,
    singular: 'event',
    params: EventParams,
    querystring: EventItemQuery,
    item: EventDetail,
    read: eventsReads.get,
  });
};

export default eventRoutes;
