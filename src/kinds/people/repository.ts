import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { perConnection } from '../../db/prepared.js';
import type { JsonText } from '../../http/reads/task.js';
import { ref } from '../../query/agents.js';
import { capped, countWhere } from '../../query/embedded.js';
import { type Filter, listFilters } from '../../query/filters.js';
import { type ListSpec, listResponse, runList } from '../../query/list/run.js';
import { dateValue, EMBEDDED_MAX, type EmbeddedList, type Page } from '../../query/shapes.js';
import { subtreeOf } from '../../query/subtree.js';
import { citationsOf } from '../sources/citations.js';
import { DATE_ORDER } from '../statements/repository.js';
import { events, organizations, participations, people, positions, statements } from '../tables.js';
import { personItem } from './item.js';
import type { EventRole, PersonListQuery, PersonSummary, SpokenStatement } from './schemas.js';

const summaryColumns = {
  id: people.id,
  name: people.name,
  aliases: people.aliases,
  description: people.description,
  countryId: people.countryId,
  countryName: organizations.name,
};

export type SummaryRow = {
  id: string;
  name: string;
  aliases: string[];
  description: string | null;
  countryId: string | null;
  countryName: string | null;
};

export function toSummary(row: SummaryRow): PersonSummary {
  return {
    id: row.id,
    name: row.name,
    aliases: row.aliases,
    country: ref(row.countryId, row.countryName),
    description: row.description,
  };
}

export const FILTERS: Filter<PersonListQuery>[] = [
  {
    param: 'organization',
    op: 'where',
    where: (organization) =>
      sql`${people.id} in (select ${positions.personId} from ${positions}
        where ${positions.organizationId} in ${subtreeOf(organizations, organization)})`,
  },
];

/**
 * Who an embedded list below is of. Only an organization's item reads them now: a person's item is
 * one statement (item.ts), whose lists are ordered and counted as these are.
 */
export type Party = 'person' | 'organization';

const participantColumn = {
  person: participations.personId,
  organization: participations.organizationId,
} as const;
const speakerColumn = {
  person: statements.speakerPersonId,
  organization: statements.speakerOrganizationId,
} as const;

const id = sql.placeholder('id');

/** The embedded lists people and organizations share, one prepared variant per party. */
const partyQueries = perConnection((db) => {
  const eventRoles = (party: Party) =>
    db
      .select({
        id: events.id,
        name: events.title,
        role: participations.role,
        start: events.start,
      })
      .from(participations)
      .innerJoin(events, eq(events.id, participations.eventId))
      .where(eq(participantColumn[party], id))
      // By the event's start and id as copied into participations: the (party, start, event, id)
      // index holds them in this order, so only the first rows are read.
      .orderBy(
        asc(participations.eventStartFirstDay),
        asc(participations.eventId),
        asc(participations.id),
      )
      .limit(EMBEDDED_MAX + 1)
      .prepare();
  const spoken = (party: Party) =>
    db
      .select({
        id: statements.id,
        date: statements.date,
        mode: statements.mode,
        kind: statements.kind,
        text: statements.text,
      })
      .from(statements)
      .where(eq(speakerColumn[party], id))
      .orderBy(asc(DATE_ORDER), asc(statements.id))
      .limit(EMBEDDED_MAX + 1)
      .prepare();
  const of = (party: Party) => ({ eventRoles: eventRoles(party), spoken: spoken(party) });
  return { person: of('person'), organization: of('organization') };
});

/**
 * The first events a person or organization took part in, by date, and how many there are;
 * `more` is the view that has them all.
 */
export function eventRolesOf(
  db: Db,
  party: Party,
  partyId: string,
  more: string | null,
): [EventRole[], EmbeddedList] {
  const query = partyQueries(db)[party].eventRoles;
  const rows = query.all({ id: partyId }).map((row) => ({
    event: { id: row.id, name: row.name },
    role: row.role,
    start: dateValue(row.start),
  }));
  const countAll = () => countWhere(db, participations, eq(participantColumn[party], partyId));
  return capped(rows, countAll, more);
}

/**
 * The first things a person or organization said, by date with undated statements last (the
 * statements list's order, which the (speaker, date order) index holds), and how many there are.
 */
export function statementsOf(
  db: Db,
  party: Party,
  partyId: string,
  more: string | null,
): [SpokenStatement[], EmbeddedList] {
  const rows = partyQueries(db)[party].spoken.all({ id: partyId });
  return capped(
    rows.map((row) => ({ ...row, date: dateValue(row.date) })),
    () => countWhere(db, statements, eq(speakerColumn[party], partyId)),
    more,
  );
}

/** The list's sorts, on either backend (run.ts, run.pg.ts). */
export const PEOPLE_LIST = {
  kind: 'person',
  sorts: { name: people.name, id: people.id },
  defaultSort: 'name',
} satisfies Pick<ListSpec, 'kind' | 'sorts' | 'defaultSort'>;

export function createPeopleRepository(db: Db) {
  const baseSelect = (extra = {}) =>
    db
      .select({ ...summaryColumns, ...extra })
      .from(people)
      .leftJoin(organizations, eq(organizations.id, people.countryId));
  return {
    list(query: PersonListQuery): Page<PersonSummary> {
      const result = runList<SummaryRow>(
        db,
        {
          ...PEOPLE_LIST,
          id: people.id,
          select: baseSelect,
          ...listFilters(FILTERS, query),
        },
        query,
      );
      return listResponse(result, toSummary, {
        include: query.include,
        citationsOf: (ids) => citationsOf(db, 'person', ids),
      });
    },

    get(id: string): JsonText | null {
      return personItem(db, id);
    },
  };
}
