/**
 * A source's item on PostgreSQL: repository.ts's `get`, the same rows in the same orders (the
 * sources it cites and those citing it by id, its annotations in the order of its text), read in
 * one statement (embedded.pg.ts itemStatement) and shaped by the same functions.
 */
import { postgresRead } from '../../http/reads/postgres-read.js';
import type { ItemParams } from '../../http/reads/task.js';
import {
  type CappedRows,
  cappedOf,
  cappedPart,
  itemStatement,
  type PgClient,
  readItem,
} from '../../query/embedded.pg.js';
import type { BasisRow } from '../../records/basis.js';
import { basisFrom, basisPart } from '../../records/basis.pg.js';
import { itemCitationsOf, itemCitationsPart } from './citations.pg.js';
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
const linked = (from: string, to: string) =>
  cappedPart({
    select: `select s.id, s.title as name from source_cites l join sources s on s.id = l.${to}
      where l.${from} = $1 order by l.${to}`,
    count: `select count(*) from source_cites where ${from} = $1`,
  });

/** The item's statement: its row and, for the source $1, each list and count. */
const SOURCE_ITEM = itemStatement(ROW, {
  cites: linked('source_id', 'cited_source_id'),
  citedBy: linked('cited_source_id', 'source_id'),
  claimCount: '(select count(*) from citations where source_id = $1)',
  reported: `(select count(*) from citation_steps where step_kind = 'source' and step_id = $1)`,
  annotations: cappedPart(
    {
      select: `select start_offset as start, end_offset as "end", subject_kind as kind,
          subject_id as id
        from citations where source_id = $1 and start_offset is not null
        order by start_offset, subject_kind, subject_id, ordinal`,
      count: 'select count(*) from citations where source_id = $1 and start_offset is not null',
    },
    ANNOTATIONS_MAX,
  ),
  cited: itemCitationsPart('source'),
  basis: basisPart('source'),
});

interface Read {
  row: Row;
  cites: CappedRows<Linked>;
  citedBy: CappedRows<Linked>;
  claimCount: number;
  reported: number;
  annotations: CappedRows<Annotation>;
  cited: Parameters<typeof itemCitationsOf>[0];
  basis: BasisRow[];
}

export async function sourceItemPostgres(
  client: PgClient,
  id: string,
): Promise<SourceDetail | null> {
  const read = await readItem<Read>(client, 'sources.item', SOURCE_ITEM, [id]);
  if (!read) return null;
  const [cites, citesExtent] = cappedOf(read.cites, null);
  const [citedBy, citedByExtent] = cappedOf(read.citedBy, null);
  const [annotations, annotationsExtent] = cappedOf(
    read.annotations,
    `/v1/sources/${id}/claims?as=stated`,
    ANNOTATIONS_MAX,
  );
  const [citations, citationsExtent] = itemCitationsOf(read.cited);
  return {
    ...toSummary(read.row),
    text: read.row.text,
    cites,
    cited_by: citedBy,
    claim_count: read.claimCount,
    reported_claim_count: read.reported,
    annotations,
    citations,
    basis: basisFrom(read.basis),
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
