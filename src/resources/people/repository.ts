import { and, asc, eq, isNotNull, isNull, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/database.js';
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
} from '../../db/schema/index.js';
import { ref } from '../agents.js';
import { citationsOf, itemCitations } from '../citations/repository.js';
import { capped, countWhere } from '../embedded.js';
import { pageFrom, runList } from '../list-query.js';
import { organizationAndDescendants } from '../organizations/subtree.js';
import { CITATIONS_MAX, dateValue, EMBEDDED_MAX, type EmbeddedList, type Page } from '../shared.js';
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

function filtersOf(query: PersonListQuery): SQL[] {
  const conditions: SQL[] = [];
  if (query.organization) {
    conditions.push(
      sql`${people.id} in (select ${positions.personId} from ${positions}
        where ${positions.organizationId} in ${organizationAndDescendants(query.organization)})`,
    );
  }
  return conditions;
}

/**
 * The first events a person or organization took part in, by date, and how many there are;
 * `who` picks the participant, `more` is the view that has them all.
 */
export function eventRolesOf(db: Db, who: SQL, more: string | null): [EventRole[], EmbeddedList] {
  const rows = db
    .select({ id: events.id, name: events.title, role: participations.role, start: events.start })
    .from(participations)
    .innerJoin(events, eq(events.id, participations.eventId))
    .where(who)
    .orderBy(asc(events.startFirstDay), asc(events.id), asc(participations.id))
    .limit(EMBEDDED_MAX + 1)
    .all()
    .map((row) => ({
      event: { id: row.id, name: row.name },
      role: row.role,
      start: dateValue(row.start),
    }));
  return capped(rows, () => countWhere(db, participations, who), more);
}

/**
 * The first things a person or organization said, by date with undated statements last, and how
 * many there are. Dated and undated are read apart, so that the dated ones follow the (speaker,
 * date) index in order instead of sorting everything the speaker ever said.
 */
export function statementsOf(
  db: Db,
  speaker: SQL,
  more: string | null,
): [SpokenStatement[], EmbeddedList] {
  const spoken = (dated: boolean, limit: number) =>
    db
      .select({
        id: statements.id,
        date: statements.date,
        mode: statements.mode,
        kind: statements.kind,
        text: statements.text,
      })
      .from(statements)
      .where(
        and(speaker, dated ? isNotNull(statements.dateFirstDay) : isNull(statements.dateFirstDay)),
      )
      .orderBy(asc(statements.dateFirstDay), asc(statements.id))
      .limit(limit)
      .all();
  const dated = spoken(true, EMBEDDED_MAX + 1);
  const rows =
    dated.length > EMBEDDED_MAX
      ? dated
      : [...dated, ...spoken(false, EMBEDDED_MAX + 1 - dated.length)];
  return capped(
    rows.map((row) => ({ ...row, date: dateValue(row.date) })),
    () => countWhere(db, statements, speaker),
    more,
  );
}

type DelegationRole = (typeof DELEGATION_ROLES)[number];

/** The delegations a person led, joined or received, by name, and how many there are. */
function delegationsOf(db: Db, personId: string): [PersonDelegation[], EmbeddedList] {
  const asRole = (role: DelegationRole) => ({
    id: delegations.id,
    name: delegations.name,
    role: sql<DelegationRole>`${role}`.as('role'),
  });
  // A builder is changed by `union`, `orderBy` and `limit`: each use builds its own.
  const all = () => {
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
  };
  const rows = all()
    .orderBy(sql`name`, sql`id`, sql`role`)
    .limit(EMBEDDED_MAX + 1)
    .all()
    .map((row) => ({ delegation: { id: row.id, name: row.name }, role: row.role }));
  const countAll = () => db.get<{ n: number }>(sql`select count(*) as n from (${all()})`).n;
  return capped(rows, countAll, `/v1/people/${personId}/delegations`);
}

export function createPeopleRepository(db: Db) {
  const baseSelect = (extra = {}) =>
    db
      .select({ ...summaryColumns, ...extra })
      .from(people)
      .leftJoin(organizations, eq(organizations.id, people.countryId));

  function positionsOf(personId: string): [PersonDetail['positions'], EmbeddedList] {
    const ofPerson = eq(positions.personId, personId);
    const rows = db
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
      .where(ofPerson)
      .orderBy(asc(positions.start), asc(positions.id))
      .limit(EMBEDDED_MAX + 1)
      .all();
    const [shown, extent] = capped(rows, () => countWhere(db, positions, ofPerson), null);
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
    const either = or(eq(relations.personId, personId), eq(relations.relatedPersonId, personId));
    const rows = db
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
      .where(either)
      .orderBy(asc(relations.id))
      .limit(EMBEDDED_MAX + 1)
      .all();
    const [shown, extent] = capped(rows, () => countWhere(db, relations, either), null);
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
          filters: filtersOf(query),
        },
        query,
      );
      return pageFrom(result, toSummary, { db, kind: 'person', include: query.include });
    },

    get(id: string): PersonDetail | null {
      const row = baseSelect().where(eq(people.id, id)).get();
      if (!row) return null;
      const view = `/v1/people/${id}`;
      const [positionList, positionsExtent] = positionsOf(id);
      const [relationList, relationsExtent] = relationsOf(id);
      const [eventList, eventsExtent] = eventRolesOf(
        db,
        eq(participations.personId, id),
        `${view}/events`,
      );
      const [statementList, statementsExtent] = statementsOf(
        db,
        eq(statements.speakerPersonId, id),
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

export type PeopleRepository = ReturnType<typeof createPeopleRepository>;
