/**
 * A delegation's item on PostgreSQL: repository.ts's `get`, the same rows in the same orders
 * (members by name then id, receivers by ordinal, statements by date, undated last), read in one
 * statement (embedded.pg.ts itemStatement) and shaped by the same functions.
 */
import { postgresRead } from '../../http/reads/postgres-read.js';
import type { ItemParams } from '../../http/reads/task.js';
import { ref, toAgent } from '../../query/agents.js';
import {
  type CappedRows,
  cappedOf,
  cappedPart,
  itemStatement,
  type PgClient,
  readItem,
} from '../../query/embedded.pg.js';
import { dateValue } from '../../query/shapes.js';
import type { BasisRow } from '../../records/basis.js';
import { basisFrom, basisPart } from '../../records/basis.pg.js';
import { itemCitationsOf, itemCitationsPart } from '../sources/citations.pg.js';
import type { StatementSummary } from '../statements/schemas.js';
import { delegationsReads } from './reads.js';
import { toSummary } from './repository.js';
import type { DelegationDetail } from './schemas.js';

const ROW = `select d.id, d.name, d.leader_id as "leaderId", l.name as "leaderName",
    d.sender_id as "senderId", s.name as "senderName",
    d.destination_id as "destinationId", ds.name as "destinationName",
    d.event_id as "eventId", e.title as "eventTitle", d.arrival, d.status,
    d.arrival_place_id as "arrivalPlaceId", ap.name as "arrivalPlaceName", d.purpose
  from delegations d
  left join people l on l.id = d.leader_id
  left join organizations s on s.id = d.sender_id
  left join places ds on ds.id = d.destination_id
  left join events e on e.id = d.event_id
  left join places ap on ap.id = d.arrival_place_id
  where d.id = $1`;

interface Receiver {
  personId: string | null;
  personName: string | null;
  organizationId: string | null;
  organizationName: string | null;
  groupLabel: string | null;
  role: string;
  placeId: string | null;
  placeName: string | null;
}

interface Said {
  id: string;
  personId: string | null;
  personName: string | null;
  organizationId: string | null;
  organizationName: string | null;
  date: string | null;
  mode: StatementSummary['mode'];
  text: string;
}

/** The item's statement: its row and, for the delegation $1, each list. */
const DELEGATION_ITEM = itemStatement(ROW, {
  members: cappedPart({
    select: `select p.id, p.name, m.role from delegation_members m
      join people p on p.id = m.person_id where m.delegation_id = $1 order by p.name, p.id`,
    count: 'select count(*) from delegation_members where delegation_id = $1',
  }),
  receivers: cappedPart({
    select: `select v.person_id as "personId", p.name as "personName",
        v.organization_id as "organizationId", o.name as "organizationName",
        v.group_label as "groupLabel", v.role, v.place_id as "placeId", pl.name as "placeName"
      from delegation_receivers v
      left join people p on p.id = v.person_id
      left join organizations o on o.id = v.organization_id
      left join places pl on pl.id = v.place_id
      where v.delegation_id = $1 order by v.ordinal`,
    count: 'select count(*) from delegation_receivers where delegation_id = $1',
  }),
  // The statements list's order key (statements/repository.ts DATE_ORDER), spelled the same.
  statements: cappedPart({
    select: `select s.id, s.speaker_person_id as "personId", p.name as "personName",
        s.speaker_organization_id as "organizationId", o.name as "organizationName",
        s.date, s.mode, s.text
      from statements s
      left join people p on p.id = s.speaker_person_id
      left join organizations o on o.id = s.speaker_organization_id
      where s.delegation_id = $1
      order by coalesce(s.date_first_day, '9999-99-99'), s.id`,
    count: 'select count(*) from statements where delegation_id = $1',
  }),
  cited: itemCitationsPart('delegation'),
  basis: basisPart('delegation'),
});

interface Read {
  row: Parameters<typeof toSummary>[0];
  members: CappedRows<{ id: string; name: string; role: string }>;
  receivers: CappedRows<Receiver>;
  statements: CappedRows<Said>;
  cited: Parameters<typeof itemCitationsOf>[0];
  basis: BasisRow[];
}

export async function delegationItemPostgres(
  client: PgClient,
  id: string,
): Promise<DelegationDetail | null> {
  const read = await readItem<Read>(client, 'delegations.item', DELEGATION_ITEM, [id]);
  if (!read) return null;
  const [members, membersExtent] = cappedOf(read.members, null);
  const [receivers, receiversExtent] = cappedOf(read.receivers, null);
  const [said, statementsExtent] = cappedOf(read.statements, null);
  const [citations, citationsExtent] = itemCitationsOf(read.cited);
  return {
    ...toSummary(read.row),
    members: members.map((m) => ({ person: { id: m.id, name: m.name }, role: m.role })),
    receivers: receivers.map((r) => ({
      receiver: toAgent(r),
      role: r.role,
      place: ref(r.placeId, r.placeName),
    })),
    statements: said.map((s) => ({
      id: s.id,
      speaker: toAgent(s),
      date: dateValue(s.date),
      mode: s.mode,
      text: s.text,
    })),
    citations,
    basis: basisFrom(read.basis),
    lists: {
      members: membersExtent,
      receivers: receiversExtent,
      statements: statementsExtent,
      citations: citationsExtent,
    },
  };
}

export const delegationsItemReadsPostgres = [
  postgresRead(delegationsReads.get, (client, { id }: ItemParams) =>
    delegationItemPostgres(client, id),
  ),
];
