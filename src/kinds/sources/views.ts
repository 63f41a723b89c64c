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
      "Every fact that rests on a source (events, people, statements, figures, participations, positions, ...), each with a readable label, the excerpt, whose account it is and the basis of its fields. First what the source states whose excerpt was found in its text, in the order of the text (`offsets`); then what it states otherwise, by kind and id; then what other sources report it as saying (`as: reported`): on KCNA's report, what the article took from it. `basis=stated` keeps only the facts stated whole: none of their fields inferred by the knowledge base or taken from background knowledge.",
    singular: 'source',
    params: SourceViewParams,
    querystring: ClaimsQuery,
    page: ClaimPage,
    read: sourcesReads.claims,
  });
};

export default sourceViews;
