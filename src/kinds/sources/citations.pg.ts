/**
 * Citations read on PostgreSQL (citations.ts reads them on SQLite): the same rows in the same
 * order (by fact, ordinal; steps by fact, ordinal, step), made into citations by the same
 * accountsOf and toCitation.
 */
import {
  type CappedRows,
  cappedOf,
  cappedPart,
  type PgClient,
  rowsOf,
  rowsPart,
} from '../../query/embedded.pg.js';
import { CITATIONS_MAX, type Citation, type EmbeddedList } from '../../query/shapes.js';
import type { CitedKind } from '../tables.js';
import { accountsOf, type CitationRow, type StepRow, toCitation } from './citations.js';

/** A step's readable name, as citations.ts `stepName`: the source's title, the party's name. */
export const STEP_NAME = `coalesce(
  (select title from sources where t.step_kind = 'source' and id = t.step_id),
  (select name from people where t.step_kind = 'person' and id = t.step_id),
  (select name from organizations where t.step_kind = 'organization' and id = t.step_id),
  t.step_id)`;

const STEPS_OF = `select t.subject_id as "subjectId", t.ordinal, t.step_kind as kind, t.step_id as id,
    ${STEP_NAME} as name
  from citation_steps t`;

const STEPS = `${STEPS_OF} where t.subject_kind = $1 and t.subject_id = any($2::text[])
  order by t.subject_id, t.ordinal, t.step`;

const CITATIONS = `select c.subject_id as "subjectId", c.ordinal, s.id as "sourceId",
    s.title as "sourceTitle", c.excerpt
  from citations c join sources s on s.id = c.source_id`;

const stepsOf = (client: PgClient, kind: CitedKind, ids: string[]) =>
  rowsOf<StepRow>(client, STEPS, [kind, ids]);

/** The citations of facts grouped by fact, the first `max` of each, in order. */
function groupedCitations(
  steps: StepRow[],
  rows: CitationRow[],
  max: number,
): Map<string, Citation[]> {
  const cite = toCitation(accountsOf(steps));
  const grouped = new Map<string, Citation[]>();
  for (const row of rows) {
    const list = grouped.get(row.subjectId);
    if (!list) grouped.set(row.subjectId, [cite(row)]);
    else if (list.length < max) list.push(cite(row));
  }
  return grouped;
}

/**
 * The citations of many facts of one kind, grouped by the fact's id: all of them (citationsOf's
 * twin), or the first `max` of each, as an item embeds a fact's (SQLite's `limit` per fact).
 */
export async function citationsOfPostgres(
  client: PgClient,
  kind: CitedKind,
  ids: string[],
  max = Number.POSITIVE_INFINITY,
): Promise<Map<string, Citation[]>> {
  if (ids.length === 0) return new Map();
  const steps = await stepsOf(client, kind, ids);
  const rows = await rowsOf<CitationRow>(
    client,
    `${CITATIONS} where c.subject_kind = $1 and c.subject_id = any($2::text[])
      order by c.subject_id, c.ordinal`,
    [kind, ids],
  );
  return groupedCitations(steps, rows, max);
}

/*
 * The same reads as parts of an item's one statement (embedded.pg.ts itemStatement), the item's
 * id its $1, each `{ citations, steps }`. `kind` is written into the SQL: each is a CitedKind
 * literal that an item module passes once, when it loads.
 */

/** A part of the item's own citations, at most CITATIONS_MAX, read by itemCitationsOf. */
export function itemCitationsPart(kind: CitedKind): string {
  const citations = cappedPart(
    {
      select: `${CITATIONS} where c.subject_kind = '${kind}' and c.subject_id = $1
        order by c.ordinal`,
      count: `select count(*) from citations where subject_kind = '${kind}' and subject_id = $1`,
    },
    CITATIONS_MAX,
  );
  const steps = rowsPart(`${STEPS_OF} where t.subject_kind = '${kind}' and t.subject_id = $1
    order by t.ordinal, t.step`);
  return `json_build_object('citations', ${citations}, 'steps', ${steps})`;
}

/** The citations behind the item, at most CITATIONS_MAX, and how many: itemCitations' twin. */
export function itemCitationsOf(read: {
  citations: CappedRows<CitationRow>;
  steps: StepRow[];
}): [Citation[], EmbeddedList] {
  const [rows, extent] = cappedOf(read.citations, null, CITATIONS_MAX);
  return [rows.map(toCitation(accountsOf(read.steps))), extent];
}

/**
 * A part of the citations of the facts of `kind` whose ids `ids` selects (SQL of a subquery over
 * the item's $1, e.g. its first participations): all of them, read by factCitationsOf.
 */
export function factCitationsPart(kind: CitedKind, ids: string): string {
  const citations = rowsPart(`${CITATIONS} where c.subject_kind = '${kind}'
    and c.subject_id in (${ids}) order by c.subject_id, c.ordinal`);
  const steps = rowsPart(`${STEPS_OF} where t.subject_kind = '${kind}'
    and t.subject_id in (${ids}) order by t.subject_id, t.ordinal, t.step`);
  return `json_build_object('citations', ${citations}, 'steps', ${steps})`;
}

/** The citations factCitationsPart read, by fact, the first `max` of each (citationsOf's twin). */
export function factCitationsOf(
  read: { citations: CitationRow[]; steps: StepRow[] },
  max = CITATIONS_MAX,
): Map<string, Citation[]> {
  return groupedCitations(read.steps, read.citations, max);
}
