/**
 * A source's claims on PostgreSQL (claims.ts reads them on SQLite): the same three parts, each the
 * same rows in the same order after the same cursor key, made into the same page by claimPage.
 * Text compares as "C" (SQLite's BINARY) and the parts order by non-null columns only, so the
 * orders agree; a row value `(a, b) > ($1, $2)` is afterKey's, on both.
 */
import { postgresRead } from '../../http/reads/postgres-read.js';
import type { ItemParams } from '../../http/reads/task.js';
import { type PgClient, rowOf, rowsOf } from '../../query/embedded.pg.js';
import type { AccountStep, Page } from '../../query/shapes.js';
import { readBasisPostgres } from '../../records/basis.pg.js';
import type { CitedKind } from '../../records/cited-kinds.js';
import type { Basis } from '../../records/fields.js';
import { accountsOf, type StepRow } from './citations.js';
import { STEP_NAME } from './citations.pg.js';
import { claimPage, type Part, type PartRow, partsToRead, type Row } from './claims.js';
import { labelsPostgres } from './labels.pg.js';
import { sourcesReads } from './reads.js';
import type { Claim, ClaimsQuery } from './schemas.js';

const COLUMNS = `c.subject_kind as kind, c.subject_id as id, c.ordinal, c.excerpt,
  c.source_id as "sourceId", s.title as "sourceTitle", c.start_offset as start,
  c.end_offset as "end"`;

/** A query's text and values, its parameters numbered as they are added. */
class Query {
  readonly values: unknown[] = [];
  param(value: unknown, type: string): string {
    this.values.push(value);
    return `$${this.values.length}::${type}`;
  }
}

/** claims.ts accountNames: the citation's account names `id`, or a source that `id` issued. */
const accountNames = (q: Query, id: string) => {
  // No stored id holds NUL (ids are slugs), which PostgreSQL text cannot hold: SQLite's answer,
  // nothing named, without sending PostgreSQL a text it refuses.
  if (id.includes('\u0000')) return 'false';
  const named = q.param(id, 'text');
  return `exists (select 1 from citation_steps t where t.subject_kind = c.subject_kind
    and t.subject_id = c.subject_id and t.ordinal = c.ordinal
    and (t.step_id = ${named} or (t.step_kind = 'source'
      and t.step_id in (select i.id from sources i where i.issued_by_id = ${named}))))`;
};

/** claims.ts basisFilter, word for word. */
const basisFilter = (q: Query, basis: NonNullable<ClaimsQuery['basis']>) => {
  const fact = 'b.subject_kind = c.subject_kind and b.subject_id = c.subject_id';
  if (basis !== 'stated') {
    return `exists (select 1 from field_basis b where ${fact} and b.kind = ${q.param(basis, 'text')})`;
  }
  return `not exists (select 1 from field_basis b where ${fact} and (b.kind <> 'stated'
    or (b.citation is not null and not exists (select 1 from citations o
      where o.subject_kind = b.subject_kind and o.subject_id = b.subject_id
        and o.ordinal = b.citation and o.source_id = c.source_id))))`;
};

/** The rows of one part after `key`, at most `limit + 1`: claims.ts `read`'s twin. */
function read(
  client: PgClient,
  part: Part,
  sourceId: string,
  query: ClaimsQuery,
  key: (string | number)[] | undefined,
): Promise<Row[]> {
  const q = new Query();
  const where = [
    part === 'reported'
      ? `t.step_kind = 'source' and t.step_id = ${q.param(sourceId, 'text')}`
      : `c.source_id = ${q.param(sourceId, 'text')} and c.start_offset is ${part === 'in-text' ? 'not null' : 'null'}`,
  ];
  const order =
    part === 'reported'
      ? ['t.subject_kind', 't.subject_id', 't.ordinal']
      : [
          ...(part === 'in-text' ? ['c.start_offset'] : []),
          'c.subject_kind',
          'c.subject_id',
          'c.ordinal',
        ];
  if (key) {
    // Numbers as numeric: a cursor's number need not fit an integer column to be compared.
    const after = key.map((value) =>
      q.param(value, typeof value === 'number' ? 'numeric' : 'text'),
    );
    where.push(`(${order.join(', ')}) > (${after.join(', ')})`);
  }
  if (query.according_to) where.push(accountNames(q, query.according_to));
  if (query.basis) where.push(basisFilter(q, query.basis));
  const from =
    part === 'reported'
      ? `citation_steps t join citations c on c.subject_kind = t.subject_kind
          and c.subject_id = t.subject_id and c.ordinal = t.ordinal`
      : 'citations c';
  const limit = q.param(query.limit + 1, 'int');
  return rowsOf<Row>(
    client,
    `select ${COLUMNS} from ${from} join sources s on s.id = c.source_id
      where ${where.join(' and ')} order by ${order.join(', ')} limit ${limit}`,
    q.values,
  );
}

/** The kinds of a page's facts, each with its ids. */
function idsByKind(rows: Row[]): Map<CitedKind, string[]> {
  const found = new Map<CitedKind, Set<string>>();
  for (const row of rows) found.set(row.kind, (found.get(row.kind) ?? new Set()).add(row.id));
  return new Map([...found].map(([kind, ids]) => [kind, [...ids]]));
}

async function labels(client: PgClient, rows: Row[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const [kind, ids] of idsByKind(rows)) {
    for (const { id, label } of await labelsPostgres(client, kind, ids)) {
      found.set(`${kind}/${id}`, label);
    }
  }
  return found;
}

/** The steps of the page's citations' accounts, keyed as claimPage reads them. */
async function accounts(client: PgClient, rows: Row[]): Promise<Map<string, AccountStep[]>> {
  if (rows.length === 0) return new Map();
  const steps = await rowsOf<StepRow & { subjectKind: string }>(
    client,
    `select t.subject_kind as "subjectKind", t.subject_id as "subjectId", t.ordinal,
        t.step_kind as kind, t.step_id as id, ${STEP_NAME} as name
      from citation_steps t
      where (t.subject_kind, t.subject_id, t.ordinal) in
        (select * from unnest($1::text[], $2::text[], $3::int[]))
      order by t.subject_kind, t.subject_id, t.ordinal, t.step`,
    [rows.map((r) => r.kind), rows.map((r) => r.id), rows.map((r) => r.ordinal)],
  );
  // Keyed by kind and id joined here: PostgreSQL text cannot hold the NUL that joins them.
  return accountsOf(
    steps.map(({ subjectKind, subjectId, ...step }) => ({
      ...step,
      subjectId: `${subjectKind}\u0000${subjectId}`,
    })),
  );
}

async function bases(client: PgClient, rows: Row[]): Promise<Map<string, Basis>> {
  const found = new Map<string, Basis>();
  for (const [kind, ids] of idsByKind(rows)) {
    for (const [id, basis] of await readBasisPostgres(client, kind, ids)) {
      found.set(`${kind}/${id}`, basis);
    }
  }
  return found;
}

/** A source's claims, or null when there is no such source: sourceClaims' twin. */
export async function sourceClaimsPostgres(
  client: PgClient,
  sourceId: string,
  query: ClaimsQuery,
): Promise<Page<Claim> | null> {
  if (!(await rowOf(client, 'select 1 as one from sources where id = $1', [sourceId]))) return null;
  const rows: PartRow[] = [];
  for (const { part, key } of partsToRead(query)) {
    const room = query.limit + 1 - rows.length;
    if (room <= 0) break;
    const found = await read(client, part, sourceId, { ...query, limit: room - 1 }, key);
    rows.push(...found.map((row) => ({ ...row, part })));
  }
  const page = rows.slice(0, query.limit);
  return claimPage(
    rows,
    query,
    await labels(client, page),
    await accounts(client, page),
    await bases(client, page),
  );
}

export const sourcesClaimsReadsPostgres = [
  postgresRead(sourcesReads.claims, (client, { id, query }: ItemParams<ClaimsQuery>) =>
    sourceClaimsPostgres(client, id, query),
  ),
];
