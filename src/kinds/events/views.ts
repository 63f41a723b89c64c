/** The views of an event: its parts. */
import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { existsIn } from '../../query/exists.js';
import { viewRoute } from '../../query/resource-routes.js';
import { eventBriefs } from './briefs.js';
import { EventBriefPage, EventViewParams } from './schemas.js';
import { events } from './table.js';

const eventExists = existsIn(events);

const eventViews: FastifyPluginAsyncZod = async (app) => {
  viewRoute(app, {
    url: '/events/:id/children',
    tag: 'events',
    summary: 'List the parts of an event',
    description:
      'The events whose parent is this one (one level down), by start: the commemorations of the 70th anniversary hold the wreath-laying and Victory Day.',
    singular: 'event',
    params: EventViewParams,
    page: EventBriefPage,
    list: (id, query) =>
      eventExists(app.db, id)
        ? eventBriefs(app.db, 'event-children', eq(events.parentId, id), query)
        : null,
  });
};

export default eventViews;
