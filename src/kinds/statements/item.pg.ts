/**
 * A statement's item on PostgreSQL: repository.ts's `get`, the same rows shaped by toSummary, read
 * in one statement (embedded.pg.ts itemStatement).
 */
import { postgresRead } from '../../http/reads/postgres-read.js';
import type { ItemParams } from '../../http/reads/task.js';
import { itemStatement, type PgClient, readItem } from '../../query/embedded.pg.js';
import type { BasisRow } from '../../records/basis.js';
import { basisFrom, basisPart } from '../../records/basis.pg.js';
import { factCitationsOf, factCitationsPart } from '../sources/citations.pg.js';
import { statementsReads } from './reads.js';
import { toSummary } from './repository.js';
import type { StatementDetail } from './schemas.js';

const ROW = `select s.id, s.speaker_person_id as "personId", pp.name as "personName",
    s.speaker_organization_id as "organizationId", po.name as "organizationName",
    s.date, s.place_id as "placeId", pl.name as "placeName", s.event_id as "eventId",
    e.title as "eventTitle", s.delegation_id as "delegationId", d.name as "delegationName",
    s.kind, s.mode, s.text
  from statements s
  left join people pp on pp.id = s.speaker_person_id
  left join organizations po on po.id = s.speaker_organization_id
  left join places pl on pl.id = s.place_id
  left join events e on e.id = s.event_id
  left join delegations d on d.id = s.delegation_id
  where s.id = $1`;

/** The item's statement: its row, and every citation and the basis of the statement $1. */
const STATEMENT_ITEM = itemStatement(ROW, {
  cited: factCitationsPart('statement', '$1'),
  basis: basisPart('statement'),
});

interface Read {
  row: Parameters<typeof toSummary>[0];
  cited: Parameters<typeof factCitationsOf>[0];
  basis: BasisRow[];
}

export async function statementItemPostgres(
  client: PgClient,
  id: string,
): Promise<StatementDetail | null> {
  const read = await readItem<Read>(client, 'statements.item', STATEMENT_ITEM, [id]);
  if (!read) return null;
  return {
    ...toSummary(read.row),
    citations: factCitationsOf(read.cited, Number.POSITIVE_INFINITY).get(id) ?? [],
    basis: basisFrom(read.basis),
  };
}

export const statementsItemReadsPostgres = [
  postgresRead(statementsReads.get, (client, { id }: ItemParams) =>
    statementItemPostgres(client, id),
  ),
];
