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
      'Numeric claims with their hedge kept, by id. `min`/`max` match every figure whose implied range (`bounds`, by the table of hedges under `qualifier`) reaches the value: "more than 2 million" matches `min=1000000` and any higher `min`, since the words set no upper bound; "nearly 180,000" ([162,000, 180,000)) matches `max=170000` but neither `max=10` nor `min=180000`; "about 200" ([180, 220]) matches `min=220` but not `min=221`.',
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
