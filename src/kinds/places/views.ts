/** The views of a place: the events held there or anywhere inside it. */
import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { existsIn } from '../../query/exists.js';
import { viewRoute } from '../../query/resource-routes.js';
import { subtreeOf } from '../../query/subtree.js';
import { eventBriefs } from '../events/briefs.js';
import { EventBriefPage } from '../events/schemas.js';
import { events } from '../events/table.js';
import { PlaceViewParams } from './schemas.js';
import { places } from './table.js';

const placeExists = existsIn(places);

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
    list: (id, query) =>
      placeExists(app.db, id)
        ? eventBriefs(
            app.db,
            'place-events',
            sql`${events.placeId} in ${subtreeOf(places, id)}`,
            query,
          )
        : null,
  });
};

export default placeViews;
