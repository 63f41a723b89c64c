/**
 * The readable labels of cited facts on PostgreSQL, for a source's claims (claims.pg.ts): each
 * kind's `label` (its definition.ts) read from the twin tables and put together the same way in
 * JavaScript, so the same rows give the same text (a statement's cut by the same statementTitle).
 */
import { type PgClient, rowsOf } from '../../query/embedded.pg.js';
import type { CitedKind } from '../../records/cited-kinds.js';
import { statementTitle } from '../statements/labels.js';

type Labelled = { id: string; label: string };
type Label = { sql: string; label?: (row: Record<string, string | null>) => string };

/** A kind whose label is one column of its own row. */
const column = (table: string, name: string): Label => ({
  sql: `select id, ${name} as label from ${table} where id = any($1::text[])`,
});

const LABELS: Record<CitedKind, Label> = {
  source: column('sources', 'title'),
  place: column('places', 'name'),
  organization: column('organizations', 'name'),
  person: column('people', 'name'),
  event: column('events', 'title'),
  delegation: column('delegations', 'name'),
  figure: {
    sql: `select id, as_stated as "asStated", measure from figures where id = any($1::text[])`,
    label: (row) => `${row.asStated} ${row.measure}`,
  },
  participation: {
    sql: `select x.id, p.name as person, o.name as organization, x.group_label as "group",
        x.role, e.title as event
      from participations x join events e on e.id = x.event_id
        left join people p on p.id = x.person_id
        left join organizations o on o.id = x.organization_id
      where x.id = any($1::text[])`,
    label: (row) => `${row.person ?? row.organization ?? row.group ?? ''} ${row.role} ${row.event}`,
  },
  position: {
    sql: `select x.id, p.name as person, x.title, o.name as organization
      from positions x join people p on p.id = x.person_id
        left join organizations o on o.id = x.organization_id
      where x.id = any($1::text[])`,
    label: (row) => `${row.person}: ${row.title}${row.organization ? `, ${row.organization}` : ''}`,
  },
  relation: {
    sql: `select x.id, p.name as person, x.relation, r.name as related
      from relations x join people p on p.id = x.person_id
        join people r on r.id = x.related_person_id
      where x.id = any($1::text[])`,
    label: (row) => `${row.person} ${row.relation} ${row.related}`,
  },
  statement: {
    sql: `select x.id, p.name as person, o.name as organization, x.text
      from statements x left join people p on p.id = x.speaker_person_id
        left join organizations o on o.id = x.speaker_organization_id
      where x.id = any($1::text[])`,
    label: (row) => statementTitle(row.person ?? row.organization ?? null, row.text ?? ''),
  },
};

/** The labels of the records `ids` of one kind (those that exist): each kind's `label`'s twin. */
export async function labelsPostgres(
  client: PgClient,
  kind: CitedKind,
  ids: string[],
): Promise<Labelled[]> {
  const { sql, label } = LABELS[kind];
  const rows = await rowsOf<Record<string, string | null> & { id: string }>(client, sql, [ids]);
  return rows.map((row) => ({ id: row.id, label: label ? label(row) : (row.label ?? '') }));
}
