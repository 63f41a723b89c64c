import { asc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/database.js';
import { perConnection } from '../../db/prepared.js';
import { ref, toAgent } from '../../query/agents.js';
import { capped, countWhere } from '../../query/embedded.js';
import { type Filter, listFilters } from '../../query/filters.js';
import { type ListSpec, listResponse, runList } from '../../query/list/run.js';
import { dateValue, EMBEDDED_MAX, type Page } from '../../query/shapes.js';
import { basisOf } from '../../records/basis.js';
import { citationsOf, itemCitations } from '../sources/citations.js';
import { DATE_ORDER } from '../statements/repository.js';
import {
  delegationMembers,
  delegationReceivers,
  delegations,
  type EventStatus,
  events,
  organizations,
  people,
  places,
  statements,
} from '../tables.js';
import type { DelegationDetail, DelegationListQuery, DelegationSummary } from './schemas.js';

const destination = alias(places, 'destination');
const arrivalPlace = alias(places, 'arrival_place');
// Arrival is often unknown, so the list sorts on the name, which every delegation has.

const summaryColumns = {
  id: delegations.id,
  name: delegations.name,
  leaderId: delegations.leaderId,
  leaderName: people.name,
  senderId: delegations.senderId,
  senderName: organizations.name,
  destinationId: delegations.destinationId,
  destinationName: destination.name,
  eventId: delegations.eventId,
  eventTitle: events.title,
  arrival: delegations.arrival,
  status: delegations.status,
  arrivalPlaceId: delegations.arrivalPlaceId,
  arrivalPlaceName: arrivalPlace.name,
  purpose: delegations.purpose,
};

export type SummaryRow = {
  id: string;
  name: string;
  leaderId: string | null;
  leaderName: string | null;
  senderId: string | null;
  senderName: string | null;
  destinationId: string | null;
  destinationName: string | null;
  eventId: string | null;
  eventTitle: string | null;
  arrival: string | null;
  status: EventStatus;
  arrivalPlaceId: string | null;
  arrivalPlaceName: string | null;
  purpose: string | null;
};

export function toSummary(row: SummaryRow): DelegationSummary {
  return {
    id: row.id,
    name: row.name,
    leader: ref(row.leaderId, row.leaderName),
    sender: ref(row.senderId, row.senderName),
    destination: ref(row.destinationId, row.destinationName),
    event: ref(row.eventId, row.eventTitle),
    arrival: dateValue(row.arrival),
    status: row.status,
    arrival_place: ref(row.arrivalPlaceId, row.arrivalPlaceName),
    purpose: row.purpose,
  };
}

export const FILTERS: Filter<DelegationListQuery>[] = [
  { param: 'leader', op: 'eq', column: delegations.leaderId },
  { param: 'sender', op: 'eq', column: delegations.senderId },
  { param: 'event', op: 'eq', column: delegations.eventId },
  { param: 'status', op: 'eq', column: delegations.status },
  { param: 'destination', op: 'inSubtree', column: delegations.destinationId, tree: places },
];

/** Delegations with their leader, sender, destination, event and arrival place joined. */
const selectDelegations = (db: Db, extra = {}) =>
  db
    .select({ ...summaryColumns, ...extra })
    .from(delegations)
    .leftJoin(people, eq(people.id, delegations.leaderId))
    .leftJoin(organizations, eq(organizations.id, delegations.senderId))
    .leftJoin(destination, eq(destination.id, delegations.destinationId))
    .leftJoin(events, eq(events.id, delegations.eventId))
    .leftJoin(arrivalPlace, eq(arrivalPlace.id, delegations.arrivalPlaceId));

const id = sql.placeholder('id');

/** A delegation's own lookups, by `id`, prepared once per connection. */
const queries = perConnection((db) => ({
  row: selectDelegations(db).where(eq(delegations.id, id)).prepare(),
  members: db
    .select({ id: people.id, name: people.name, role: delegationMembers.role })
    .from(delegationMembers)
    .innerJoin(people, eq(people.id, delegationMembers.personId))
    .where(eq(delegationMembers.delegationId, id))
    .orderBy(asc(people.name), asc(people.id))
    .limit(EMBEDDED_MAX + 1)
    .prepare(),
  receivers: db
    .select({
      personId: delegationReceivers.personId,
      personName: people.name,
      organizationId: delegationReceivers.organizationId,
      organizationName: organizations.name,
      groupLabel: delegationReceivers.groupLabel,
      role: delegationReceivers.role,
      placeId: delegationReceivers.placeId,
      placeName: places.name,
    })
    .from(delegationReceivers)
    .leftJoin(people, eq(people.id, delegationReceivers.personId))
    .leftJoin(organizations, eq(organizations.id, delegationReceivers.organizationId))
    .leftJoin(places, eq(places.id, delegationReceivers.placeId))
    .where(eq(delegationReceivers.delegationId, id))
    .orderBy(asc(delegationReceivers.ordinal))
    .limit(EMBEDDED_MAX + 1)
    .prepare(),
  statements: db
    .select({
      id: statements.id,
      personId: statements.speakerPersonId,
      personName: people.name,
      organizationId: statements.speakerOrganizationId,
      organizationName: organizations.name,
      date: statements.date,
      mode: statements.mode,
      text: statements.text,
    })
    .from(statements)
    .leftJoin(people, eq(people.id, statements.speakerPersonId))
    .leftJoin(organizations, eq(organizations.id, statements.speakerOrganizationId))
    .where(eq(statements.delegationId, id))
    // Chronological like the statements list, undated last: the list's order key, so that
    // statements_delegation_order_idx reads them in order.
    .orderBy(asc(DATE_ORDER), asc(statements.id))
    .limit(EMBEDDED_MAX + 1)
    .prepare(),
}));

/** The list's sorts, on either backend (run.ts, run.pg.ts). */
export const DELEGATIONS_LIST = {
  kind: 'delegation',
  sorts: {
    name: delegations.name,
    arrival: sql`coalesce(${delegations.arrivalFirstDay}, '9999-99-99')`,
    id: delegations.id,
  },
  defaultSort: 'name',
} satisfies Pick<ListSpec, 'kind' | 'sorts' | 'defaultSort'>;

export function createDelegationsRepository(db: Db) {
  const baseSelect = (extra = {}) => selectDelegations(db, extra);

  return {
    list(query: DelegationListQuery): Page<DelegationSummary> {
      const result = runList<SummaryRow>(
        db,
        {
          ...DELEGATIONS_LIST,
          id: delegations.id,
          select: baseSelect,
          ...listFilters(FILTERS, query),
        },
        query,
      );
      return listResponse(result, toSummary, {
        include: query.include,
        citationsOf: (ids) => citationsOf(db, 'delegation', ids),
      });
    },

    get(id: string): DelegationDetail | null {
      const row = queries(db).row.get({ id });
      if (!row) return null;
      const [members, membersExtent] = capped(
        queries(db).members.all({ id }),
        () => countWhere(db, delegationMembers, eq(delegationMembers.delegationId, id)),
        null,
      );
      const [receivers, receiversExtent] = capped(
        queries(db).receivers.all({ id }),
        () => countWhere(db, delegationReceivers, eq(delegationReceivers.delegationId, id)),
        null,
      );
      const [said, statementsExtent] = capped(
        queries(db).statements.all({ id }),
        () => countWhere(db, statements, eq(statements.delegationId, id)),
        null,
      );
      const [citationList, citationsExtent] = itemCitations(db, 'delegation', id);
      return {
        ...toSummary(row),
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
        citations: citationList,
        basis: basisOf(db, 'delegation', id),
        lists: {
          members: membersExtent,
          receivers: receiversExtent,
          statements: statementsExtent,
          citations: citationsExtent,
        },
      };
    },
  };
}
