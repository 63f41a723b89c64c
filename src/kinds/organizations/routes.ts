import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { itemRoute, listRoute } from '../../query/resource-routes.js';
import { EMBEDDED_NOTE } from '../../query/shapes.js';
import { organizationsReads } from './reads.js';
import {
  OrganizationDetail,
  OrganizationListQuery,
  OrganizationPage,
  OrganizationParams,
} from './schemas.js';

const organizationRoutes: FastifyPluginAsyncZod = async (app) => {
  listRoute(app, {
    url: '/organizations',
    tag: 'organizations',
    summary: 'List organizations',
    description:
      'Parties, ministries, state media, armed forces and states, by name. `q` matches names and aliases (`q=kcna` finds the Korean Central News Agency); `type` and `country` narrow the list: `type=ministry&country=china`.',
    querystring: OrganizationListQuery,
    page: OrganizationPage,
    read: organizationsReads.list,
  });

  itemRoute(app, {
    url: '/organizations/:id',
    tag: 'organizations',
    summary: 'Get an organization',
    description: `An organization with its country, parent and child bodies, the people holding positions in it, what it said, the events it took part in, and the citations behind it. ${EMBEDDED_NOTE}`,
    singular: 'organization',
    params: OrganizationParams,
    item: OrganizationDetail,
    read: organizationsReads.get,
  });
};

export default organizationRoutes;
