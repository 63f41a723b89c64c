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
