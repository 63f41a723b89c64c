import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { itemRoute, listRoute } from '../../query/resource-routes.js';
import { EMBEDDED_NOTE } from '../../query/shapes.js';
import { eventsReads } from './reads.js';
import { EventDetail, EventItemQuery, EventListQuery, EventPage, EventParams } from './schemas.js';

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
