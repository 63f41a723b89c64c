import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { itemRoute, listRoute } from '../../query/resource-routes.js';
import { statementsReads } from './reads.js';
import { StatementDetail, StatementListQuery, StatementPage, StatementParams } from './schemas.js';

const statementRoutes: FastifyPluginAsyncZod = async (app) => {
  listRoute(app, {
    url: '/statements',
    tag: 'statements',
    summary: 'List statements',
    description:
      'What people and organizations said, quoted or paraphrased, in chronological order; undated statements come last. `from`/`to` take partial dates and match every statement whose date overlaps the range: `from=2023-07` finds those made in July 2023. Undated statements never match a date filter. `place` takes the place where a statement was made and the places inside it, never the place of the event it is about; a statement whose place is unknown never matches.',
    querystring: StatementListQuery,
    page: StatementPage,
    read: statementsReads.list,
  });

  itemRoute(app, {
    url: '/statements/:id',
    tag: 'statements',
    summary: 'Get a statement',
    description:
      'A statement with its speaker, where it was made (its own `place`, when the source says), the event or delegation it concerns, its words as the source gives them, and the citations behind it.',
    singular: 'statement',
    params: StatementParams,
    item: StatementDetail,
    read: statementsReads.get,
  });
};

export default statementRoutes;
