/**
 * Every fact that cites a source, as one list: the citations of the source in (kind, id, ordinal)
 * order, each with a readable label of its fact. Labels are fetched per kind, for one page at a
 * time, so a source behind a million facts costs one index walk and a handful of lookups a page.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/database.js';
import { statementTitle } from '../kinds/statements/labels.js';
import {
  type CitedKind,
  citations,
  delegations,
  events,
  figures,
  organizations,
  participations,
  people,
  places,
  positions,
  relations,
  sources,
  statements,
} from '../kinds/tables.js';
import { decodeCursor } from '../query/list/cursor.js';
import { afterKey, withNextCursor } from '../query/list/keyset.js';
import type { Page } from '../query/shapes.js';
import type { Claim, ViewQuery } from './schemas.js';

const LIST = 'source-claims';
const related = alias(people, 'related');

type Labeler = (ids: string[]) => { id: string; label: string }[];

function labelers(db: Db): Record<CitedKind, Labeler> {
  const named =
    (table: typeof people | typeof places | typeof organizations): Labeler =>
    (ids) =>
      db
        .select({ id: table.id, label: table.name })
        .from(table)
        .where(inArray(table.id, ids))
        .all();
  return {
    person: named(people),
    place: named(places),
    organization: named(organizations),
    source: (ids) =>
      db
        .select({ id: sources.id, label: sources.title })
        .from(sources)
        .where(inArray(sources.id, ids))
        .all(),
    event: (ids) =>
      db
        .select({ id: events.id, label: events.title })
        .from(events)
        .where(inArray(events.id, ids))
        .all(),
    delegation: (ids) =>
      db
        .select({ id: delegations.id, label: delegations.name })
        .from(delegations)
        .where(inArray(delegations.id, ids))
        .all(),
    figure: (ids) =>
      db
        .select({ id: figures.id, asStated: figures.asStated, measure: figures.measure })
        .from(figures)
        .where(inArray(figures.id, ids))
        .all()
        .map((row) => ({ id: row.id, label: `${row.asStated} ${row.measure}` })),
    statement: (ids) =>
      db
        .select({
          id: statements.id,
          person: people.name,
          organization: organizations.name,
          text: statements.text,
        })
        .from(statements)
        .leftJoin(people, eq(people.id, statements.speakerPersonId))
        .leftJoin(organizations, eq(organizations.id, statements.speakerOrganizationId))
        .where(inArray(statements.id, ids))
        .all()
        .map((row) => ({
          id: row.id,
          label: statementTitle(row.person ?? row.organization, row.text),
        })),
    participation: (ids) =>
      db
        .select({
          id: participations.id,
          person: people.name,
          organization: organizations.name,
          group: participations.groupLabel,
          role: participations.role,
          event: events.title,
        })
        .from(participations)
        .innerJoin(events, eq(events.id, participations.eventId))
        .leftJoin(people, eq(people.id, participations.personId))
        .leftJoin(organizations, eq(organizations.id, participations.organizationId))
        .where(inArray(participations.id, ids))
        .all()
        .map((row) => ({
          id: row.id,
          label: `${row.person ?? row.organization ?? row.group ?? ''} ${row.role} ${row.event}`,
        })),
    position: (ids) =>
      db
        .select({
          id: positions.id,
          person: people.name,
          title: positions.title,
          organization: organizations.name,
        })
        .from(positions)
        .innerJoin(people, eq(people.id, positions.personId))
        .leftJoin(organizations, eq(organizations.id, positions.organizationId))
        .where(inArray(positions.id, ids))
        .all()
        .map((row) => ({
          id: row.id,
          label: `${row.person}: ${row.title}${row.organization ? `, ${row.organization}` : ''}`,
        })),
    relation: (ids) =>
      db
        .select({
          id: relations.id,
          person: people.name,
          relation: relations.relation,
          related: related.name,
        })
        .from(relations)
        .innerJoin(people, eq(people.id, relations.personId))
        .innerJoin(related, eq(related.id, relations.relatedPersonId))
        .where(inArray(relations.id, ids))
        .all()
        .map((row) => ({ id: row.id, label: `${row.person} ${row.relation} ${row.related}` })),
  };
}

export function createClaimsRepository(db: Db) {
  const labelsOf = labelers(db);

  /** The labels of the facts on one page, keyed by kind and id. */
  function labels(rows: { kind: CitedKind; id: string }[]): Map<string, string> {
    const idsByKind = new Map<CitedKind, Set<string>>();
    for (const row of rows)
      idsByKind.set(row.kind, (idsByKind.get(row.kind) ?? new Set()).add(row.id));
    const found = new Map<string, string>();
    for (const [kind, ids] of idsByKind) {
      for (const { id, label } of labelsOf[kind]([...ids])) found.set(`${kind}/${id}`, label);
    }
    return found;
  }

  return {
    sourceClaims(sourceId: string, query: ViewQuery): Page<Claim> | null {
      const source = db.select({ id: sources.id }).from(sources).where(eq(sources.id, sourceId));
      if (!source.get()) return null;
      const cursor = query.cursor
        ? decodeCursor(query.cursor, LIST, ['string', 'string', 'number'])
        : undefined;
      const key = [citations.subjectKind, citations.subjectId, citations.ordinal] as const;
      const rows = db
        .select({
          kind: citations.subjectKind,
          id: citations.subjectId,
          ordinal: citations.ordinal,
          excerpt: citations.excerpt,
        })
        .from(citations)
        .where(and(eq(citations.sourceId, sourceId), afterKey(key, cursor)))
        .orderBy(...key.map((column) => asc(column)))
        .limit(query.limit + 1)
        .all();
      const page = withNextCursor(rows, query.limit, LIST, (row) => [
        row.kind,
        row.id,
        row.ordinal,
      ]);
      const labelOf = labels(page.rows);
      return {
        data: page.rows.map((row) => ({
          kind: row.kind,
          id: row.id,
          title: labelOf.get(`${row.kind}/${row.id}`) ?? row.id,
          excerpt: row.excerpt,
        })),
        next_cursor: page.nextCursor,
      };
    },
  };
}
