/** A record's basis read on PostgreSQL (basis.ts reads it on SQLite), shaped by basisByRecord. */
import { type PgClient, rowsOf } from '../query/embedded.pg.js';
import { type BasisRow, basisByRecord } from './basis.js';
import type { CitedKind } from './cited-kinds.js';
import type { Basis } from './fields.js';

/** The basis of one record (`{}` when every field is stated), its fields in name order. */
export async function basisOfPostgres(
  client: PgClient,
  subjectKind: CitedKind,
  id: string,
): Promise<Basis> {
  const rows = await rowsOf<BasisRow>(
    client,
    `select subject_id as id, field, kind, note, citation from field_basis
      where subject_kind = $1 and subject_id = $2 order by field`,
    [subjectKind, id],
  );
  return basisByRecord(rows).get(id) ?? {};
}
