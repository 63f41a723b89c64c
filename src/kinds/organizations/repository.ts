import { asc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/database.js';
import { perConnection } from '../../db/prepared.js';
import { ref } from '../../query/agents.js';
import { capped, cappedChildren, countWhere } from '../../query/embedded.js';
import { type Filter, listFilters } from '../../query/filters.js';
import { type ListSpec, listResponse, runList } from '../../query/list/run.js';
import { EMBEDDED_MAX, type Page } from '../../query/shapes.js';
import { basisOf } from '../../records/basis.js';
import { eventRolesOf, statementsOf } from '../people/repository.js';
import { citationsOf, itemCitations } from '../sources/citations.js';
import { organizations, people, positions } from '../tables.js';
import type { OrganizationDetail, OrganizationListQuery, OrganizationSummary } from './schemas.js';

const country = alias(organizations, 'country');
const parent = alias(organizations, 'parent');

const summaryColumns = {
  id: organizations.id,
  name: organizations.name,
  type: organizations.type,
  aliases: organizations.aliases,
  description: organizations.description,
  countryId: organizations.countryId,
  countryName: country.name,
  parentId: organizations.parentId,
  parentName: parent.name,
};

export type SummaryRow = {
  id: string;
  name: string;
  type: string;
  aliases: string[];
  description: string | null;
  countryId: string | null;
  countryName: string | null;
  parentId: string | null;
  parentName: string | null;
};

export function toSummary(row: SummaryRow): OrganizationSummary {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    aliases: row.aliases,
    country: ref(row.countryId, row.countryName),
    parent: ref(row.parentId, row.parentName),
    description: row.description,
  };
}

export const FILTERS: Filter<OrganizationListQuery>[] = [
  { param: 'type', op: 'eq', column: organizations.type },
  { param: 'country', op: 'eq', column: organizations.countryId },
];

const childrenOf = cappedChildren(organizations);

/** Organizations with their country and parent joined. */
const selectOrganizations = (db: Db, extra = {}) =>
  db
    .select({ ...summaryColumns, ...extra })
    .from(organizations)
    .leftJoin(country, eq(country.id, organizations.countryId))
    .leftJoin(parent, eq(parent.id, organizations.parentId));

const id = sql.placeholder('id');

/** An organization's own lookups, by `id`, prepared once per connection. */
const queries = perConnection((db) => ({
  row: selectOrganizations(db).where(eq(organizations.id, id)).prepare(),
  members: db
    .select({
      id: positions.id,
      title: positions.title,
      personId: people.id,
      personName: people.name,
    })
    .from(positions)
    .innerJoin(people, eq(people.id, positions.personId))
    .where(eq(positions.organizationId, id))
    .orderBy(asc(people.name), asc(positions.id))
    .limit(EMBEDDED_MAX + 1)
    .prepare(),
}));

/** The list's sorts, on either backend (run.ts, run.pg.ts). */
export const ORGANIZATIONS_LIST = {
  kind: 'organization',
  sorts: { name: organizations.name, id: organizations.id },
  defaultSort: 'name',
} satisfies Pick<ListSpec, 'kind' | 'sorts' | 'defaultSort'>;

export function createOrganizationsRepository(db: Db) {
  const baseSelect = (extra = {}) => selectOrganizations(db, extra);

  return {
    list(query: OrganizationListQuery): Page<OrganizationSummary> {
      const result = runList<SummaryRow>(
        db,
        {
          ...ORGANIZATIONS_LIST,
          id: organizations.id,
          select: baseSelect,
          ...listFilters(FILTERS, query),
        },
        query,
      );
      return listResponse(result, toSummary, {
        include: query.include,
        citationsOf: (ids) => citationsOf(db, 'organization', ids),
      });
    },

    get(id: string): OrganizationDetail | null {
      const row = queries(db).row.get({ id });
      if (!row) return null;
      const [children, childrenExtent] = childrenOf(db, id);
      const [members, membersExtent] = capped(
        queries(db).members.all({ id }),
        () => countWhere(db, positions, eq(positions.organizationId, id)),
        null,
      );
      const [said, statementsExtent] = statementsOf(db, 'organization', id, null);
      const [eventList, eventsExtent] = eventRolesOf(db, 'organization', id, null);
      const [citationList, citationsExtent] = itemCitations(db, 'organization', id);
      return {
        ...toSummary(row),
        children,
        members: members.map((m) => ({
          id: m.id,
          title: m.title,
          person: { id: m.personId, name: m.personName },
        })),
        statements: said,
        events: eventList,
        citations: citationList,
        basis: basisOf(db, 'organization', id),
        lists: {
          children: childrenExtent,
          members: membersExtent,
          statements: statementsExtent,
          events: eventsExtent,
          citations: citationsExtent,
        },
      };
    },
  };
}
