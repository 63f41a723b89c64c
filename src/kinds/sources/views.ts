/** The views of a source: the claims resting on it. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { viewRoute } from '../../query/resource-routes.js';
import { sourcesReads } from './reads.js';
import { ClaimPage, SourceViewParams } from './schemas.js';

const sourceViews: FastifyPluginAsyncZod = async (app) => {
  viewRoute(app, {
    url: '/sources/:id/claims',
    tag: 'sources',
    summary: 'List the claims resting on a source',
    description:
      'Every fact that cites a source (events, people, statements, figures, participations, positions, ...), each with a readable label and the excerpt it rests on, ordered by kind, id and citation.',
    singular: 'source',
    params: SourceViewParams,
    page: ClaimPage,
    read: sourcesReads.claims,
  });
};

export default sourceViews;
