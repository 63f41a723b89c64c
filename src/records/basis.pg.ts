/** A record's basis read on PostgreSQL (basis.ts reads it on SQLite), shaped by basisByRecord. */
import { type PgClient, rowsOf } from '../query/embedded.pg.js';
import { type BasisRow, basisByRecord } from './basis.js';
import type { CitedKind } from './cited-kinds.js';
import type { Basis } from './fields.js';

/** The basis of many records of one kind, by id (readBasis' twin), its fields in name order. */
export async function readBasisPostgres(
  client: PgClient,
  subjectKind: CitedKind,
  ids: string[],
): Promise<Map<string, Basis>> {
  if (ids.length === 0) return new Map();
  const rows = await rowsOf<BasisRow>(
    client,
    `select subject_id as id, field, kind, note, citation from field_basis
      where subject_kind = $1 and subject_id = any($2::text[]) order by subject_id, field`,
    [subjectKind, ids],
  );
  return basisByRecord(rows);
}

/** The basis of one record (`{}` when every field is stated), its fields in name order. */
export async function basisOfPostgres(
  client: PgClient,
  subjectKind: CitedKind,
  id: string,
): Promise<Basis> {
  return (await readBasisPostgres(client, subjectKind, [id])).get(id) ?? {};
}
