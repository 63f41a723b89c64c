/** Events: what happened, when (partial dates kept as given), where, and as part of what. */
import { and, gte, inArray, lte, type SQL } from 'drizzle-orm';
import { firstDay, lastDay, spanClassOf } from '../../domain/partial-date.js';
import { defineKind } from '../../records/definition.js';
import { endsAfterStart } from '../../records/fields.js';
import { EventRecord, EventShape } from './record.js';
import { eventNames, events } from './table.js';
import { eventNames as pgEventNames, events as pgEvents } from './table.pg.js';

/** Events whose span overlaps the period (partial dates): they end after it starts, start before it ends. */
export function eventsInPeriod(from: string | undefined, to: string | undefined): SQL | undefined {
  return and(
    from ? gte(events.endLastDay, firstDay(from)) : undefined,
    to ? lte(events.startFirstDay, lastDay(to)) : undefined,
  );
}

export const eventsKind = defineKind({
  name: 'events',
  singular: 'event',
  tag: 'events',
  resource: true,
  about: 'What happened, when and where.',
  table: events,
  pgTable: pgEvents,
  record: EventRecord,
  shape: EventShape,
  refine: endsAfterStart,
  columns: {
    id: 'id',
    type: 'type',
    title: 'title',
    summary: 'summary',
    start: 'start',
    end: 'end',
    status: 'status',
    place: 'placeId',
    parent: 'parentId',
    commemorates: 'commemoratesId',
  },
  derive: (r) => ({
    startFirstDay: firstDay(r.start),
    endLastDay: lastDay(r.end ?? r.start),
    startLastDay: lastDay(r.start),
    endFirstDay: firstDay(r.end ?? r.start),
    spanClass: spanClassOf(firstDay(r.start), lastDay(r.end ?? r.start)),
  }),
  lists: [
    {
      field: 'names',
      table: eventNames,
      pgTable: pgEventNames,
      owner: eventNames.eventId,
      order: eventNames.ordinal,
      toRows: (r) => r.names.map((n, ordinal) => ({ ordinal, name: n.name, usedBy: n.used_by })),
      fromRow: (n) => ({ name: n.name, used_by: n.usedBy }),
    },
  ],
  references: [
    { field: 'place', target: 'places', column: events.placeId },
    { field: 'parent', target: 'events', column: events.parentId },
    { field: 'commemorates', target: 'events', column: events.commemoratesId },
  ],
  csv: true,
  inPeriod: eventsInPeriod,
  label: (db, ids) =>
    db
      .select({ id: events.id, label: events.title })
      .from(events)
      .where(inArray(events.id, ids))
      .all(),
  example: { id: 'kim-jong-un-wreath-laying-cpv-cemetery', patch: { summary: null } },
});
