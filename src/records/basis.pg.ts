/** A record's basis read on PostgreSQL (basis.ts reads it on SQLite), shaped by basisByRecord. */
import { type PgClient, rowsOf, rowsPart } from '../query/embedded.pg.js';
import { type BasisRow, basisByRecord } from './basis.js';
import type { CitedKind } from './cited-kinds.js';
import type { Basis } from './fields.js';

const BASIS = 'select subject_id as id, field, kind, note, citation from field_basis';

/** The basis of many records of one kind, by id (readBasis' twin), its fields in name order. */
export async function readBasisPostgres(
  client: PgClient,
  subjectKind: CitedKind,
  ids: string[],
): Promise<Map<string, Basis>> {
  if (ids.length === 0) return new Map();
  const rows = await rowsOf<BasisRow>(
    client,
    `${BASIS} where subject_kind = $1 and subject_id = any($2::text[]) order by subject_id, field`,
    [subjectKind, ids],
  );
  return basisByRecord(rows);
}

/**
 * A part of an item's one statement (embedded.pg.ts itemStatement): the basis rows of the item
 * ($1), read by basisFrom. `kind` is a CitedKind literal the item module passes when it loads.
 */
export function basisPart(kind: CitedKind): string {
  return rowsPart(`${BASIS} where subject_kind = '${kind}' and subject_id = $1 order by field`);
}

/** The basis basisPart read (`{}` when every field is stated), its fields in name order. */
export function basisFrom(rows: BasisRow[]): Basis {
  return basisByRecord(rows).values().next().value ?? {};
}
