/**
 * A source's item on PostgreSQL: repository.ts's `get`, the same rows in the same orders (the
 * sources it cites and those citing it by id, its annotations in the order of its text), shaped
 * by the same functions.
 */
import { postgresRead } from '../../http/reads/postgres-read.js';
import type { ItemParams } from '../../http/reads/task.js';
import { cappedList, countOf, type PgClient, rowOf } from '../../query/embedded.pg.js';
import { basisOfPostgres } from '../../records/basis.pg.js';
import { itemCitationsPostgres } from './citations.pg.js';
import { sourcesReads } from './reads.js';
import { toSummary } from './repository.js';
import { ANNOTATIONS_MAX, type Annotation, type SourceDetail } from './schemas.js';

// `has_text` as SQLite gives it (1 or 0), which toSummary reads.
const ROW = `select s.id, s.title, s.publisher, s.published, s.url,
    (s.text is not null)::int as "hasText", s.issued_by_id as "issuedById",
    (select o.name from organizations o where o.id = s.issued_by_id) as "issuedByName", s.text
  from sources s where s.id = $1`;

type Row = Parameters<typeof toSummary>[0] & { text: string | null };
type Linked = { id: string; name: string };

/** The sources on the `to` side of the links whose `from` side is the source, by their id. */
const linked = (from: string, to: string, id: string) => ({
  select: `select s.id, s.title as name from source_cites l join sources s on s.id = l.${to}
    where l.${from} = $1 order by l.${to}`,
  count: `select count(*) as n from source_cites where ${from} = $1`,
  values: [id],
});

export async function sourceItemPostgres(
  client: PgClient,
  id: string,
): Promise<SourceDetail | null> {
  const row = await rowOf<Row>(client, ROW, [id]);
  if (!row) return null;
  const [cites, citesExtent] = await cappedList<Linked>(
    client,
    linked('source_id', 'cited_source_id', id),
    null,
  );
  const [citedBy, citedByExtent] = await cappedList<Linked>(
    client,
    linked('cited_source_id', 'source_id', id),
    null,
  );
  const claimCount = await countOf(
    client,
    'select count(*) as n from citations where source_id = $1',
    [id],
  );
  const reported = await countOf(
    client,
    `select count(*) as n from citation_steps where step_kind = 'source' and step_id = $1`,
    [id],
  );
  const [annotations, annotationsExtent] = await cappedList<Annotation>(
    client,
    {
      select: `select start_offset as start, end_offset as "end", subject_kind as kind,
          subject_id as id
        from citations where source_id = $1 and start_offset is not null
        order by start_offset, subject_kind, subject_id, ordinal`,
      count:
        'select count(*) as n from citations where source_id = $1 and start_offset is not null',
      values: [id],
    },
    `/v1/sources/${id}/claims?as=stated`,
    ANNOTATIONS_MAX,
  );
  const [citations, citationsExtent] = await itemCitationsPostgres(client, 'source', id);
  return {
    ...toSummary(row),
    text: row.text,
    cites,
    cited_by: citedBy,
    claim_count: claimCount,
    reported_claim_count: reported,
    annotations,
    citations,
    basis: await basisOfPostgres(client, 'source', id),
    lists: {
      cites: citesExtent,
      cited_by: citedByExtent,
      citations: citationsExtent,
      annotations: annotationsExtent,
    },
  };
}

export const sourcesItemReadsPostgres = [
  postgresRead(sourcesReads.get, (client, { id }: ItemParams) => sourceItemPostgres(client, id)),
];
