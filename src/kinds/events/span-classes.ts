import { and, eq, gte, type SQL } from 'drizzle-orm';
import { LONGEST_SPAN_CLASS, SPAN_CLASS_DAYS, shiftDays } from '../../domain/partial-date.js';
import { events } from '../tables.js';

/**
 * The events that may overlap a period starting on `firstDay`, as one index range per span
 * class (events_span_start_idx): an event of a class starts at most the class's bound before
 * the day it overlaps. Their union replaces a scan of every event that started before the
 * period's end, which grows with the whole history.
 */
export function spanClassRanges(firstDay: string): SQL[] {
  return [
    ...SPAN_CLASS_DAYS.map(
      (days, spanClass) =>
        and(
          eq(events.spanClass, spanClass),
          gte(events.startFirstDay, shiftDays(firstDay, -days)),
        ) as SQL,
    ),
    eq(events.spanClass, LONGEST_SPAN_CLASS),
  ];
}
