/**
 * A person's item on PostgreSQL: what item.ts makes in one SQLite statement, read here in a few
 * queries (one per list, a count past a cap) in the same orders, shaped by the same functions:
 * positions by start (undated first, as SQLite sorts NULL), relations by id, events by start,
 * statements by date (undated last), delegations by name.
 */
import { postgresRead } from '../../http/reads/postgres-read.js';
import type { ItemParams, JsonText } from '../../http/reads/task.js';
import { ref } from '../../query/agents.js';
import {
  cappedList,
  jsonTextValue,
  NULLS_FIRST,
  type PgClient,
  rowOf,
} from '../../query/embedded.pg.js';
import { CITATIONS_MAX, dateValue, type EmbeddedList } from '../../query/shapes.js';
import { basisOfPostgres } from '../../records/basis.pg.js';
import { citationsOfPostgres, itemCitationsPostgres } from '../sources/citations.pg.js';
import { peopleReads } from './reads.js';
import type { Party } from './repository.js';
import { toSummary } from './repository.js';
import type { EventRole, PersonDetail, SpokenStatement } from './schemas.js';

const participant = { person: 'person_id', organization: 'organization_id' } as const;
const speaker = { person: 'speaker_person_id', organization: 'speaker_organization_id' } as const;

/**
 * The first events a person or organization took part in, by the event's start and id as copied
 * into participations, and how many: repository.ts eventRolesOf's twin.
 */
export async function eventRolesPostgres(
  client: PgClient,
  party: Party,
  id: string,
  more: string | null,
): Promise<[EventRole[], EmbeddedList]> {
  const column = participant[party];
  const [rows, extent] = await cappedList<{
    id: string;
    name: string;
    role: string;
    start: string;
  }>(
    client,
    {
      select: `select e.id, e.title as name, pa.role, e.start
        from participations pa join events e on e.id = pa.event_id
        where pa.${column} = $1
        order by pa.event_start_first_day ${NULLS_FIRST}, pa.event_id, pa.id`,
      count: `select count(*) as n from participations where ${column} = $1`,
      values: [id],
    },
    more,
  );
  const roles = rows.map((r) => ({
    event: { id: r.id, name: r.name },
    role: r.role,
    start: dateValue(r.start),
  }));
  return [roles, extent];
}

/**
 * The first things a person or organization said, by date, undated last (the statements list's
 * order key), and how many: repository.ts statementsOf's twin.
 */
export async function statementsPostgres(
  client: PgClient,
  party: Party,
  id: string,
  more: string | null,
): Promise<[SpokenStatement[], EmbeddedList]> {
  const column = speaker[party];
  const [rows, extent] = await cappedList<Omit<SpokenStatement, 'date'> & { date: string | null }>(
    client,
    {
      select: `select id, date, mode, kind, text from statements where ${column} = $1
        order by coalesce(date_first_day, '9999-99-99'), id`,
      count: `select count(*) as n from statements where ${column} = $1`,
      values: [id],
    },
    more,
  );
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

const lists = (id: string) => ({
  positions: {
    select: `select ps.id, ps.title, ps.organization_id as "organizationId",
        po.name as "organizationName", ps.start, ps."end", ps.as_of as "asOf"
      from positions ps left join organizations po on po.id = ps.organization_id
      where ps.person_id = $1 order by ps.start ${NULLS_FIRST}, ps.id`,
    count: 'select count(*) as n from positions where person_id = $1',
    values: [id],
  },
  relations: {
    select: `select r.id, r.relation, rs.id as "personId", rs.name as "personName",
        rr.id as "relatedId", rr.name as "relatedName"
      from relations r
      join people rs on rs.id = r.person_id
      join people rr on rr.id = r.related_person_id
      where r.person_id = $1 or r.related_person_id = $1 order by r.id`,
    count: 'select count(*) as n from relations where person_id = $1 or related_person_id = $1',
    values: [id],
  },
  // `union` folds a delegation received twice, as item.ts's; counted whole, as there.
  delegations: {
    select: `select * from (select d.id, d.name, 'leader' as role from delegations d
        where d.leader_id = $1
      union select d.id, d.name, 'member' from delegation_members m
        join delegations d on d.id = m.delegation_id where m.person_id = $1
      union select d.id, d.name, 'receiver' from delegation_receivers v
        join delegations d on d.id = v.delegation_id where v.person_id = $1) roles
      order by name, id, role`,
    count: `select count(*) as n from (select d.id, d.name, 'leader' as role from delegations d
        where d.leader_id = $1
      union select d.id, d.name, 'member' from delegation_members m
        join delegations d on d.id = m.delegation_id where m.person_id = $1
      union select d.id, d.name, 'receiver' from delegation_receivers v
        join delegations d on d.id = v.delegation_id where v.person_id = $1) roles`,
    values: [id],
  },
});

export async function personItemPostgres(
  client: PgClient,
  id: string,
): Promise<PersonDetail | null> {
  const row = await rowOf<Row>(client, ROW, [id]);
  if (!row) return null;
  const of = lists(id);
  const view = (path: string) => `/v1/people/${id}${path}`;
  const [positions, positionsExtent] = await cappedList<PositionRow>(client, of.positions, null);
  const [relations, relationsExtent] = await cappedList<RelationRow>(client, of.relations, null);
  const [events, eventsExtent] = await eventRolesPostgres(client, 'person', id, view('/events'));
  const [said, statementsExtent] = await statementsPostgres(
    client,
    'person',
    id,
    view('/statements'),
  );
  const [delegations, delegationsExtent] = await cappedList<{
    id: string;
    name: string;
    role: 'leader' | 'member' | 'receiver';
  }>(client, of.delegations, view('/delegations'));
  const [citations, citationsExtent] = await itemCitationsPostgres(client, 'person', id);
  // Each position's and relation's citations, the first CITATIONS_MAX, as item.ts embeds them.
  const positionCitations = await citationsOfPostgres(
    client,
    'position',
    positions.map((p) => p.id),
    CITATIONS_MAX,
  );
  const relationCitations = await citationsOfPostgres(
    client,
    'relation',
    relations.map((r) => r.id),
    CITATIONS_MAX,
  );
  return {
    ...toSummary({ ...row, aliases: jsonTextValue<string[]>(row.aliases) }),
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
    basis: await basisOfPostgres(client, 'person', id),
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
