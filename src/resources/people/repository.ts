import { asc, eq, or, type SQL, sql } from 'drizzle-orm';
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
import { citationsOf } from '../citations/repository.js';
import { pageFrom, runList } from '../list-query.js';
import { organizationAndDescendants } from '../organizations/subtree.js';
import type { Sort } from '../pagination.js';
import { dateValue, type Page } from '../shared.js';
import type {
  DELEGATION_ROLES,
  EventRole,
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

/** The events a person or organization took part in, by date; `who` picks the participant. */
export function eventRolesOf(db: Db, who: SQL): EventRole[] {
  return db
    .select({ id: events.id, name: events.title, role: participations.role, start: events.start })
    .from(participations)
    .innerJoin(events, eq(events.id, participations.eventId))
    .where(who)
    .orderBy(asc(events.startFirstDay), asc(events.id), asc(participations.id))
    .all()
    .map((row) => ({
      event: { id: row.id, name: row.name },
      role: row.role,
      start: dateValue(row.start),
    }));
}

/** What a person or organization said, by date with undated statements last. */
export function statementsOf(db: Db, speaker: SQL): SpokenStatement[] {
  return db
    .select({
      id: statements.id,
      date: statements.date,
      mode: statements.mode,
      kind: statements.kind,
      text: statements.text,
    })
    .from(statements)
    .where(speaker)
    .orderBy(
      sql`${statements.dateFirstDay} is null`,
      asc(statements.dateFirstDay),
      asc(statements.id),
    )
    .all()
    .map((row) => ({ ...row, date: dateValue(row.date) }));
}

type DelegationRole = (typeof DELEGATION_ROLES)[number];

function delegationsOf(db: Db, personId: string) {
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
  return led
    .union(joined)
    .union(received)
    .orderBy(sql`name`, sql`id`, sql`role`)
    .all()
    .map((row) => ({ delegation: { id: row.id, name: row.name }, role: row.role }));
}

export function createPeopleRepository(db: Db) {
  const baseSelect = (extra = {}) =>
    db
      .select({ ...summaryColumns, ...extra })
      .from(people)
      .leftJoin(organizations, eq(organizations.id, people.countryId));

  function positionsOf(personId: string) {
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
      .where(eq(positions.personId, personId))
      .orderBy(asc(positions.start), asc(positions.id))
      .all();
    const cited = citationsOf(
      db,
      'position',
      rows.map((row) => row.id),
    );
    return rows.map((row) => ({
      id: row.id,
      title: row.title,
      organization: ref(row.organizationId, row.organizationName),
      start: dateValue(row.start),
      end: dateValue(row.end),
      citations: cited.get(row.id) ?? [],
    }));
  }

  function relationsOf(personId: string) {
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
      .where(or(eq(relations.personId, personId), eq(relations.relatedPersonId, personId)))
      .orderBy(asc(relations.id))
      .all();
    const cited = citationsOf(
      db,
      'relation',
      rows.map((row) => row.id),
    );
    return rows.map((row) => ({
      id: row.id,
      relation: row.relation,
      person: { id: row.personId, name: row.personName },
      related_person: { id: row.relatedId, name: row.relatedName },
      citations: cited.get(row.id) ?? [],
    }));
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
      return {
        ...toSummary(row),
        positions: positionsOf(id),
        relations: relationsOf(id),
        events: eventRolesOf(db, eq(participations.personId, id)),
        statements: statementsOf(db, eq(statements.speakerPersonId, id)),
        delegations: delegationsOf(db, id),
        citations: citationsOf(db, 'person', [id]).get(id) ?? [],
      };
    },
  };
}

export type PeopleRepository = ReturnType<typeof createPeopleRepository>;
