import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problems } from '../../http/errors.js';
import { answerPage } from '../../query/fields.js';
import { EMBEDDED_NOTE, readErrors } from '../../query/shapes.js';
import { createSourcesRepository } from './repository.js';
import { SourceDetail, SourceListQuery, SourcePage, SourceParams } from './schemas.js';

const sourceRoutes: FastifyPluginAsyncZod = async (app) => {
  const sources = createSourcesRepository(app.db);

  app.get(
    '/sources',
    {
      schema: {
        tags: ['sources'],
        summary: 'List sources',
        description:
          'The documents facts come from, by id. A list says whether the full text is held (`has_text`) without carrying it.',
        querystring: SourceListQuery,
        response: { 200: SourcePage, 400: readErrors[400] },
      },
    },
    async (request, reply) => answerPage(reply, sources.list(request.query), request.query.fields),
  );

  app.get(
    '/sources/:id',
    {
      schema: {
        tags: ['sources'],
        summary: 'Get a source',
        description: `A source with its full text when held, the sources it cites and those that cite it, how many citations rest on it, and the citations behind its own record: a report known only through an article is backed by excerpts of that article. ${EMBEDDED_NOTE}`,
        params: SourceParams,
        response: { 200: SourceDetail, ...readErrors },
      },
    },
    async (request) => {
      const source = sources.get(request.params.id);
      if (!source) throw problems.notFound('source', request.params.id);
      return source;
    },
  );
};

export default sourceRoutes;
