import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problems } from '../../http/errors.js';
import { answerPage } from '../../query/fields.js';
import { EMBEDDED_NOTE, readErrors } from '../../query/shapes.js';
import { createOrganizationsRepository } from './repository.js';
import {
  OrganizationDetail,
  OrganizationListQuery,
  OrganizationPage,
  OrganizationParams,
} from './schemas.js';

const organizationRoutes: FastifyPluginAsyncZod = async (app) => {
  const organizations = createOrganizationsRepository(app.db);

  app.get(
    '/organizations',
    {
      schema: {
        tags: ['organizations'],
        summary: 'List organizations',
        description:
          'Parties, ministries, state media, armed forces and states, by name. `q` matches names and aliases (`q=kcna` finds the Korean Central News Agency); `type` and `country` narrow the list: `type=ministry&country=china`.',
        querystring: OrganizationListQuery,
        response: { 200: OrganizationPage, 400: readErrors[400] },
      },
    },
    async (request, reply) =>
      answerPage(reply, organizations.list(request.query), request.query.fields),
  );

  app.get(
    '/organizations/:id',
    {
      schema: {
        tags: ['organizations'],
        summary: 'Get an organization',
        description: `An organization with its country, parent and child bodies, the people holding positions in it, what it said, the events it took part in, and the citations behind it. ${EMBEDDED_NOTE}`,
        params: OrganizationParams,
        response: { 200: OrganizationDetail, ...readErrors },
      },
    },
    async (request) => {
      const organization = organizations.get(request.params.id);
      if (!organization) throw problems.notFound('organization', request.params.id);
      return organization;
    },
  );
};

export default organizationRoutes;
