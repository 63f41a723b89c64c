/**
 * Ranked full-text search (FTS5, bm25) over every kind, and the ranked matches of one kind that
 * the lists' `q` joins. Names and aliases weigh ten times the body text.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { type SearchKind, searchDocs } from '../db/schema/index.js';
import { problems } from '../http/errors.js';
import { cursorScope, decodeCursor, encodeCursor } from '../resources/pagination.js';
import { searchFts } from './fts-table.js';
import { toMatchExpression } from './match-expression.js';

/** bm25 column weights, in the FTS table's column order: name, body, kind. */
const BM25 = 'bm25(search_fts, 10.0, 1.0, 0.0)';
/** Snippet markers that cannot occur in text, swapped for <mark> once the text is escaped. */
const OPEN = '\u0002';
const CLOSE = '\u0003';

export interface SearchHit {
  kind: SearchKind;
  id: string;
  title: string;
  snippet: string;
  score: number;
}

/** The user's words, searched in names and bodies only (never in the `kind` column). */
function userMatch(q: string): string {
  const expression = toMatchExpression(q);
  if (expression === null) {
    throw problems.invalidField('query', '/q', 'no words to search for: type letters or digits');
  }
  return `{name body} : (${expression})`;
}

function matchOfKind(q: string, kind: SearchKind | undefined): string {
  const words = userMatch(q);
  return kind ? `kind : "${kind}" AND ${words}` : words;
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The snippet as safe HTML: the source's text escaped, the matched words in <mark>. */
function toHtml(snippet: string): string {
  return escapeHtml(snippet).replaceAll(OPEN, '<mark>').replaceAll(CLOSE, '</mark>');
}

export function createSearchRepository(db: Db) {
  const sqlite = db.$client;
  // Rank first, inside the FTS query, and only then look up titles and snippets for one page.
  const rankPage = sqlite.prepare<
    [{ match: string; afterScore: number | null; afterRow: bigint | null; limit: number }]
  >(
    `select rowid, score from (
       select rowid, ${BM25} as score from search_fts where search_fts match @match
     ) where @afterRow is null or (score, rowid) > (@afterScore, @afterRow)
     order by score, rowid limit @limit`,
  );
  const describe = sqlite.prepare<[string, bigint]>(
    `select d.kind, d.entity_id as id, d.title,
            snippet(search_fts, -1, '${OPEN}', '${CLOSE}', '…', 16) as snippet
     from search_fts join search_docs d on d.id = search_fts.rowid
     where search_fts match ? and search_fts.rowid = ?`,
  );

  return {
    search(query: { q: string; kind?: SearchKind; limit: number; cursor?: string }) {
      const match = matchOfKind(query.q, query.kind);
      const sortName = cursorScope(`search:${query.kind ?? 'all'}`, 'rank', query.q);
      const after = query.cursor ? decodeCursor(query.cursor, sortName).key : null;
      if (after && (typeof after[0] !== 'number' || !/^\d{1,15}$/.test(after[1]))) {
        throw problems.invalidField('query', '/cursor', 'not a cursor this API issued');
      }
      const afterScore = after ? (after[0] as number) : null;
      const afterRow = after ? BigInt(after[1]) : null;
      const ranked = rankPage.all({ match, afterScore, afterRow, limit: query.limit + 1 }) as {
        rowid: number;
        score: number;
      }[];
      const page = ranked.slice(0, query.limit);
      const snippetMatch = userMatch(query.q);
      const data: SearchHit[] = page.map(({ rowid, score }) => {
        // A rowid bound as a JS number (a double) makes FTS5 ignore `rowid = ?` (SQLite 3.53):
        // bind it as a BigInt, an integer.
        const doc = describe.get(snippetMatch, BigInt(rowid)) as Omit<SearchHit, 'score'>;
        return { ...doc, snippet: toHtml(doc.snippet), score: Math.round(-score * 1e4) / 1e4 };
      });
      const last = page[page.length - 1];
      const next_cursor =
        ranked.length > query.limit && last
          ? encodeCursor({ sort: sortName, key: [last.score, String(last.rowid)] })
          : null;
      return { data, next_cursor };
    },
  };
}

/**
 * The items of one kind matching `q`, with their bm25 score (lower is better), as a subquery a
 * list joins on its id: `q` on every list uses the same index and ranking as /v1/search.
 */
export function rankedMatches(db: Db, kind: SearchKind, q: string) {
  return db
    .select({
      entityId: searchDocs.entityId,
      score: sql<number>`${sql.raw(BM25)}`.as('score'),
    })
    .from(searchFts)
    .innerJoin(searchDocs, eq(searchDocs.rowid, searchFts.rowid))
    .where(sql`search_fts match ${matchOfKind(q, kind)}`)
    .as('ranked');
}
