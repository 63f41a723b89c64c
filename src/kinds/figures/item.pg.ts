/** A figure's item on PostgreSQL: repository.ts's `get`, the same row shaped by toSummary. */
import { postgresRead } from '../../http/reads/postgres-read.js';
import type { ItemParams } from '../../http/reads/task.js';
import { type PgClient, rowOf } from '../../query/embedded.pg.js';
import { basisOfPostgres } from '../../records/basis.pg.js';
import { citationsOfPostgres } from '../sources/citations.pg.js';
import { figuresReads } from './reads.js';
import { toSummary } from './repository.js';
import type { FigureDetail } from './schemas.js';

// double precision and boolean columns: pg reads them as numbers and booleans, as drizzle reads
// SQLite's real and integer-as-boolean columns.
const ROW = `select f.id, f.subject_id as "subjectId", o.name as "subjectName",
    f.event_id as "eventId", e.title as "eventTitle", f.measure, f.value, f.qualifier,
    f.as_stated as "asStated", f.unit, f.lower_bound as "lowerBound",
    f.lower_inclusive as "lowerInclusive", f.upper_bound as "upperBound",
    f.upper_inclusive as "upperInclusive", f.note
  from figures f
  join organizations o on o.id = f.subject_id
  left join events e on e.id = f.event_id
  where f.id = $1`;

export async function figureItemPostgres(
  client: PgClient,
  id: string,
): Promise<FigureDetail | null> {
  const row = await rowOf<Parameters<typeof toSummary>[0]>(client, ROW, [id]);
  if (!row) return null;
  return {
    ...toSummary(row),
    citations: (await citationsOfPostgres(client, 'figure', [id])).get(id) ?? [],
    basis: await basisOfPostgres(client, 'figure', id),
  };
}

export const figuresItemReadsPostgres = [
  postgresRead(figuresReads.get, (client, { id }: ItemParams) => figureItemPostgres(client, id)),
];
