/**
 * Citations read on PostgreSQL (citations.ts reads them on SQLite): the same rows in the same
 * order (by fact, ordinal; steps by fact, ordinal, step), made into citations by the same
 * accountsOf and toCitation.
 */
import { cappedList, type PgClient, rowsOf } from '../../query/embedded.pg.js';
import { CITATIONS_MAX, type Citation, type EmbeddedList } from '../../query/shapes.js';
import type { CitedKind } from '../tables.js';
import { accountsOf, type CitationRow, type StepRow, toCitation } from './citations.js';

/** A step's readable name, as citations.ts `stepName`: the source's title, the party's name. */
export const STEP_NAME = `coalesce(
  (select title from sources where t.step_kind = 'source' and id = t.step_id),
  (select name from people where t.step_kind = 'person' and id = t.step_id),
  (select name from organizations where t.step_kind = 'organization' and id = t.step_id),
  t.step_id)`;

const STEPS = `select t.subject_id as "subjectId", t.ordinal, t.step_kind as kind, t.step_id as id,
    ${STEP_NAME} as name
  from citation_steps t where t.subject_kind = $1 and t.subject_id = any($2::text[])
  order by t.subject_id, t.ordinal, t.step`;

const CITATIONS = `select c.subject_id as "subjectId", c.ordinal, s.id as "sourceId",
    s.title as "sourceTitle", c.excerpt
  from citations c join sources s on s.id = c.source_id`;

const stepsOf = (client: PgClient, kind: CitedKind, ids: string[]) =>
  rowsOf<StepRow>(client, STEPS, [kind, ids]);

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
  const grouped = new Map<string, Citation[]>();
  if (ids.length === 0) return grouped;
  const cite = toCitation(accountsOf(await stepsOf(client, kind, ids)));
  const rows = await rowsOf<CitationRow>(
    client,
    `${CITATIONS} where c.subject_kind = $1 and c.subject_id = any($2::text[])
      order by c.subject_id, c.ordinal`,
    [kind, ids],
  );
  for (const row of rows) {
    const list = grouped.get(row.subjectId);
    if (!list) grouped.set(row.subjectId, [cite(row)]);
    else if (list.length < max) list.push(cite(row));
  }
  return grouped;
}

/** The citations behind one item, at most CITATIONS_MAX, and how many: itemCitations' twin. */
export async function itemCitationsPostgres(
  client: PgClient,
  kind: CitedKind,
  id: string,
): Promise<[Citation[], EmbeddedList]> {
  const cite = toCitation(accountsOf(await stepsOf(client, kind, [id])));
  const [rows, extent] = await cappedList<CitationRow>(
    client,
    {
      select: `${CITATIONS} where c.subject_kind = $1 and c.subject_id = $2 order by c.ordinal`,
      count: 'select count(*) as n from citations where subject_kind = $1 and subject_id = $2',
      values: [kind, id],
    },
    null,
    CITATIONS_MAX,
  );
  return [rows.map(cite), extent];
}
