/** The views of an event: its parts. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { viewRoute } from '../../query/resource-routes.js';
import { eventsReads } from './reads.js';
import { EventBriefPage, EventViewParams } from './schemas.js';

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
    read: eventsReads.children,
  });
};

export default eventViews;
