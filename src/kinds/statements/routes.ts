import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problems } from '../../http/errors.js';
import { answerPage } from '../../query/fields.js';
import { readErrors } from '../../query/shapes.js';
import { createStatementsRepository } from './repository.js';
import { StatementDetail, StatementListQuery, StatementPage, StatementParams } from './schemas.js';

const statementRoutes: FastifyPluginAsyncZod = async (app) => {
  const statements = createStatementsRepository(app.db);

  app.get(
    '/statements',
    {
      schema: {
        tags: ['statements'],
        summary: 'List statements',
        description:
          'What people and organizations said, quoted or paraphrased, in chronological order; undated statements come last. `from`/`to` take partial dates and match every statement whose date overlaps the range: `from=2023-07` finds those made in July 2023. Undated statements never match a date filter.',
        querystring: StatementListQuery,
        response: { 200: StatementPage, 400: readErrors[400] },
      },
    },
    async (request, reply) =>
      answerPage(reply, statements.list(request.query), request.query.fields),
  );

  app.get(
    '/statements/:id',
    {
      schema: {
        tags: ['statements'],
        summary: 'Get a statement',
        description:
          'A statement with its speaker, the event or delegation it concerns, its words as the source gives them, and the citations behind it.',
        params: StatementParams,
        response: { 200: StatementDetail, ...readErrors },
      },
    },
    async (request) => {
      const statement = statements.get(request.params.id);
      if (!statement) throw problems.notFound('statement', request.params.id);
      return statement;
    },
  );
};

export default statementRoutes;
