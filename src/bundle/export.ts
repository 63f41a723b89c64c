/**
 * Writes the knowledge base (or a subset) as a bundle, a batch at a time: JSON (the bundle
 * object, one record a line inside each array) or NDJSON (`{"kind": ..., "record": ...}` a line).
 * Records come in kind order, then id order, in their canonical shape (records.ts), so the same
 * data always gives the same bytes.
 */
import { and, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { firstDay, lastDay } from '../domain/partial-date.js';
import * as t from '../kinds/tables.js';
import { iterateRecords } from './records.js';
import { BUNDLE_KINDS, type BundleKind } from './schema.js';

export type ExportFormat = 'json' | 'ndjson';

export interface ExportOptions {
  format: ExportFormat;
  /** Only these kinds; all when absent. */
  kinds?: BundleKind[];
  /** Narrow the dated kinds to a period (partial dates; spans that overlap it). */
  from?: string;
  to?: string;
}

/** Records per chunk handed to the stream: large enough to be cheap, small enough to interleave. */
const CHUNK_RECORDS = 200;

function eventsInPeriod(from?: string, to?: string): SQL | undefined {
  return and(
    from ? gte(t.events.endLastDay, firstDay(from)) : undefined,
    to ? lte(t.events.startFirstDay, lastDay(to)) : undefined,
  );
}

/**
 * Which records of a kind a period keeps: events by their span, statements by their date,
 * delegations by their arrival, participations and figures by their event. Other kinds are
 * not dated and are kept whole.
 */
function periodFilter(kind: BundleKind, from?: string, to?: string): SQL | undefined {
  if (!from && !to) return undefined;
  const inEvents = () =>
    sql`(select ${t.events.id} from ${t.events} where ${eventsInPeriod(from, to) ?? sql`1`})`;
  switch (kind) {
    case 'events':
      return eventsInPeriod(from, to);
    case 'statements':
      return and(
        from ? gte(t.statements.dateLastDay, firstDay(from)) : undefined,
        to ? lte(t.statements.dateFirstDay, lastDay(to)) : undefined,
      );
    case 'delegations':
      return and(
        from ? gte(t.delegations.arrivalFirstDay, firstDay(from)) : undefined,
        to ? lte(t.delegations.arrivalFirstDay, lastDay(to)) : undefined,
      );
    case 'participations':
      return inArray(t.participations.eventId, inEvents());
    case 'figures':
      return inArray(t.figures.eventId, inEvents());
    default:
      return undefined;
  }
}

/** The export as text chunks, produced lazily as the stream is read. */
export function* exportChunks(db: Db, options: ExportOptions): Generator<string> {
  const kinds = BUNDLE_KINDS.filter((k) => !options.kinds || options.kinds.includes(k));
  const json = options.format === 'json';
  if (json) yield '{"format":"annals-bundle","version":1';
  for (const kind of kinds) {
    if (json) yield `,\n${JSON.stringify(kind)}:[`;
    let chunk: string[] = [];
    let first = true;
    for (const record of iterateRecords(db, kind, periodFilter(kind, options.from, options.to))) {
      const text = JSON.stringify(record);
      chunk.push(
        json
          ? `${first ? '' : ','}\n${text}`
          : `{"kind":${JSON.stringify(kind)},"record":${text}}\n`,
      );
      first = false;
      if (chunk.length >= CHUNK_RECORDS) {
        yield chunk.join('');
        chunk = [];
      }
    }
    if (chunk.length > 0) yield chunk.join('');
    if (json) yield first ? ']' : '\n]';
  }
  if (json) yield '}\n';
}
