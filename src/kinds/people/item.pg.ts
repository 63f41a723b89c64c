/**
 * A person's item on PostgreSQL: what item.ts makes in one SQLite statement, read here in one
 * statement too (embedded.pg.ts itemStatement: the row and each list as JSON, a count past a cap
 * only when needed), in the same orders, shaped by the same functions: positions by start
 * (undated first, as SQLite sorts NULL), relations by id, events by start, statements by date
 * (undated last), delegations by name.
 *
 * It replaced 13-18 queries (the row, each list and a count past its cap, the citations and
 * their accounts of the person, its positions and relations, the basis) because it is faster.
 * Measured as events/item.pg.ts says: median 11.3 ms an item and 1.45 ms of Node's CPU before,
 * 3.2 ms and 0.51 ms now; the same bytes for every id compared (500).
 */
import { postgresRead } from '../../http/reads/postgres-read.js';
import type { ItemParams, JsonText } from '../../http/reads/task.js';
import { ref } from '../../query/agents.js';
import {
  type CappedRows,
  cappedOf,
  cappedPart,
  itemStatement,
  jsonTextValue,
  NULLS_FIRST,
  type PgClient,
  readItem,
} from '../../query/embedded.pg.js';
import { CITATIONS_MAX, dateValue, EMBEDDED_MAX, type EmbeddedList } from '../../query/shapes.js';
import type { BasisRow } from '../../records/basis.js';
import { basisFrom, basisPart } from '../../records/basis.pg.js';
import {
  factCitationsOf,
  factCitationsPart,
  itemCitationsOf,
  itemCitationsPart,
} from '../sources/citations.pg.js';
import { peopleReads } from './reads.js';
import type { Party } from './repository.js';
import { toSummary } from './repository.js';
import type { EventRole, PersonDetail, SpokenStatement } from './schemas.js';

const participant = { person: 'person_id', organization: 'organization_id' } as const;
const speaker = { person: 'speaker_person_id', organization: 'speaker_organization_id' } as const;

interface EventRoleRow {
  id: string;
  name: string;
  role: string;
  start: string;
}

/**
 * A part of an item's statement: the first events the person or organization $1 took part in,
 * by the event's start and id as copied into participations (repository.ts eventRolesOf's twin),
 * read by eventRolesOf.
 */
export function eventRolesPart(party: Party): string {
  const column = participant[party];
  return cappedPart({
    select: `select e.id, e.title as name, pa.role, e.start
      from participations pa join events e on e.id = pa.event_id
      where pa.${column} = $1
      order by pa.event_start_first_day ${NULLS_FIRST}, pa.event_id, pa.id`,
    count: `select count(*) from participations where ${column} = $1`,
  });
}

/** The events eventRolesPart read, as the item shows them, and how many. */
export function eventRolesOf(
  read: CappedRows<EventRoleRow>,
  more: string | null,
): [EventRole[], EmbeddedList] {
  const [rows, extent] = cappedOf(read, more);
  const roles = rows.map((r) => ({
    event: { id: r.id, name: r.name },
    role: r.role,
    start: dateValue(r.start),
  }));
  return [roles, extent];
}

type SaidRow = Omit<SpokenStatement, 'date'> & { date: string | null };

/**
 * A part of an item's statement: the first things the person or organization $1 said, by date,
 * undated last (the statements list's order key; repository.ts statementsOf's twin), read by
 * statementsOf.
 */
export function statementsPart(party: Party): string {
  const column = speaker[party];
  return cappedPart({
    select: `select id, date, mode, kind, text from statements where ${column} = $1
      order by coalesce(date_first_day, '9999-99-99'), id`,
    count: `select count(*) from statements where ${column} = $1`,
  });
}

/** The statements statementsPart read, as the item shows them, and how many. */
export function statementsOf(
  read: CappedRows<SaidRow>,
  more: string | null,
): [SpokenStatement[], EmbeddedList] {
  const [rows, extent] = cappedOf(read, more);
  return [rows.map((row) => ({ ...row, date: dateValue(row.date) })), extent];
}

const ROW = `select p.id, p.name, p.aliases, p.description, p.country_id as "countryId",
    c.name as "countryName"
  from people p left join organizations c on c.id = p.country_id where p.id = $1`;

type Row = Omit<Parameters<typeof toSummary>[0], 'aliases'> & { aliases: string };

interface PositionRow {
  id: string;
  title: string;
  organizationId: string | null;
  organizationName: string | null;
  start: string | null;
  end: string | null;
  asOf: string | null;
}

interface RelationRow {
  id: string;
  relation: string;
  personId: string;
  personName: string;
  relatedId: string;
  relatedName: string;
}

/** The delegations the person led, joined or received; `union` folds one received twice. */
const DELEGATIONS = `select d.id, d.name, 'leader' as role from delegations d
    where d.leader_id = $1
  union select d.id, d.name, 'member' from delegation_members m
    join delegations d on d.id = m.delegation_id where m.person_id = $1
  union select d.id, d.name, 'receiver' from delegation_receivers v
    join delegations d on d.id = v.delegation_id where v.person_id = $1`;

const POSITIONS_ORDER = `order by ps.start ${NULLS_FIRST}, ps.id`;
const RELATIONS_OF = 'r.person_id = $1 or r.related_person_id = $1';

/** The item's statement: its row and, for the person $1, each list. */
const PERSON_ITEM = itemStatement(ROW, {
  positions: cappedPart({
    select: `select ps.id, ps.title, ps.organization_id as "organizationId",
        po.name as "organizationName", ps.start, ps."end", ps.as_of as "asOf"
      from positions ps left join organizations po on po.id = ps.organization_id
      where ps.person_id = $1 ${POSITIONS_ORDER}`,
    count: 'select count(*) from positions where person_id = $1',
  }),
  relations: cappedPart({
    select: `select r.id, r.relation, rs.id as "personId", rs.name as "personName",
        rr.id as "relatedId", rr.name as "relatedName"
      from relations r
      join people rs on rs.id = r.person_id
      join people rr on rr.id = r.related_person_id
      where ${RELATIONS_OF} order by r.id`,
    count: `select count(*) from relations r where ${RELATIONS_OF}`,
  }),
  events: eventRolesPart('person'),
  statements: statementsPart('person'),
  // Counted whole, as item.ts's: the union reads every row before any limit.
  delegations: cappedPart({
    select: `select * from (${DELEGATIONS}) roles order by name, id, role`,
    count: `select count(*) from (${DELEGATIONS}) roles`,
  }),
  cited: itemCitationsPart('person'),
  // The citations of the positions and relations the item shows (their first EMBEDDED_MAX).
  positionsCited: factCitationsPart(
    'position',
    `select ps.id from positions ps where ps.person_id = $1 ${POSITIONS_ORDER}
      limit ${EMBEDDED_MAX}`,
  ),
  relationsCited: factCitationsPart(
    'relation',
    `select r.id from relations r where ${RELATIONS_OF} order by r.id limit ${EMBEDDED_MAX}`,
  ),
  basis: basisPart('person'),
});

type FactCitations = Parameters<typeof factCitationsOf>[0];

interface Read {
  row: Row;
  positions: CappedRows<PositionRow>;
  relations: CappedRows<RelationRow>;
  events: CappedRows<EventRoleRow>;
  statements: CappedRows<SaidRow>;
  delegations: CappedRows<{ id: string; name: string; role: 'leader' | 'member' | 'receiver' }>;
  cited: Parameters<typeof itemCitationsOf>[0];
  positionsCited: FactCitations;
  relationsCited: FactCitations;
  basis: BasisRow[];
}

export async function personItemPostgres(
  client: PgClient,
  id: string,
): Promise<PersonDetail | null> {
  const read = await readItem<Read>(client, 'people.item', PERSON_ITEM, [id]);
  if (!read) return null;
  const view = (path: string) => `/v1/people/${id}${path}`;
  const [positions, positionsExtent] = cappedOf(read.positions, null);
  const [relations, relationsExtent] = cappedOf(read.relations, null);
  const [events, eventsExtent] = eventRolesOf(read.events, view('/events'));
  const [said, statementsExtent] = statementsOf(read.statements, view('/statements'));
  const [delegations, delegationsExtent] = cappedOf(read.delegations, view('/delegations'));
  const [citations, citationsExtent] = itemCitationsOf(read.cited);
  // Each position's and relation's citations, the first CITATIONS_MAX, as item.ts embeds them.
  const positionCitations = factCitationsOf(read.positionsCited, CITATIONS_MAX);
  const relationCitations = factCitationsOf(read.relationsCited, CITATIONS_MAX);
  return {
    ...toSummary({ ...read.row, aliases: jsonTextValue<string[]>(read.row.aliases) }),
    citations,
    positions: positions.map((p) => ({
      id: p.id,
      title: p.title,
      organization: ref(p.organizationId, p.organizationName),
      start: dateValue(p.start),
      end: dateValue(p.end),
      as_of: dateValue(p.asOf),
      citations: positionCitations.get(p.id) ?? [],
    })),
    relations: relations.map((r) => ({
      id: r.id,
      relation: r.relation,
      person: { id: r.personId, name: r.personName },
      related_person: { id: r.relatedId, name: r.relatedName },
      citations: relationCitations.get(r.id) ?? [],
    })),
    events,
    statements: said,
    delegations: delegations.map((d) => ({
      delegation: { id: d.id, name: d.name },
      role: d.role,
    })),
    basis: basisFrom(read.basis),
    lists: {
      positions: positionsExtent,
      relations: relationsExtent,
      events: eventsExtent,
      statements: statementsExtent,
      delegations: delegationsExtent,
      citations: citationsExtent,
    },
  };
}

// The task's SQLite run gives SQLite's text (JsonText); this one gives the data, which renderBody
// serializes to the same text.
export const peopleItemReadsPostgres = [
  postgresRead<ItemParams, PersonDetail | JsonText>(peopleReads.get, (client, { id }: ItemParams) =>
    personItemPostgres(client, id),
  ),
];
