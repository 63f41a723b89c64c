/**
 * Ranking full-text matches (FTS5, bm25): the best matches of every kind that /v1/search serves
 * (search/endpoint/), and the ranked matches of one kind that the lists' `q` joins. Names and
 * aliases weigh ten times the body text.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { perConnection } from '../db/prepared.js';
import { type SearchKind, searchDocs } from '../db/tables/search.js';
import { problems } from '../http/errors.js';
import { NO_WORDS, queryTerms, toMatchExpression } from './match-expression.js';

/** bm25 column weights, in the FTS table's column order: name, body, kind. */
const BM25 = 'bm25(search_fts, 10.0, 1.0, 0.0)';

/** The longest prefix search_fts indexes (`prefix = '2 3 4'` in migrations/0002). */
const PREFIX_INDEXED_UP_TO = 4;

/**
 * Whether a word is searched as itself rather than as a prefix. FTS5 reads a prefix longer than
 * its prefix index by gathering every matching word's whole match list first, which costs in
 * proportion to how common the word is, however few matches are ranked. A word found whole in
 * more items than are ranked (RANKED_AT_MOST) is a word a person meant whole, and its
 * extensions would only add candidates to a ranking already cut to the newest matches.
 */
function searchedWhole(db: Db, word: string): boolean {
  if (word.length <= PREFIX_INDEXED_UP_TO) return false;
  return countUpTo(db, `"${word}"`, RANKED_AT_MOST) >= RANKED_AT_MOST;
}

const countStatements = perConnection((db) =>
  db.$client
    .prepare('select count(*) from (select 1 from search_fts where search_fts match ? limit ?)')
    .pluck(),
);

/** How many items match `match`, counting no further than `max` (FTS5 stops there). */
function countUpTo(db: Db, match: string, max: number): number {
  return countStatements(db).get(`{name body} : ${match}`, max) as number;
}

/**
 * What a query searches for, in which kind, and how its matches are ranked. bm25 weighs each
 * term by how many items hold it, and FTS5 counts them by reading the term's whole match list,
 * once per query, however few matches are ranked: about 150 ms for a word in most of a million
 * items. So bm25 ranks only queries whose every word is in fewer than RANKED_AT_MOST items. A
 * query with a commoner word ranks its newest RANKED_AT_MOST matches by where it matched: in a
 * name first (as bm25's weights would have it), then in the text; the older first in each.
 */
export interface SearchPlan {
  /** The MATCH expression over names and text, with the kind when one is asked for. */
  match: string;
  /** The same words in names only. */
  inNames: string;
  byBm25: boolean;
}

export function planSearch(db: Db, q: string, kind: SearchKind | undefined): SearchPlan {
  const whole = new Set<string>();
  const expression = toMatchExpression(q, (word) => {
    const searched = searchedWhole(db, word);
    if (searched) whole.add(word);
    return searched;
  });
  if (expression === null) {
    throw problems.invalidField('query', '/q', NO_WORDS);
  }
  const common = queryTerms(q).some(({ words, prefix }) =>
    words.some(
      (word) =>
        whole.has(word) ||
        countUpTo(db, prefix ? `"${word}"*` : `"${word}"`, RANKED_AT_MOST) >= RANKED_AT_MOST,
    ),
  );
  // The user's words are searched in names and bodies only, never in the `kind` column.
  const ofKind = (columns: string) =>
    `${kind ? `kind : "${kind}" AND ` : ''}${columns} : (${expression})`;
  return { match: ofKind('{name body}'), inNames: ofKind('{name}'), byBm25: !common };
}

/** The scores of a ranking by where a query matched: in a name, in the text (lower is better). */
const IN_NAME = -10;
const IN_TEXT = -1;

/**
 * Ranking (bm25) costs time in proportion to the number of matches: a word in every other item
 * would cost more with every item added. So at most this many matches are ranked: when more
 * match, the most recently indexed this many (the highest rowids). FTS5 reads matches newest
 * first and stops there, ranking each as it goes, in one pass over the match list: the cost of
 * any query is bounded, whatever the size of the knowledge base. Rarer words (nearly all
 * queries) are ranked among all their matches.
 */
export const RANKED_AT_MOST = 5000;

const cutoffStatements = perConnection((db) =>
  db.$client
    .prepare(
      'select rowid from search_fts where search_fts match ? order by rowid desc limit 1 offset ?',
    )
    .pluck()
    .safeIntegers(true),
);

/** A MATCH expression with each phrase `"a b"` read as its words, `"a" "b"`. */
function withoutPhrases(match: string): string {
  // Quoted strings are read in turn from the start, so that each match is one term.
  return match.replace(/"([^"]*)"/g, (_, term: string) =>
    term
      .split(' ')
      .map((word) => `"${word}"`)
      .join(' '),
  );
}

/** The lowest rowid among the newest RANKED_AT_MOST matches, or 0 when fewer match. */
function candidateCutoff(db: Db, match: string): bigint {
  return (cutoffStatements(db).get(match, RANKED_AT_MOST - 1) as bigint | undefined) ?? 0n;
}

/**
 * The newest RANKED_AT_MOST matches of a plan with their score (lower is better), as SQL to
 * select `rowid` and `score` from. Ranked by where they matched, the name matches are read from
 * the newest matches' cutoff on only, so that their number stays bounded too.
 */
function newestMatches(db: Db, plan: SearchPlan): SQL {
  if (plan.byBm25) {
    return sql`(select rowid, ${sql.raw(BM25)} as score from search_fts
      where search_fts match ${plan.match} order by rowid desc limit ${RANKED_AT_MOST})`;
  }
  // A phrase of common words may be rare: finding its newest matches would check the positions
  // of every item holding the words. The candidates are the newest items holding all the words
  // (no positions read), and the phrase is matched among those.
  const cutoff = candidateCutoff(db, withoutPhrases(plan.match));
  return sql`(select rowid, case when rowid in (
        select rowid from search_fts where search_fts match ${plan.inNames} and rowid >= ${cutoff}
      ) then ${IN_NAME} else ${IN_TEXT} end as score
    from search_fts where search_fts match ${plan.match} and rowid >= ${cutoff}
    order by rowid desc limit ${RANKED_AT_MOST})`;
}

/**
 * The `count` best matches of a plan after the match `after` (its score and rowid), best first:
 * what /v1/search serves a page of.
 */
export function bestMatches(
  db: Db,
  plan: SearchPlan,
  after: { score: number; rowid: bigint } | null,
  count: number,
): { rowid: number; score: number }[] {
  const afterScore = after ? after.score : null;
  const afterRow = after ? after.rowid : null;
  return db.all<{ rowid: number; score: number }>(
    sql`select rowid, score from ${newestMatches(db, plan)}
      where ${afterRow} is null or (score, rowid) > (${afterScore}, ${afterRow})
      order by score, rowid limit ${count}`,
  );
}

/**
 * The items of one kind matching `q`, with their bm25 score (lower is better), as a subquery a
 * list joins on its id: `q` on every list uses the same index and ranking as /v1/search.
 */
export function rankedMatches(db: Db, kind: SearchKind, q: string) {
  const newest = newestMatches(db, planSearch(db, q, kind));
  return db
    .select({
      entityId: searchDocs.entityId,
      score: sql<number>`newest.score`.as('score'),
    })
    .from(sql`${newest} as newest`)
    .innerJoin(searchDocs, sql`${searchDocs.rowid} = newest.rowid`)
    .as('ranked');
}
