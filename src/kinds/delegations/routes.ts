import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { itemRoute, listRoute } from '../../query/resource-routes.js';
import { EMBEDDED_NOTE } from '../../query/shapes.js';
import { delegationsReads } from './reads.js';
import {
  DelegationDetail,
  DelegationListQuery,
  DelegationPage,
  DelegationParams,
} from './schemas.js';

const delegationRoutes: FastifyPluginAsyncZod = async (app) => {
  listRoute(app, {
    url: '/delegations',
    tag: 'delegations',
    summary: 'List delegations',
    description:
      'Delegations sent from one state or body to another, by name. `destination` matches the place and every place inside it: `destination=dprk` finds the delegations to Pyongyang.',
    querystring: DelegationListQuery,
    page: DelegationPage,
    read: delegationsReads.list,
  });

  itemRoute(app, {
    url: '/delegations/:id',
    tag: 'delegations',
    summary: 'Get a delegation',
    description: `A delegation with its leader, members, who received it and where, the statements made about it, and the citations behind it. ${EMBEDDED_NOTE}`,
    singular: 'delegation',
    params: DelegationParams,
    item: DelegationDetail,
    read: delegationsReads.get,
  });
};

export default delegationRoutes;
