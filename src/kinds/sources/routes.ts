import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { itemRoute, listRoute } from '../../query/resource-routes.js';
import { EMBEDDED_NOTE } from '../../query/shapes.js';
import { sourcesReads } from './reads.js';
import { SourceDetail, SourceListQuery, SourcePage, SourceParams } from './schemas.js';

const sourceRoutes: FastifyPluginAsyncZod = async (app) => {
  listRoute(app, {
    url: '/sources',
    tag: 'sources',
    summary: 'List sources',
    description:
      'The documents facts come from, by id. A list says whether the full text is held (`has_text`) without carrying it.',
    querystring: SourceListQuery,
    page: SourcePage,
    read: sourcesReads.list,
  });

  itemRoute(app, {
    url: '/sources/:id',
    tag: 'sources',
    summary: 'Get a source',
    description: `A source with its full text when held, the sources it cites and those that cite it, how many citations rest on it, and the citations behind its own record: a report known only through an article is backed by excerpts of that article. ${EMBEDDED_NOTE}`,
    singular: 'source',
    params: SourceParams,
    item: SourceDetail,
    read: sourcesReads.get,
  });
};

export default sourceRoutes;
