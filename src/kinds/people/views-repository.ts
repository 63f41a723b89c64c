/**
 * Paginated views of a person: the events they took part in, what they said, and the delegations
 * they led, joined or received. Each answers null when the person does not exist.
 */
import { and, asc, eq, gt, gte, or, sql } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/database.js';
import { ref } from '../../query/agents.js';
import { existsIn } from '../../query/exists.js';
import { decodeCursor } from '../../query/list/cursor.js';
import { afterKey, mergeSorted, withNextCursor } from '../../query/list/keyset.js';
import type { ViewQuery } from '../../query/shapes.js';
import { dateValue, type Page } from '../../query/shapes.js';
import { briefColumns, toBrief } from '../events/briefs.js';
import { DATE_ORDER } from '../statements/repository.js';
import {
  delegationMembers,
  delegationReceivers,
  delegations,
  events,
  participations,
  places,
  statements,
} from '../tables.js';
import { people } from './table.js';
import type {
  DelegationRole,
  DelegationRoleItem,
  PersonEvent,
  PersonStatement,
} from './view-schemas.js';

const personExists = existsIn(people);

/** Sorts after every real day: undated items come last and keys never hold NULL. */
const UNDATED = '9999-99-99';
const undatedLast = (day: AnySQLiteColumn) => sql<string>`coalesce(${day}, ${UNDATED})`;

export function createPeopleViewsRepository(db: Db) {
  /**
   * A person's statements after the cursor, in the statements list's order: the (speaker, date
   * order) index holds them so. The key comparison is spelled out rather than written as a row
   * value, which SQLite applies to an expression index as a filter on every earlier statement
   * instead of starting its range at the cursor.
   */
  function spokenBy(personId: string, cursor: readonly string[] | undefined, limit: number) {
    const [day, id] = cursor ?? [];
    const after =
      day === undefined || id === undefined
        ? undefined
        : and(gte(DATE_ORDER, day), or(gt(DATE_ORDER, day), gt(statements.id, id)));
    return db
      .select({
        id: statements.id,
        date: statements.date,
        day: DATE_ORDER,
        kind: statements.kind,
        mode: statements.mode,
        text: statements.text,
        eventId: events.id,
        eventTitle: events.title,
      })
      .from(statements)
      .leftJoin(events, eq(events.id, statements.eventId))
      .where(and(eq(statements.speakerPersonId, personId), after))
      .orderBy(asc(DATE_ORDER), asc(statements.id))
      .limit(limit + 1)
      .all();
  }

  function delegationsWithRole(
    role: DelegationRole,
    personId: string,
    cursor: readonly string[] | undefined,
    limit: number,
  ) {
    const base = db
      .selectDistinct({
        id: delegations.id,
        name: delegations.name,
        arrival: delegations.arrival,
        day: undatedLast(delegations.arrivalFirstDay),
        destinationId: places.id,
        destinationName: places.name,
      })
      .from(delegations)
      .leftJoin(places, eq(places.id, delegations.destinationId));
    const after = afterKey(
      [undatedLast(delegations.arrivalFirstDay), delegations.id, sql`${role}`],
      cursor,
    );
    const query =
      role === 'leader'
        ? base.where(and(eq(delegations.leaderId, personId), after))
        : role === 'member'
          ? base
              .innerJoin(delegationMembers, eq(delegationMembers.delegationId, delegations.id))
              .where(and(eq(delegationMembers.personId, personId), after))
          : base
              .innerJoin(delegationReceivers, eq(delegationReceivers.delegationId, delegations.id))
              .where(and(eq(delegationReceivers.personId, personId), after));
    return query
      .orderBy(asc(undatedLast(delegations.arrivalFirstDay)), asc(delegations.id))
      .limit(limit + 1)
      .all()
      .map((row) => ({ ...row, role }));
  }

  return {
    personEvents(personId: string, query: ViewQuery): Page<PersonEvent> | null {
      if (!personExists(db, personId)) return null;
      const list = 'person-events';
      const cursor = query.cursor
        ? decodeCursor(query.cursor, list, ['string', 'string', 'string'])
        : undefined;
      // Keyed on the event's start and id as copied into participations (the same values as
      // events'), so that the page is a range of the (person, start, event, id) index.
      const order = [
        participations.eventStartFirstDay,
        participations.eventId,
        participations.id,
      ] as const;
      const rows = db
        .select({
          ...briefColumns,
          day: participations.eventStartFirstDay,
          role: participations.role,
          participation: participations.id,
        })
        .from(participations)
        .innerJoin(events, eq(events.id, participations.eventId))
        .leftJoin(places, eq(places.id, events.placeId))
        .where(and(eq(participations.personId, personId), afterKey(order, cursor)))
        .orderBy(...order.map((column) => asc(column)))
        .limit(query.limit + 1)
        .all();
      const page = withNextCursor(rows, query.limit, list, (row) => [
        row.day,
        row.id,
        row.participation,
      ]);
      return {
        data: page.rows.map((row) => ({ ...toBrief(row), role: row.role })),
        next_cursor: page.nextCursor,
      };
    },

    personStatements(personId: string, query: ViewQuery): Page<PersonStatement> | null {
      if (!personExists(db, personId)) return null;
      const list = 'person-statements';
      const cursor = query.cursor
        ? decodeCursor(query.cursor, list, ['string', 'string'])
        : undefined;
      const rows = spokenBy(personId, cursor, query.limit);
      const page = withNextCursor(rows, query.limit, list, (row) => [row.day, row.id]);
      return {
        data: page.rows.map((row) => ({
          id: row.id,
          date: dateValue(row.date),
          kind: row.kind,
          mode: row.mode,
          text: row.text,
          event: ref(row.eventId, row.eventTitle),
        })),
        next_cursor: page.nextCursor,
      };
    },

    /** By arrival (unknown arrivals last), then delegation, then role: led, joined, received. */
    personDelegations(personId: string, query: ViewQuery): Page<DelegationRoleItem> | null {
      if (!personExists(db, personId)) return null;
      const list = 'person-delegations';
      const cursor = query.cursor
        ? decodeCursor(query.cursor, list, ['string', 'string', 'string'])
        : undefined;
      const roles = ['leader', 'member', 'receiver'] as const;
      const keyOf = (row: { day: string; id: string; role: string }) => [row.day, row.id, row.role];
      const merged = mergeSorted(
        roles.map((role) => delegationsWithRole(role, personId, cursor, query.limit)),
        query.limit + 1,
        keyOf,
      );
      const page = withNextCursor(merged, query.limit, list, keyOf);
      return {
        data: page.rows.map((row) => ({
          id: row.id,
          name: row.name,
          role: row.role,
          arrival: dateValue(row.arrival),
          destination: ref(row.destinationId, row.destinationName),
        })),
        next_cursor: page.nextCursor,
      };
    },
  };
}
