/**
 * An organization's item on PostgreSQL: repository.ts's `get`, the same rows in the same orders
 * (children by name, members by the person's name, statements and events as a person's), shaped
 * by the same functions.
 */
import { postgresRead } from '../../http/reads/postgres-read.js';
import type { ItemParams } from '../../http/reads/task.js';
import { cappedList, jsonTextValue, type PgClient, rowOf } from '../../query/embedded.pg.js';
import { basisOfPostgres } from '../../records/basis.pg.js';
import { eventRolesPostgres, statementsPostgres } from '../people/item.pg.js';
import { itemCitationsPostgres } from '../sources/citations.pg.js';
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

export async function organizationItemPostgres(
  client: PgClient,
  id: string,
): Promise<OrganizationDetail | null> {
  const row = await rowOf<Row>(client, ROW, [id]);
  if (!row) return null;
  const [children, childrenExtent] = await cappedList<{ id: string; name: string }>(
    client,
    {
      select: 'select id, name from organizations where parent_id = $1 order by name, id',
      count: 'select count(*) as n from organizations where parent_id = $1',
      values: [id],
    },
    null,
  );
  const [members, membersExtent] = await cappedList<Member>(
    client,
    {
      select: `select ps.id, ps.title, p.id as "personId", p.name as "personName"
        from positions ps join people p on p.id = ps.person_id
        where ps.organization_id = $1 order by p.name, ps.id`,
      count: 'select count(*) as n from positions where organization_id = $1',
      values: [id],
    },
    null,
  );
  const [said, statementsExtent] = await statementsPostgres(client, 'organization', id, null);
  const [events, eventsExtent] = await eventRolesPostgres(client, 'organization', id, null);
  const [citations, citationsExtent] = await itemCitationsPostgres(client, 'organization', id);
  return {
    ...toSummary({ ...row, aliases: jsonTextValue<string[]>(row.aliases) }),
    children,
    members: members.map((m) => ({
      id: m.id,
      title: m.title,
      person: { id: m.personId, name: m.personName },
    })),
    statements: said,
    events,
    citations,
    basis: await basisOfPostgres(client, 'organization', id),
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
