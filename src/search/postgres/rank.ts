/**
 * How matches are ranked on PostgreSQL, by /v1/search (endpoint/repository.pg.ts) and by the
 * lists' `q` (ranked.ts) alike. ts_rank_cd reads a match's document, and so does a phrase's
 * check, and the index holds no documents (search-index.sql: an expression index): each is made
 * again from the text, by unaccent and the parser. On the bench's 100k events (the newest 2,000
 * documents, 307 characters of text on average; the machine busy, load average about 8) a
 * document cost 0.15 ms to make, a name alone 0.027 ms: ranking the newest RANKED_AT_MOST
 * matches of a common word by ts_rank_cd cost 0.75 s, and checking a phrase among them as much.
 *
 * So, as SQLite ranks by bm25 only the queries whose words are rare enough (ranking.ts), a query
 * makes at most DOCUMENTS_MADE_AT_MOST documents: ts_rank_cd ranks a query with at most that many
 * matches; one with more (of its newest RANKED_AT_MOST) is ranked by where it matched, in a name
 * (IN_NAME) before in the text (IN_TEXT), older first in each (the order's tie-break), which
 * makes only the names; and a phrase is looked for among the newest DOCUMENTS_MADE_AT_MOST items
 * holding its words.
 *
 * Measured with scratch timers on the same data (the bench's search queries, 20 of each kind,
 * 140, one at a time on one connection, in the read's transaction; the machine busy, load
 * average about 10; before / after): p50 35.5 / 20.2 ms, p99 1,664 / 829 ms, max 2,785 / 923 ms;
 * by kind, p50 of prefixes 833 / 195 ms, common words 866 / 177 ms, phrases 21.6 / 15.6 ms (p99
 * 1,266 / 671 ms), rare words 13.9 / 14.7 ms. What remains unbounded is finding the candidates:
 * the GIN index gives every match, and each is read from the table to keep the newest
 * RANKED_AT_MOST (`wo`: 55,014 matches, 160 ms of its 268 ms).
 */

/** The most documents one query makes again, to rank its matches or to check its phrases. */
export const DOCUMENTS_MADE_AT_MOST = 250;

/** The scores of a ranking by where a query matched (higher is better, as ts_rank_cd's). */
export const IN_NAME = 10;
export const IN_TEXT = 1;

/**
 * The rank of a match `ranked` (a search_docs row's name and body) for the query `query.q`, by
 * where it matched when `many.by_place` (more than DOCUMENTS_MADE_AT_MOST matches), else by
 * ts_rank_cd: names weigh ten times the text (the weights are for D, C, B, A); normalization 2
 * divides by the document's length, as bm25 weighs a match in a short text above one in a long.
 */
export const RANK = `case when many.by_place
    then case when search_document(ranked.name, null) @@ query.q then ${IN_NAME} else ${IN_TEXT} end
    else ts_rank_cd('{0, 0, 0.1, 1}'::real[], search_document(ranked.name, ranked.body), query.q, 2)
  end`;
