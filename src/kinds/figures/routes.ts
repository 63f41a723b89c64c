import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { itemRoute, listRoute } from '../../query/resource-routes.js';
import { figuresReads } from './reads.js';
import { FigureDetail, FigureListQuery, FigurePage, FigureParams } from './schemas.js';

const figureRoutes: FastifyPluginAsyncZod = async (app) => {
  listRoute(app, {
    url: '/figures',
    tag: 'figures',
    summary: 'List figures',
    description:
      'Numeric claims with their hedge kept, by id. `min`/`max` match every figure whose implied range reaches the value: "more than 2 million" matches `min=1000000`, and "about" figures, which set no bound, match any `min` or `max`.',
    querystring: FigureListQuery,
    page: FigurePage,
    read: figuresReads.list,
  });

  itemRoute(app, {
    url: '/figures/:id',
    tag: 'figures',
    summary: 'Get a figure',
    description:
      'A figure with what it counts, the value and qualifier as the source gives them, the bounds they imply, and the citations behind it.',
    singular: 'figure',
    params: FigureParams,
    item: FigureDetail,
    read: figuresReads.get,
  });
};

export default figureRoutes;
