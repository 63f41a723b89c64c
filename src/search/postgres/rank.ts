/**
 * How a match is ranked on PostgreSQL, by /v1/search (endpoint/repository.pg.ts) and by the
 * lists' `q` (ranked.ts) alike. ts_rank_cd reads the match's document, and the index holds no
 * documents (search-index.sql: an expression index), so each ranked match costs its document
 * made again from its text (unaccent, the parser). So, as SQLite ranks by bm25 only the
 * queries whose words are rare enough (ranking.ts), ts_rank_cd ranks at most TS_RANKED_AT_MOST
 * matches; a query with more (of the newest RANKED_AT_MOST) ranks them by where it matched, in
 * a name (IN_NAME) before in the text (IN_TEXT), older first in each (the order's tie-break),
 * which reads only the names, as short as a title.
 */

/** The most matches that ts_rank_cd ranks in one query. */
export const TS_RANKED_AT_MOST = 1000;

/** The scores of a ranking by where a query matched (higher is better, as ts_rank_cd's). */
export const IN_NAME = 10;
export const IN_TEXT = 1;

/**
 * The rank of a match `ranked` (a search_docs row's name and body) for the query `query.q`, by
 * where it matched when `many.by_place` (more than TS_RANKED_AT_MOST matches), else by
 * ts_rank_cd: names weigh ten times the text (the weights are for D, C, B, A); normalization 2
 * divides by the document's length, as bm25 weighs a match in a short text above one in a long.
 */
export const RANK = `case when many.by_place
    then case when search_document(ranked.name, null) @@ query.q then ${IN_NAME} else ${IN_TEXT} end
    else ts_rank_cd('{0, 0, 0.1, 1}'::real[], search_document(ranked.name, ranked.body), query.q, 2)
  end`;
