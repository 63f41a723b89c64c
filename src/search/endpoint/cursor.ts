/**
 * A search page's cursor, the same on both backends: the last hit's score and its document's id,
 * scoped to the query and kind, so a cursor from another search is refused.
 */
import type { SearchKind } from '../../db/tables/search.js';
import { problems } from '../../http/errors.js';
import { cursorScope, decodeCursor, encodeCursor } from '../../query/list/cursor.js';

export interface SearchPosition {
  score: number;
  /** The search document's id, as decimal text (a bigint on PostgreSQL). */
  id: string;
}

export function searchCursor(query: { q: string; kind?: SearchKind; cursor?: string }) {
  const scope = cursorScope(`search:${query.kind ?? 'all'}`, 'rank', query.q);
  const decoded = query.cursor
    ? decodeCursor(query.cursor, scope, [['string', 'number'], 'string'])
    : null;
  if (decoded && (typeof decoded[0] !== 'number' || !/^\d{1,15}$/.test(decoded[1]))) {
    throw problems.invalidField('query', '/cursor', 'not a cursor this API issued');
  }
  return {
    /** Where the page starts: after this hit, or from the first. */
    after: decoded ? ({ score: decoded[0] as number, id: decoded[1] } as SearchPosition) : null,
    /** The cursor of the page after the one ending at `last`. */
    next: (last: SearchPosition) => encodeCursor(scope, [last.score, last.id]),
  };
}
