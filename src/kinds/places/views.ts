/** The views of a place: the events held there or anywhere inside it. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { viewRoute } from '../../query/resource-routes.js';
import { EventBriefPage } from '../events/schemas.js';
import { placesReads } from './reads.js';
import { PlaceViewParams } from './schemas.js';

const placeViews: FastifyPluginAsyncZod = async (app) => {
  viewRoute(app, {
    url: '/places/:id/events',
    tag: 'places',
    summary: 'List the events at a place',
    description:
      'Events at a place or at any place inside it, by start: `hoechang-county` has the wreath-laying at the cemetery and the tribute at the grave inside it.',
    singular: 'place',
    params: PlaceViewParams,
    page: EventBriefPage,
    read: placesReads.events,
  });
};

export default placeViews;
