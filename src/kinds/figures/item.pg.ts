/**
 * A figure's item on PostgreSQL: repository.ts's `get`, the same row shaped by toSummary, read in
 * one statement (embedded.pg.ts itemStatement).
 */
import { postgresRead } from '../../http/reads/postgres-read.js';
import type { ItemParams } from '../../http/reads/task.js';
import { itemStatement, type PgClient, readItem } from '../../query/embedded.pg.js';
import type { BasisRow } from '../../records/basis.js';
import { basisFrom, basisPart } from '../../records/basis.pg.js';
import { factCitationsOf, factCitationsPart } from '../sources/citations.pg.js';
import { figuresReads } from './reads.js';
import { toSummary } from './repository.js';
import type { FigureDetail } from './schemas.js';

// double precision and boolean columns: row_to_json writes them as JSON numbers (in float8's own
// shortest exact text, which pg parsed before) and booleans, as drizzle reads SQLite's real and
// integer-as-boolean columns.
const ROW = `select f.id, f.subject_id as "subjectId", o.name as "subjectName",
    f.event_id as "eventId", e.title as "eventTitle", f.measure, f.value, f.qualifier,
    f.as_stated as "asStated", f.unit, f.lower_bound as "lowerBound",
    f.lower_inclusive as "lowerInclusive", f.upper_bound as "upperBound",
    f.upper_inclusive as "upperInclusive", f.note
  from figures f
  join organizations o on o.id = f.subject_id
  left join events e on e.id = f.event_id
  where f.id = $1`;

/** The item's statement: its row, and every citation and the basis of the figure $1. */
const FIGURE_ITEM = itemStatement(ROW, {
  cited: factCitationsPart('figure', '$1'),
  basis: basisPart('figure'),
});

interface Read {
  row: Parameters<typeof toSummary>[0];
  cited: Parameters<typeof factCitationsOf>[0];
  basis: BasisRow[];
}

export async function figureItemPostgres(
  client: PgClient,
  id: string,
): Promise<FigureDetail | null> {
  const read = await readItem<Read>(client, 'figures.item', FIGURE_ITEM, [id]);
  if (!read) return null;
  return {
    ...toSummary(read.row),
    citations: factCitationsOf(read.cited, Number.POSITIVE_INFINITY).get(id) ?? [],
    basis: basisFrom(read.basis),
  };
}

export const figuresItemReadsPostgres = [
  postgresRead(figuresReads.get, (client, { id }: ItemParams) => figureItemPostgres(client, id)),
];
