/**
 * /v1/search: a page of the best matches of every kind (or one), each with its title and a
 * snippet of where it matched. The ranking is search/ranking.ts's; this adds the cursor and the
 * reading of one page's hits.
 */
import type { z } from 'zod';
import type { Db } from '../../db/database.js';
import type { SearchKind } from '../../db/tables/search.js';
import { queryTerms } from '../match-expression.js';
import { bestMatches, planSearch } from '../ranking.js';
import { escapeHtml, matchCount, snippetOf } from '../snippet.js';
import { searchCursor } from './cursor.js';
import type { SearchHit } from './schemas.js';

type Hit = z.infer<typeof SearchHit>;

export function createSearchRepository(db: Db) {
  const sqlite = db.$client;
  // Rank first, inside the FTS query, and only then look up titles and snippets for one page.
  const describe = sqlite.prepare<[number]>(
    'select kind, entity_id as id, title, name, body from search_docs where id = ?',
  );

  return {
    search(query: { q: string; kind?: SearchKind; limit: number; cursor?: string }) {
      const plan = planSearch(db, query.q, query.kind);
      const { after, next } = searchCursor(query);
      const ranked = bestMatches(
        db,
        plan,
        after ? { score: after.score, rowid: BigInt(after.id) } : null,
        query.limit + 1,
      );
      const page = ranked.slice(0, query.limit);
      const words = queryTerms(query.q);
      const data: Hit[] = page.map(({ rowid, score }) => {
        const doc = describe.get(rowid) as Omit<Hit, 'score' | 'snippet'> & {
          name: string;
          body: string;
        };
        return {
          kind: doc.kind,
          id: doc.id,
          title: doc.title,
          // From the field with more matching words, as FTS5's own snippet() would choose.
          snippet:
            (matchCount(doc.name, words) > matchCount(doc.body, words)
              ? snippetOf(doc.name, words)
              : snippetOf(doc.body, words)) ?? escapeHtml(doc.title),
          score: Math.round(-score * 1e4) / 1e4,
        };
      });
      const last = page[page.length - 1];
      const next_cursor =
        ranked.length > query.limit && last
          ? next({ score: last.score, id: String(last.rowid) })
          : null;
      return { data, next_cursor };
    },
  };
}
