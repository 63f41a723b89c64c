/**
 * The ranked matches of one kind that a list's `q` joins on PostgreSQL: what ranking.ts's
 * rankedMatches is to SQLite, from the same machinery as /v1/search on PostgreSQL
 * (endpoint/repository.pg.ts): the newest RANKED_AT_MOST items holding the query's words (its
 * phrases read as words, which the GIN index answers), the phrases matched among the newest of
 * those, and each ranked as rank.ts says: by ts_rank_cd, names weighing ten times the text, or
 * by where the query matched when too many match.
 *
 * The score is the rank negated, so that lower is better as bm25's is: `sort=rank` ascending
 * puts the best first on both backends, with the same cursor shape. The order of close matches
 * may differ from SQLite's (repository.pg.ts says why); the matches are the same.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { SearchKind } from '../../db/tables/search.js';
import { problems } from '../../http/errors.js';
import { NO_WORDS, queryTerms } from '../match-expression.js';
import { RANKED_AT_MOST } from '../ranking.js';
import { DOCUMENTS_MADE_AT_MOST, RANK } from './rank.js';
import { queryParameters, withoutPhrases } from './tsquery.js';

/** search_query(words, prefixes) of some terms, its arrays bound as two parameters. */
function searchQuery(terms: ReturnType<typeof queryTerms>): SQL {
  const [words, prefixes] = queryParameters(terms);
  return sql`search_query(${sql.param(words)}::text[], ${sql.param(prefixes)}::boolean[])`;
}

/**
 * The items of `kind` matching `q`, as a subquery `ranked` of `entity_id` and `score` (float8,
 * so that a cursor's number reads back as the very same score); a 400 on `/q` without words.
 * Ranked as /v1/search ranks (rank.ts): by ts_rank_cd, or by where the query matched when more
 * than DOCUMENTS_MADE_AT_MOST of the newest RANKED_AT_MOST match; a phrase looked for among the
 * newest DOCUMENTS_MADE_AT_MOST of the items holding its words.
 */
export function rankedMatchesPostgres(kind: SearchKind, q: string): SQL {
  const terms = queryTerms(q);
  if (terms.length === 0) throw problems.invalidField('query', '/q', NO_WORDS);
  const phrases = terms.some((term) => term.words.length > 1);
  return sql`(with query as (select ${searchQuery(terms)} as q),
    candidates as materialized (
      select c.id, c.entity_id, c.name, c.body from search_docs c
      where c.kind = ${kind} and search_document(c.name, c.body) @@ ${searchQuery(withoutPhrases(terms))}
      order by c.id desc limit ${RANKED_AT_MOST}
    ),
    newest as (
      select * from candidates where not ${phrases}::boolean
      union all
      select phrased.* from (
        select * from candidates order by id desc limit ${DOCUMENTS_MADE_AT_MOST}
      ) phrased, query
      where ${phrases}::boolean and search_document(phrased.name, phrased.body) @@ query.q
    ),
    many as (select count(*) > ${DOCUMENTS_MADE_AT_MOST}::int as by_place from newest)
    select ranked.entity_id, (-(${sql.raw(RANK)}))::float8 as score
    from newest ranked, query, many) as ranked`;
}
