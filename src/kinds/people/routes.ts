import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problems } from '../../http/errors.js';
import { answerPage } from '../../query/fields.js';
import { EMBEDDED_NOTE, readErrors } from '../../query/shapes.js';
import { createPeopleRepository } from './repository.js';
import { PersonDetail, PersonListQuery, PersonPage, PersonParams } from './schemas.js';

const peopleRoutes: FastifyPluginAsyncZod = async (app) => {
  const people = createPeopleRepository(app.db);

  app.get(
    '/people',
    {
      schema: {
        tags: ['people'],
        summary: 'List people',
        description:
          'People by name. `q` matches names and aliases; `organization` finds everyone holding a position in an organization or in any body inside it: `organization=communist-party-of-china` finds Li Hongzhong, member of its Political Bureau.',
        querystring: PersonListQuery,
        response: { 200: PersonPage, 400: readErrors[400] },
      },
    },
    async (request, reply) => answerPage(reply, people.list(request.query), request.query.fields),
  );

  app.get(
    '/people/:id',
    {
      schema: {
        tags: ['people'],
        summary: 'Get a person',
        description: `A person with the positions they held, their relations to other people (both ways), the events they took part in, what they said, the delegations they led, joined or received, and the citations behind them. ${EMBEDDED_NOTE}`,
        params: PersonParams,
        response: { 200: PersonDetail, ...readErrors },
      },
    },
    async (request) => {
      const person = people.get(request.params.id);
      if (!person) throw problems.notFound('person', request.params.id);
      return person;
    },
  );
};

export default peopleRoutes;
