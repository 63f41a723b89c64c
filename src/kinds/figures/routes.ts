import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problems } from '../../http/errors.js';
import { answerPage } from '../../query/fields.js';
import { readErrors } from '../../query/shapes.js';
import { createFiguresRepository } from './repository.js';
import { FigureDetail, FigureListQuery, FigurePage, FigureParams } from './schemas.js';

const figureRoutes: FastifyPluginAsyncZod = async (app) => {
  const figures = createFiguresRepository(app.db);

  app.get(
    '/figures',
    {
      schema: {
        tags: ['figures'],
        summary: 'List figures',
        description:
          'Numeric claims with their hedge kept, by id. `min`/`max` match every figure whose implied range reaches the value: "more than 2 million" matches `min=1000000`, and "about" figures, which set no bound, match any `min` or `max`.',
        querystring: FigureListQuery,
        response: { 200: FigurePage, 400: readErrors[400] },
      },
    },
    async (request, reply) => answerPage(reply, figures.list(request.query), request.query.fields),
  );

  app.get(
    '/figures/:id',
    {
      schema: {
        tags: ['figures'],
        summary: 'Get a figure',
        description:
          'A figure with what it counts, the value and qualifier as the source gives them, the bounds they imply, and the citations behind it.',
        params: FigureParams,
        response: { 200: FigureDetail, ...readErrors },
      },
    },
    async (request) => {
      const figure = figures.get(request.params.id);
      if (!figure) throw problems.notFound('figure', request.params.id);
      return figure;
    },
  );
};

export default figureRoutes;
