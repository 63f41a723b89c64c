import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problems } from '../http/errors.js';
import { readErrors } from '../query/shapes.js';
import { createClaimsRepository } from './claims-repository.js';
import { createPeopleViewsRepository } from './people-repository.js';
import { createViewsRepository } from './repository.js';
import {
  ClaimPage,
  DelegationRolePage,
  EventBriefPage,
  EventViewParams,
  PersonDelegationParams,
  PersonEventPage,
  PersonEventParams,
  PersonStatementPage,
  PersonStatementParams,
  PlaceViewParams,
  SourceViewParams,
  ViewQuery,
} from './schemas.js';

/** The page, or the 404 of a parent that does not exist. */
function found<T>(page: T | null, kind: string, id: string): T {
  if (page === null) throw problems.notFound(kind, id);
  return page;
}

const viewRoutes: FastifyPluginAsyncZod = async (app) => {
  const views = createViewsRepository(app.db);
  const peopleViews = createPeopleViewsRepository(app.db);
  const claims = createClaimsRepository(app.db);

  app.get(
    '/people/:id/events',
    {
      schema: {
        tags: ['people'],
        summary: "List a person's events",
        description:
          'The events a person took part in, with their role, by start: Kim Jong-un "laid the wreath" and "placed a flower". One item per role, should a person have taken part twice.',
        params: PersonEventParams,
        querystring: ViewQuery,
        response: { 200: PersonEventPage, ...readErrors },
      },
    },
    async ({ params, query }) => found(views.personEvents(params.id, query), 'person', params.id),
  );

  app.get(
    '/people/:id/statements',
    {
      schema: {
        tags: ['people'],
        summary: "List a person's statements",
        description:
          'What a person said, by date, undated statements last: `mao-ning` lists her remarks of 25 and 26 July 2023.',
        params: PersonStatementParams,
        querystring: ViewQuery,
        response: { 200: PersonStatementPage, ...readErrors },
      },
    },
    async ({ params, query }) =>
      found(peopleViews.personStatements(params.id, query), 'person', params.id),
  );

  app.get(
    '/people/:id/delegations',
    {
      schema: {
        tags: ['people'],
        summary: "List a person's delegations",
        description:
          'The delegations a person led, joined or received, with that role, by arrival (unknown arrivals last): `sergei-shoigu` led the Russian delegation, `kang-sun-nam` received it.',
        params: PersonDelegationParams,
        querystring: ViewQuery,
        response: { 200: DelegationRolePage, ...readErrors },
      },
    },
    async ({ params, query }) =>
      found(peopleViews.personDelegations(params.id, query), 'person', params.id),
  );

  app.get(
    '/places/:id/events',
    {
      schema: {
        tags: ['places'],
        summary: 'List the events at a place',
        description:
          'Events at a place or at any place inside it, by start: `hoechang-county` has the wreath-laying at the cemetery and the tribute at the grave inside it.',
        params: PlaceViewParams,
        querystring: ViewQuery,
        response: { 200: EventBriefPage, ...readErrors },
      },
    },
    async ({ params, query }) => found(views.placeEvents(params.id, query), 'place', params.id),
  );

  app.get(
    '/events/:id/children',
    {
      schema: {
        tags: ['events'],
        summary: 'List the parts of an event',
        description:
          'The events whose parent is this one (one level down), by start: the commemorations of the 70th anniversary hold the wreath-laying and Victory Day.',
        params: EventViewParams,
        querystring: ViewQuery,
        response: { 200: EventBriefPage, ...readErrors },
      },
    },
    async ({ params, query }) => found(views.eventChildren(params.id, query), 'event', params.id),
  );

  app.get(
    '/sources/:id/claims',
    {
      schema: {
        tags: ['sources'],
        summary: 'List the claims resting on a source',
        description:
          'Every fact that cites a source (events, people, statements, figures, participations, positions, ...), each with a readable label and the excerpt it rests on, ordered by kind, id and citation.',
        params: SourceViewParams,
        querystring: ViewQuery,
        response: { 200: ClaimPage, ...readErrors },
      },
    },
    async ({ params, query }) => found(claims.sourceClaims(params.id, query), 'source', params.id),
  );
};

export default viewRoutes;
