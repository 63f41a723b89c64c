/** The views of a person: their events, their statements, their delegations. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { viewRoute } from '../../query/resource-routes.js';
import { peopleReads } from './reads.js';
import {
  DelegationRolePage,
  PersonDelegationParams,
  PersonEventPage,
  PersonEventParams,
  PersonStatementPage,
  PersonStatementParams,
} from './view-schemas.js';

const peopleViews: FastifyPluginAsyncZod = async (app) => {
  viewRoute(app, {
    url: '/people/:id/events',
    tag: 'people',
    summary: "List a person's events",
    description:
      'The events a person took part in, with their role, by start: Kim Jong-un "laid the wreath" and "placed a flower". One item per role, should a person have taken part twice.',
    singular: 'person',
    params: PersonEventParams,
    page: PersonEventPage,
    read: peopleReads.events,
  });

  viewRoute(app, {
    url: '/people/:id/statements',
    tag: 'people',
    summary: "List a person's statements",
    description:
      'What a person said, by date, undated statements last: `mao-ning` lists her remarks of 25 and 26 July 2023.',
    singular: 'person',
    params: PersonStatementParams,
    page: PersonStatementPage,
    read: peopleReads.statements,
  });

  viewRoute(app, {
    url: '/people/:id/delegations',
    tag: 'people',
    summary: "List a person's delegations",
    description:
      'The delegations a person led, joined or received, with that role, by arrival (unknown arrivals last): `sergei-shoigu` led the Russian delegation, `kang-sun-nam` received it.',
    singular: 'person',
    params: PersonDelegationParams,
    page: DelegationRolePage,
    read: peopleReads.delegations,
  });
};

export default peopleViews;
