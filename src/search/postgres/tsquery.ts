/**
 * A query's terms (match-expression.ts reads them, as for SQLite) as the parameters of
 * search_query(words, prefixes) (src/db/sql/postgres/search-index.sql), which makes the tsquery.
 * The user's text never reaches to_tsquery: each term is read by search_term with
 * phraseto_tsquery, a parser with no operators, and the SQL text is the same for every query.
 */
import type { QueryTerm } from '../match-expression.js';

/** search_query's two arrays: each term's words (a phrase's joined by a space), its prefix flag. */
export function queryParameters(terms: QueryTerm[]): [string[], boolean[]] {
  return [terms.map((term) => term.words.join(' ')), terms.map((term) => term.prefix)];
}

/**
 * The terms with each phrase read as its words, in any order and place (`"a b"` as `a b`). The
 * GIN index answers these exactly, while a phrase is checked by reading each candidate's
 * document again: so a phrase is looked for among the newest items holding all its words, as
 * SQLite does (ranking.ts), and its cost stays bounded however common the words.
 */
export function withoutPhrases(terms: QueryTerm[]): QueryTerm[] {
  return terms.flatMap((term) =>
    term.words.length > 1 ? term.words.map((word) => ({ words: [word], prefix: false })) : [term],
  );
}
