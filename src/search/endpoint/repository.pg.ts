/**
 * /v1/search on PostgreSQL: the same answer as repository.ts, beside it, gives on SQLite (the
 * same terms, kinds filter, cursor and hit shape), from PostgreSQL's own full-text machinery
 * (src/db/sql/postgres/search-index.sql): the GIN index finds the matches, ts_rank_cd ranks them
 * (names weigh ten times the text, as bm25's weights on SQLite) when they are few enough,
 * ts_headline cuts the snippets.
 * The PostgreSQL read path calls it with its pool.
 *
 * Where it differs from SQLite (test/postgres/search-compare.test.ts shows it on the seed):
 * - the scores are ts_rank_cd's divided by the document's length (normalization 2, as bm25
 *   weighs a match in a short document above one in a long one), not bm25's: other numbers,
 *   and neighbours of close scores may swap (on the seed, 6 of 30 queries; the best hit is the
 *   same for all). Ties are broken alike, by the document's id;
 * - at most RANKED_AT_MOST matches are ranked, the newest, as on SQLite; and as SQLite ranks a
 *   query with a common word by where it matched (names first) rather than by bm25, so does
 *   PostgreSQL a query with more than DOCUMENTS_MADE_AT_MOST matches rather than by ts_rank_cd
 *   (postgres/rank.ts says why): the two bounds differ, each set by its own engine's costs.
 *   SQLite's reading of a common word as whole rather than as a prefix answers a cost of FTS5's
 *   only;
 * - a phrase is looked for among the newest DOCUMENTS_MADE_AT_MOST items holding its words, not
 *   the newest RANKED_AT_MOST as on SQLite (which reads a phrase's positions from its index):
 *   a phrase of common words that is itself rare may be found on SQLite and not here;
 * - a phrase may run from the end of the names into the start of the text (one tsvector);
 * - unaccent folds more than FTS5's remove_diacritics (ł, ё, ı, 𝐊): some words find more;
 * - snippets (postgres/snippet.ts): ts_headline takes the passage that covers the most
 *   matches, not the one around the first, and counts its sixteen words by its own parser
 *   (`People's` is three), so a passage may start or end a word or two apart from SQLite's.
 */
import type pg from 'pg';
import type { z } from 'zod';
import type { SearchKind } from '../../db/tables/search.js';
import { problems } from '../../http/errors.js';
import { NO_WORDS, queryTerms } from '../match-expression.js';
import { DOCUMENTS_MADE_AT_MOST, RANK } from '../postgres/rank.js';
import {
  HEADLINE_OPTIONS,
  LESS_THAN,
  START,
  STOP,
  snippetFromHeadline,
} from '../postgres/snippet.js';
import { queryParameters, withoutPhrases } from '../postgres/tsquery.js';
import { RANKED_AT_MOST } from '../ranking.js';
import { escapeHtml, matchCount } from '../snippet.js';
import { searchCursor } from './cursor.js';
import type { SearchHit } from './schemas.js';

type Hit = z.infer<typeof SearchHit>;
export type Queryable = pg.Pool | pg.PoolClient | pg.Client;

interface Row {
  rowid: string;
  kind: Hit['kind'];
  id: string;
  title: string;
  name: string;
  body: string;
  rank: number;
  name_headline: string;
  body_headline: string;
}

/**
 * The newest RANKED_AT_MOST ($6) matches ranked, one page of them after the cursor's (rank, id),
 * and the headlines of that page only. The candidates are found by the query without its
 * phrases ($9, $10; withoutPhrases); when it has one ($11), the phrase is matched among the
 * newest DOCUMENTS_MADE_AT_MOST ($14) of them, as each check makes a document again. When more
 * than DOCUMENTS_MADE_AT_MOST are left, they are ranked by where the query matched, else by
 * ts_rank_cd (postgres/rank.ts). In the text given to ts_headline the markers are taken out and
 * `<` is written as LESS_THAN ($12, $13): ts_headline would drop what its parser reads as an
 * HTML tag (`<b>`), and the snippet is escaped in snippet.ts anyway.
 */
const SEARCH = `with query as (
  select search_query($7::text[], $8::boolean[]) as q, search_query($9::text[], $10::boolean[]) as loose
),
candidates as materialized (
  select d.id, d.kind, d.entity_id, d.title, d.name, d.body from search_docs d, query
  where search_document(d.name, d.body) @@ query.loose and ($1::text is null or d.kind = $1::text)
  order by d.id desc limit $6
),
newest as (
  select * from candidates where not $11::boolean
  union all
  select phrased.* from (select * from candidates order by id desc limit $14) phrased, query
  where $11::boolean and search_document(phrased.name, phrased.body) @@ query.q
),
many as (
  select count(*) > $14::int as by_place from newest
),
page as (
  select ranked.*, ${RANK} as rank from newest ranked, query, many
),
chosen as (
  select * from page
  where $2::real is null or rank < $2::real or (rank = $2::real and id > $3::bigint)
  order by rank desc, id limit $4
)
select chosen.id::text as rowid, kind, entity_id as id, title, name, body, rank,
  ts_headline('search_headline', translate(name, $12, $13), query.q, $5) as name_headline,
  ts_headline('search_headline', translate(body, $12, $13), query.q, $5) as body_headline
from chosen, query
order by rank desc, chosen.id`;

export async function searchPostgres(
  db: Queryable,
  query: { q: string; kind?: SearchKind; limit: number; cursor?: string },
): Promise<{ data: Hit[]; next_cursor: string | null }> {
  const terms = queryTerms(query.q);
  if (terms.length === 0) throw problems.invalidField('query', '/q', NO_WORDS);
  const { after, next } = searchCursor(query);
  const { rows } = await db.query<Row>(SEARCH, [
    query.kind ?? null,
    after ? after.score : null,
    after ? after.id : null,
    query.limit + 1,
    HEADLINE_OPTIONS,
    RANKED_AT_MOST,
    ...queryParameters(terms),
    ...queryParameters(withoutPhrases(terms)),
    terms.some((term) => term.words.length > 1),
    `<${START}${STOP}${LESS_THAN}`,
    LESS_THAN,
    DOCUMENTS_MADE_AT_MOST,
  ]);
  const page = rows.slice(0, query.limit);
  const data: Hit[] = page.map((row) => {
    const name = snippetFromHeadline(row.name, row.name_headline, terms);
    const body = snippetFromHeadline(row.body, row.body_headline, terms);
    // From the field with more matching words, as on SQLite.
    const fromName = matchCount(row.name, terms) > matchCount(row.body, terms);
    return {
      kind: row.kind,
      id: row.id,
      title: row.title,
      snippet: (fromName ? (name ?? body) : (body ?? name)) ?? escapeHtml(row.title),
      score: Math.round(row.rank * 1e4) / 1e4,
    };
  });
  const last = page[page.length - 1];
  const next_cursor =
    rows.length > query.limit && last ? next({ score: last.rank, id: last.rowid }) : null;
  return { data, next_cursor };
}
