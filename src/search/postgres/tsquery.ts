/**
 * A query's terms (match-expression.ts reads them, as for SQLite) as a PostgreSQL tsquery. The
 * user's text never reaches to_tsquery: each term is a pair of parameters given to
 * search_term(words, prefix) (src/db/sql/postgres/search-index.sql), which reads its words with
 * phraseto_tsquery, a parser with no operators, and the terms are ANDed here. The SQL text is
 * made of placeholders only, so no input can change it.
 */
import type { QueryTerm } from '../match-expression.js';

export interface SqlPart {
  text: string;
  values: unknown[];
}

/**
 * `search_term($n, $n+1) && ...`, its placeholders numbered from `first`. A word of two letters or
 * more matches as a prefix (`:*`), a phrase its words in order (`<->`), as on SQLite.
 */
export function tsqueryOf(terms: QueryTerm[], first: number): SqlPart {
  const values: unknown[] = [];
  const parts = terms.map((term) => {
    values.push(term.words.join(' '), term.prefix);
    const at = first + values.length - 2;
    return `search_term($${at}::text, $${at + 1}::boolean)`;
  });
  return { text: `(${parts.join(' && ')})`, values };
}

/**
 * The terms with each phrase read as its words, in any order and place (`"a b"` as `a b`), or
 * null when there is no phrase. The GIN index answers these exactly, while a phrase is checked
 * by reading each candidate's document again: so a phrase is looked for among the newest items
 * holding all its words, as SQLite does (ranking.ts), and its cost stays bounded however common
 * the words.
 */
export function withoutPhrases(terms: QueryTerm[]): QueryTerm[] | null {
  if (!terms.some((term) => term.words.length > 1)) return null;
  return terms.flatMap((term) =>
    term.words.length > 1 ? term.words.map((word) => ({ words: [word], prefix: false })) : [term],
  );
}
