import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problems } from '../../http/errors.js';
import { answerPage } from '../../query/fields.js';
import { EMBEDDED_NOTE, readErrors } from '../../query/shapes.js';
import { createDelegationsRepository } from './repository.js';
import {
  DelegationDetail,
  DelegationListQuery,
  DelegationPage,
  DelegationParams,
} from './schemas.js';

const delegationRoutes: FastifyPluginAsyncZod = async (app) => {
  const delegations = createDelegationsRepository(app.db);

  app.get(
    '/delegations',
    {
      schema: {
        tags: ['delegations'],
        summary: 'List delegations',
        description:
          'Delegations sent from one state or body to another, by name. `destination` matches the place and every place inside it: `destination=dprk` finds the delegations to Pyongyang.',
        querystring: DelegationListQuery,
        response: { 200: DelegationPage, 400: readErrors[400] },
      },
    },
    async (request, reply) =>
      answerPage(reply, delegations.list(request.query), request.query.fields),
  );

  app.get(
    '/delegations/:id',
    {
      schema: {
        tags: ['delegations'],
        summary: 'Get a delegation',
        description: `A delegation with its leader, members, who received it and where, the statements made about it, and the citations behind it. ${EMBEDDED_NOTE}`,
        params: DelegationParams,
        response: { 200: DelegationDetail, ...readErrors },
      },
    },
    async (request) => {
      const delegation = delegations.get(request.params.id);
      if (!delegation) throw problems.notFound('delegation', request.params.id);
      return delegation;
    },
  );
};

export default delegationRoutes;
