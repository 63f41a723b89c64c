import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { itemRoute, listRoute } from '../../query/resource-routes.js';
import { EMBEDDED_NOTE } from '../../query/shapes.js';
import { placesReads } from './reads.js';
import { PlaceDetail, PlaceListQuery, PlacePage, PlaceParams } from './schemas.js';

const placeRoutes: FastifyPluginAsyncZod = async (app) => {
  listRoute(app, {
    url: '/places',
    tag: 'places',
    summary: 'List places',
    description:
      'Places by name. `q` matches names and aliases; `type` narrows by kind; `within` lists every place inside another at any depth: `within=dprk` finds Pyongyang and Hoechang County, not the DPRK itself.',
    querystring: PlaceListQuery,
    page: PlacePage,
    read: placesReads.list,
  });

  itemRoute(app, {
    url: '/places/:id',
    tag: 'places',
    summary: 'Get a place',
    description: `A place with the places containing it up to the top, the places directly inside it, the events held there or anywhere inside it, and the citations behind it. ${EMBEDDED_NOTE}`,
    singular: 'place',
    params: PlaceParams,
    item: PlaceDetail,
    read: placesReads.get,
  });
};

export default placeRoutes;
