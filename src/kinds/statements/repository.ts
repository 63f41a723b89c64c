import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { inJsonList, perConnection } from '../../db/prepared.js';
import { ref, toAgent } from '../../query/agents.js';
import { type Filter, listFilters } from '../../query/filters.js';
import { type ListSpec, listResponse, runList } from '../../query/list/run.js';
import { dateValue, type Page } from '../../query/shapes.js';
import { basisOf } from '../../records/basis.js';
import { citationsOf } from '../sources/citations.js';
import { delegations, events, organizations, people, places, statements } from '../tables.js';
import type { StatementDetail, StatementListQuery, StatementSummary } from './schemas.js';

/** Sorts after every real day, so undated statements come last and keyset comparison sees no NULL. */
// Spelled exactly as the date-order indexes (statements_date_order_idx and the ones led by a
// speaker, event, delegation or mode: migrations 0006-0008): a bound parameter in its place would
// keep SQLite from using them.
export const DATE_ORDER = sql<string>`coalesce(${statements.dateFirstDay}, '9999-99-99')`;

const summaryColumns = {
  id: statements.id,
  personId: statements.speakerPersonId,
  personName: people.name,
  organizationId: statements.speakerOrganizationId,
  organizationName: organizations.name,
  date: statements.date,
  dateFirstDay: statements.dateFirstDay,
  placeId: statements.placeId,
  placeName: places.name,
  eventId: statements.eventId,
  eventTitle: events.title,
  delegationId: statements.delegationId,
  delegationName: delegations.name,
  kind: statements.kind,
  mode: statements.mode,
  text: statements.text,
};

export type SummaryRow = {
  id: string;
  personId: string | null;
  personName: string | null;
  organizationId: string | null;
  organizationName: string | null;
  date: string | null;
  placeId: string | null;
  placeName: string | null;
  eventId: string | null;
  eventTitle: string | null;
  delegationId: string | null;
  delegationName: string | null;
  kind: string;
  mode: StatementSummary['mode'];
  text: string;
};

export function toSummary(row: SummaryRow): StatementSummary {
  return {
    id: row.id,
    speaker: toAgent(row),
    date: dateValue(row.date),
    place: ref(row.placeId, row.placeName),
    event: ref(row.eventId, row.eventTitle),
    delegation: ref(row.delegationId, row.delegationName),
    kind: row.kind,
    mode: row.mode,
    text: row.text,
  };
}

export const FILTERS: Filter<StatementListQuery>[] = [
  // Spans overlap the range when the statement's last day is after the range starts and its first
  // day before it ends; NULL days fail both comparisons, so undated statements drop out.
  { param: 'from', op: 'overlapsFrom', column: statements.dateLastDay },
  // A partial date overlapping `from` starts no earlier than 1 January two years before from's
  // year (`2022~` is 2021 to 2023), so the range on the date-order index starts there rather than
  // at the first statement ever.
  { param: 'from', op: 'sinceYearOf', column: DATE_ORDER },
  // On the order key rather than the first day, so that the date-order index range is closed at
  // `to` as well; an undated statement's key sorts after every `to`, so it still drops out.
  { param: 'to', op: 'overlapsTo', column: DATE_ORDER },
  // The statement's own place (and the places inside it), never its event's: a statement whose
  // place is unknown does not match.
  { param: 'place', op: 'inSubtree', column: statements.placeId, tree: places },
  { param: 'event', op: 'eq', column: statements.eventId },
  { param: 'delegation', op: 'eq', column: statements.delegationId },
  { param: 'mode', op: 'eq', column: statements.mode },
];

/** Statements with their speaker, place, event and delegation joined. */
const selectStatements = (db: Db, extra = {}) =>
  db
    .select({ ...summaryColumns, ...extra })
    .from(statements)
    .leftJoin(people, eq(people.id, statements.speakerPersonId))
    .leftJoin(organizations, eq(organizations.id, statements.speakerOrganizationId))
    .leftJoin(places, eq(places.id, statements.placeId))
    .leftJoin(events, eq(events.id, statements.eventId))
    .leftJoin(delegations, eq(delegations.id, statements.delegationId));

/** A statement by `id`, and a speaker-filtered page's rows by `ids` (runList's partitions). */
const queries = perConnection((db) => ({
  row: selectStatements(db)
    .where(eq(statements.id, sql.placeholder('id')))
    .prepare(),
  rowsOf: selectStatements(db).where(inJsonList(statements.id, 'ids')).prepare(),
}));

/** The list's sorts, on either backend (run.ts, run.pg.ts). */
export const STATEMENTS_LIST = {
  kind: 'statement',
  sorts: { date: DATE_ORDER, id: statements.id },
  defaultSort: 'date',
} satisfies Pick<ListSpec, 'kind' | 'sorts' | 'defaultSort'>;

export function createStatementsRepository(db: Db) {
  const baseSelect = (extra = {}) => selectStatements(db, extra);

  return {
    list(query: StatementListQuery): Page<StatementSummary> {
      const result = runList<SummaryRow>(
        db,
        {
          ...STATEMENTS_LIST,
          id: statements.id,
          select: baseSelect,
          ...listFilters(FILTERS, query),
          // A speaker is a person or an organization: each column's (speaker, date order) index
          // reads its statements in order, where an OR of the two would sort them all. A statement
          // has exactly one speaker (statements_one_speaker), so the two parts never overlap.
          partitions: query.speaker
            ? {
                table: statements,
                parts: [
                  eq(statements.speakerPersonId, query.speaker),
                  eq(statements.speakerOrganizationId, query.speaker),
                ],
                rowsOf: (ids) => queries(db).rowsOf.all({ ids }),
              }
            : undefined,
        },
        query,
      );
      return listResponse(result, toSummary, {
        include: query.include,
        citationsOf: (ids) => citationsOf(db, 'statement', ids),
      });
    },

    get(id: string): StatementDetail | null {
      const row = queries(db).row.get({ id });
      if (!row) return null;
      return {
        ...toSummary(row),
        citations: citationsOf(db, 'statement', [id]).get(id) ?? [],
        basis: basisOf(db, 'statement', id),
      };
    },
  };
}
