import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { RENDER_CACHE } from '../../http/reads/cache-hooks.js';
import { readErrors } from '../../query/shapes.js';
import { searchReads } from './reads.js';
import { SearchPage, SearchQuery } from './schemas.js';

const searchRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/search',
    {
      config: RENDER_CACHE,
      schema: {
        tags: ['search'],
        summary: 'Search every kind at once',
        description:
          'Ranked full-text search (SQLite FTS5, bm25) over events, people, organizations, places, delegations, statements, figures and sources. Names and aliases rank above body text. Any input is safe: symbols and operators are read as text, and a query with no words is a 400. So that every query costs a bounded time, at most 5,000 matches are ranked: for a word so common that more match, the 5,000 most recently added. bm25 ranks queries whose every word is in fewer than 5,000 items; a query with a commoner word ranks by where it matched, names before text (bm25 would read every match of that word to weigh it), and a phrase of common words is looked for among the newest items holding all its words.',
        querystring: SearchQuery,
        response: { 200: SearchPage, 400: readErrors[400] },
      },
    },
    async (request, reply) => app.reads.answer(reply, searchReads.search, request.query),
  );
};

export default searchRoutes;
