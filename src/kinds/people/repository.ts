import { asc, eq, or, type Placeholder, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/database.js';
import { perConnection } from '../../db/prepared.js';
import { ref } from '../../query/agents.js';
import { capped, countWhere } from '../../query/embedded.js';
import { type Filter, filterConditions } from '../../query/filters.js';
import { listResponse, runList } from '../../query/list/run.js';
import {
  CITATIONS_MAX,
  dateValue,
  EMBEDDED_MAX,
  type EmbeddedList,
  type Page,
} from '../../query/shapes.js';
import { subtreeOf } from '../../query/subtree.js';
import { citationsOf, itemCitations } from '../sources/citations.js';
import { DATE_ORDER } from '../statements/repository.js';
import {
  delegationMembers,
  delegationReceivers,
  delegations,
  events,
  organizations,
  participations,
  people,
  positions,
  relations,
  statements,
} from '../tables.js';
import type {
  DELEGATION_ROLES,
  EventRole,
  PersonDelegation,
  PersonDetail,
  PersonListQuery,
  PersonSummary,
  SpokenStatement,
} from './schemas.js';

const subject = alias(people, 'subject');
const related = alias(people, 'related');

const summaryColumns = {
  id: people.id,
  name: people.name,
  aliases: people.aliases,
  description: people.description,
  countryId: people.countryId,
  countryName: organizations.name,
};

type SummaryRow = {
  id: string;
  name: string;
  aliases: string[];
  description: string | null;
  countryId: string | null;
  countryName: string | null;
};

function toSummary(row: SummaryRow): PersonSummary {
  return {
    id: row.id,
    name: row.name,
    aliases: row.aliases,
    country: ref(row.countryId, row.countryName),
    description: row.description,
  };
}

const FILTERS: Filter<PersonListQuery>[] = [
  {
    param: 'organization',
    op: 'where',
    where: (organization) =>
      sql`${people.id} in (select ${positions.personId} from ${positions}
        where ${positions.organizationId} in ${subtreeOf(organizations, organization)})`,
  },
];

/** Who a person's or an organization's embedded lists are of. */
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

type DelegationRole = (typeof DELEGATION_ROLES)[number];

/**
 * The delegations a person (an id, or a placeholder) led, joined or received, as one UNION.
 * A builder is changed by `union`, `orderBy` and `limit`: each use builds its own.
 */
function delegationRoles(db: Db, personId: string | Placeholder) {
  const asRole = (role: DelegationRole) => ({
    id: delegations.id,
    name: delegations.name,
    role: sql<DelegationRole>`${role}`.as('role'),
  });
  const led = db
    .select(asRole('leader'))
    .from(delegations)
    .where(eq(delegations.leaderId, personId));
  const joined = db
    .select(asRole('member'))
    .from(delegationMembers)
    .innerJoin(delegations, eq(delegations.id, delegationMembers.delegationId))
    .where(eq(delegationMembers.personId, personId));
  const received = db
    .select(asRole('receiver'))
    .from(delegationReceivers)
    .innerJoin(delegations, eq(delegations.id, delegationReceivers.delegationId))
    .where(eq(delegationReceivers.personId, personId));
  // `union` also folds a person who received one delegation at two places into one row.
  return led.union(joined).union(received);
}

/** A person's own embedded lists, each with the person's id bound to `id`. */
const personQueries = perConnection((db) => ({
  row: db
    .select(summaryColumns)
    .from(people)
    .leftJoin(organizations, eq(organizations.id, people.countryId))
    .where(eq(people.id, id))
    .prepare(),
  positions: db
    .select({
      id: positions.id,
      title: positions.title,
      organizationId: positions.organizationId,
      organizationName: organizations.name,
      start: positions.start,
      end: positions.end,
    })
    .from(positions)
    .leftJoin(organizations, eq(organizations.id, positions.organizationId))
    .where(eq(positions.personId, id))
    .orderBy(asc(positions.start), asc(positions.id))
    .limit(EMBEDDED_MAX + 1)
    .prepare(),
  relations: db
    .select({
      id: relations.id,
      relation: relations.relation,
      personId: subject.id,
      personName: subject.name,
      relatedId: related.id,
      relatedName: related.name,
    })
    .from(relations)
    .innerJoin(subject, eq(subject.id, relations.personId))
    .innerJoin(related, eq(related.id, relations.relatedPersonId))
    .where(or(eq(relations.personId, id), eq(relations.relatedPersonId, id)))
    .orderBy(asc(relations.id))
    .limit(EMBEDDED_MAX + 1)
    .prepare(),
  delegations: delegationRoles(db, id)
    .orderBy(sql`name`, sql`id`, sql`role`)
    .limit(EMBEDDED_MAX + 1)
    .prepare(),
}));

/** The delegations a person led, joined or received, by name, and how many there are. */
function delegationsOf(db: Db, personId: string): [PersonDelegation[], EmbeddedList] {
  const rows = personQueries(db)
    .delegations.all({ id: personId })
    .map((row) => ({ delegation: { id: row.id, name: row.name }, role: row.role }));
  const countAll = () =>
    db.get<{ n: number }>(sql`select count(*) as n from (${delegationRoles(db, personId)})`).n;
  return capped(rows, countAll, `/v1/people/${personId}/delegations`);
}

export function createPeopleRepository(db: Db) {
  const baseSelect = (extra = {}) =>
    db
      .select({ ...summaryColumns, ...extra })
      .from(people)
      .leftJoin(organizations, eq(organizations.id, people.countryId));
  const queries = personQueries(db);

  function positionsOf(personId: string): [PersonDetail['positions'], EmbeddedList] {
    const rows = queries.positions.all({ id: personId });
    const countAll = () => countWhere(db, positions, eq(positions.personId, personId));
    const [shown, extent] = capped(rows, countAll, null);
    const cited = citationsOf(
      db,
      'position',
      shown.map((row) => row.id),
      CITATIONS_MAX,
    );
    const items = shown.map((row) => ({
      id: row.id,
      title: row.title,
      organization: ref(row.organizationId, row.organizationName),
      start: dateValue(row.start),
      end: dateValue(row.end),
      citations: cited.get(row.id) ?? [],
    }));
    return [items, extent];
  }

  function relationsOf(personId: string): [PersonDetail['relations'], EmbeddedList] {
    const rows = queries.relations.all({ id: personId });
    const countAll = () =>
      countWhere(
        db,
        relations,
        or(eq(relations.personId, personId), eq(relations.relatedPersonId, personId)),
      );
    const [shown, extent] = capped(rows, countAll, null);
    const cited = citationsOf(
      db,
      'relation',
      shown.map((row) => row.id),
      CITATIONS_MAX,
    );
    const items = shown.map((row) => ({
      id: row.id,
      relation: row.relation,
      person: { id: row.personId, name: row.personName },
      related_person: { id: row.relatedId, name: row.relatedName },
      citations: cited.get(row.id) ?? [],
    }));
    return [items, extent];
  }

  return {
    list(query: PersonListQuery): Page<PersonSummary> {
      const result = runList<SummaryRow>(
        db,
        {
          kind: 'person',
          id: people.id,
          sorts: { name: people.name, id: people.id },
          defaultSort: 'name',
          select: baseSelect,
          filters: filterConditions(FILTERS, query),
        },
        query,
      );
      return listResponse(result, toSummary, {
        include: query.include,
        citationsOf: (ids) => citationsOf(db, 'person', ids),
      });
    },

    get(id: string): PersonDetail | null {
      const row = queries.row.get({ id });
      if (!row) return null;
      const view = `/v1/people/${id}`;
      const [positionList, positionsExtent] = positionsOf(id);
      const [relationList, relationsExtent] = relationsOf(id);
      const [eventList, eventsExtent] = eventRolesOf(db, 'person', id, `${view}/events`);
      const [statementList, statementsExtent] = statementsOf(
        db,
        'person',
        id,
        `${view}/statements`,
      );
      const [delegationList, delegationsExtent] = delegationsOf(db, id);
      const [citationList, citationsExtent] = itemCitations(db, 'person', id);
      return {
        ...toSummary(row),
        positions: positionList,
        relations: relationList,
        events: eventList,
        statements: statementList,
        delegations: delegationList,
        citations: citationList,
        lists: {
          positions: positionsExtent,
          relations: relationsExtent,
          events: eventsExtent,
          statements: statementsExtent,
          delegations: delegationsExtent,
          citations: citationsExtent,
        },
      };
    },
  };
}
