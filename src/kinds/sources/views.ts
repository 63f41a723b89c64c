/** The views of a source: the claims resting on it. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { viewRoute } from '../../query/resource-routes.js';
import { sourcesReads } from './reads.js';
import { ClaimPage, ClaimsQuery, SourceViewParams } from './schemas.js';

const sourceViews: FastifyPluginAsyncZod = async (app) => {
  viewRoute(app, {
    url: '/sources/:id/claims',
    tag: 'sources',
    summary: 'List the claims resting on a source',
    description:
      'Every fact that cites a source (events, people, statements, figures, participations, positions, ...), each with a readable label, the excerpt it rests on and the basis of its fields, ordered by kind, id and citation. `basis=stated` keeps only the facts the source states whole: none of their fields inferred by the knowledge base or taken from background knowledge.',
    singular: 'source',
    params: SourceViewParams,
    querystring: ClaimsQuery,
    page: ClaimPage,
    read: sourcesReads.claims,
  });
};

export default sourceViews;
