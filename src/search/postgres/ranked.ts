/**
 * The ranked matches of one kind that a list's `q` joins on PostgreSQL: what ranking.ts's
 * rankedMatches is to SQLite, from the same machinery as /v1/search on PostgreSQL
 * (endpoint/repository.pg.ts): the newest RANKED_AT_MOST items holding the query's words (its
 * phrases read as words, which the GIN index answers), the phrases matched among those, and each
 * ranked by ts_rank_cd, names weighing ten times the text.
 *
 * The score is ts_rank_cd negated, so that lower is better as bm25's is: `sort=rank` ascending
 * puts the best first on both backends, with the same cursor shape. The order of close matches
 * may differ from SQLite's (repository.pg.ts says why); the matches are the same.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { SearchKind } from '../../db/tables/search.js';
import { problems } from '../../http/errors.js';
import { NO_WORDS, queryTerms } from '../match-expression.js';
import { RANKED_AT_MOST } from '../ranking.js';
import { queryParameters, withoutPhrases } from './tsquery.js';

/** search_query(words, prefixes) of some terms, its arrays bound as two parameters. */
function searchQuery(terms: ReturnType<typeof queryTerms>): SQL {
  const [words, prefixes] = queryParameters(terms);
  return sql`search_query(${sql.param(words)}::text[], ${sql.param(prefixes)}::boolean[])`;
}

/**
 * The items of `kind` matching `q`, as a subquery `ranked` of `entity_id` and `score` (float8,
 * so that a cursor's number reads back as the very same score); a 400 on `/q` without words.
 */
export function rankedMatchesPostgres(kind: SearchKind, q: string): SQL {
  const terms = queryTerms(q);
  if (terms.length === 0) throw problems.invalidField('query', '/q', NO_WORDS);
  const phrases = terms.some((term) => term.words.length > 1);
  return sql`(select d.entity_id,
      (-ts_rank_cd('{0, 0, 0.1, 1}'::real[], search_document(d.name, d.body), query.q, 2))::float8 as score
    from (
      select c.id from search_docs c
      where c.kind = ${kind} and search_document(c.name, c.body) @@ ${searchQuery(withoutPhrases(terms))}
      order by c.id desc limit ${RANKED_AT_MOST}
    ) newest
    join search_docs d on d.id = newest.id,
    (select ${searchQuery(terms)} as q) query
    where not ${phrases}::boolean or search_document(d.name, d.body) @@ query.q) as ranked`;
}
