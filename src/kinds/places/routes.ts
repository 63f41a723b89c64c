import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problems } from '../../http/errors.js';
import { answerPage } from '../../query/fields.js';
import { EMBEDDED_NOTE, readErrors } from '../../query/shapes.js';
import { createPlacesRepository } from './repository.js';
import { PlaceDetail, PlaceListQuery, PlacePage, PlaceParams } from './schemas.js';

const placeRoutes: FastifyPluginAsyncZod = async (app) => {
  const places = createPlacesRepository(app.db);

  app.get(
    '/places',
    {
      schema: {
        tags: ['places'],
        summary: 'List places',
        description:
          'Places by name. `q` matches names and aliases; `type` narrows by kind; `within` lists every place inside another at any depth: `within=dprk` finds Pyongyang and Hoechang County, not the DPRK itself.',
        querystring: PlaceListQuery,
        response: { 200: PlacePage, 400: readErrors[400] },
      },
    },
    async (request, reply) => answerPage(reply, places.list(request.query), request.query.fields),
  );

  app.get(
    '/places/:id',
    {
      schema: {
        tags: ['places'],
        summary: 'Get a place',
        description: `A place with the places containing it up to the top, the places directly inside it, the events held there or anywhere inside it, and the citations behind it. ${EMBEDDED_NOTE}`,
        params: PlaceParams,
        response: { 200: PlaceDetail, ...readErrors },
      },
    },
    async (request) => {
      const place = places.get(request.params.id);
      if (!place) throw problems.notFound('place', request.params.id);
      return place;
    },
  );
};

export default placeRoutes;
