import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { itemRoute, listRoute } from '../../query/resource-routes.js';
import { EMBEDDED_NOTE } from '../../query/shapes.js';
import { peopleReads } from './reads.js';
import { PersonDetail, PersonListQuery, PersonPage, PersonParams } from './schemas.js';

const peopleRoutes: FastifyPluginAsyncZod = async (app) => {
  listRoute(app, {
    url: '/people',
    tag: 'people',
    summary: 'List people',
    description:
      'People by name. `q` matches names and aliases; `organization` finds everyone holding a position in an organization or in any body inside it: `organization=communist-party-of-china` finds Li Hongzhong, member of its Political Bureau.',
    querystring: PersonListQuery,
    page: PersonPage,
    read: peopleReads.list,
  });

  itemRoute(app, {
    url: '/people/:id',
    tag: 'people',
    summary: 'Get a person',
    description: `A person with the positions they held, their relations to other people (both ways), the events they took part in, what they said, the delegations they led, joined or received, and the citations behind them. ${EMBEDDED_NOTE}`,
    singular: 'person',
    params: PersonParams,
    item: PersonDetail,
    read: peopleReads.get,
  });
};

export default peopleRoutes;
