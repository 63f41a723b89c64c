/**
 * An organization's item on PostgreSQL: repository.ts's `get`, the same rows in the same orders
 * (children by name, members by the person's name, statements and events as a person's), read
 * in one statement (embedded.pg.ts itemStatement) and shaped by the same functions.
 */
import { postgresRead } from '../../http/reads/postgres-read.js';
import type { ItemParams } from '../../http/reads/task.js';
import {
  type CappedRows,
  cappedOf,
  cappedPart,
  itemStatement,
  jsonTextValue,
  type PgClient,
  readItem,
} from '../../query/embedded.pg.js';
import type { BasisRow } from '../../records/basis.js';
import { basisFrom, basisPart } from '../../records/basis.pg.js';
import { eventRolesOf, eventRolesPart, statementsOf, statementsPart } from '../people/item.pg.js';
import { itemCitationsOf, itemCitationsPart } from '../sources/citations.pg.js';
import { organizationsReads } from './reads.js';
import { toSummary } from './repository.js';
import type { OrganizationDetail } from './schemas.js';

const ROW = `select o.id, o.name, o.type, o.aliases, o.description, o.country_id as "countryId",
    country.name as "countryName", o.parent_id as "parentId", parent.name as "parentName"
  from organizations o
  left join organizations country on country.id = o.country_id
  left join organizations parent on parent.id = o.parent_id
  where o.id = $1`;

type Row = Omit<Parameters<typeof toSummary>[0], 'aliases'> & { aliases: string };

interface Member {
  id: string;
  title: string;
  personId: string;
  personName: string;
}

/** The item's statement: its row and, for the organization $1, each list. */
const ORGANIZATION_ITEM = itemStatement(ROW, {
  children: cappedPart({
    select: 'select id, name from organizations where parent_id = $1 order by name, id',
    count: 'select count(*) from organizations where parent_id = $1',
  }),
  members: cappedPart({
    select: `select ps.id, ps.title, p.id as "personId", p.name as "personName"
      from positions ps join people p on p.id = ps.person_id
      where ps.organization_id = $1 order by p.name, ps.id`,
    count: 'select count(*) from positions where organization_id = $1',
  }),
  statements: statementsPart('organization'),
  events: eventRolesPart('organization'),
  cited: itemCitationsPart('organization'),
  basis: basisPart('organization'),
});

interface Read {
  row: Row;
  children: CappedRows<{ id: string; name: string }>;
  members: CappedRows<Member>;
  statements: Parameters<typeof statementsOf>[0];
  events: Parameters<typeof eventRolesOf>[0];
  cited: Parameters<typeof itemCitationsOf>[0];
  basis: BasisRow[];
}

export async function organizationItemPostgres(
  client: PgClient,
  id: string,
): Promise<OrganizationDetail | null> {
  const read = await readItem<Read>(client, 'organizations.item', ORGANIZATION_ITEM, [id]);
  if (!read) return null;
  const [children, childrenExtent] = cappedOf(read.children, null);
  const [members, membersExtent] = cappedOf(read.members, null);
  const [said, statementsExtent] = statementsOf(read.statements, null);
  const [events, eventsExtent] = eventRolesOf(read.events, null);
  const [citations, citationsExtent] = itemCitationsOf(read.cited);
  return {
    ...toSummary({ ...read.row, aliases: jsonTextValue<string[]>(read.row.aliases) }),
    children,
    members: members.map((m) => ({
      id: m.id,
      title: m.title,
      person: { id: m.personId, name: m.personName },
    })),
    statements: said,
    events,
    citations,
    basis: basisFrom(read.basis),
    lists: {
      children: childrenExtent,
      members: membersExtent,
      statements: statementsExtent,
      events: eventsExtent,
      citations: citationsExtent,
    },
  };
}

export const organizationsItemReadsPostgres = [
  postgresRead(organizationsReads.get, (client, { id }: ItemParams) =>
    organizationItemPostgres(client, id),
  ),
];
