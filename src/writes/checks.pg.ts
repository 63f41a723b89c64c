/**
 * What checks.ts needs to know of a record about to be written, read from PostgreSQL inside the
 * write's transaction: whether each record it refers to exists, the texts of the sources it
 * cites, and, for a source, the other facts' excerpts its new text lacks (service.ts's queries,
 * on the twin tables). Then checks.ts refuses it with SQLite's words.
 */
import { eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { type KindName, kindOf, type RecordOf } from '../kinds/index.js';
import { referencesOf } from '../records/references.js';
import {
  checkExcerpts,
  checkReferences,
  type LostExcerpt,
  MAX_LISTED_DEPENDENTS,
  newSourceText,
} from './checks.js';

export async function existsPostgres(
  client: pg.PoolClient,
  kind: KindName,
  id: string,
): Promise<boolean> {
  const table = kindOf(kind).pgTable;
  const found = await drizzle({ client })
    .select({ one: sql`1` })
    .from(table)
    .where(eq(table.id, id));
  return found.length > 0;
}

/** The records the record refers to that exist, as `kind\0id`. */
async function existing(client: pg.PoolClient, kind: KindName, record: RecordOf) {
  const found = new Set<string>();
  for (const ref of referencesOf(kindOf(kind), record)) {
    const key = `${ref.kind}\u0000${ref.id}`;
    if (!found.has(key) && (await existsPostgres(client, ref.kind as KindName, ref.id))) {
      found.add(key);
    }
  }
  return found;
}

/** The held texts of the sources the record cites, by id (a source without text: absent). */
async function citedTexts(client: pg.PoolClient, record: RecordOf): Promise<Map<string, string>> {
  const ids = [...new Set(record.citations.map((c) => c.source))];
  if (ids.length === 0) return new Map();
  const { rows } = await client.query<{ id: string; text: string }>(
    'select id, text from sources where id = any($1) and text is not null',
    [ids],
  );
  return new Map(rows.map((row) => [row.id, row.text]));
}

/** Other facts' citations of the source whose excerpts `text` lacks (strpos: SQLite's instr). */
async function lostExcerpts(client: pg.PoolClient, kind: KindName, id: string, text: string) {
  const { rows } = await client.query<LostExcerpt>(
    `select subject_kind as kind, subject_id as id, ordinal from citations
     where source_id = $1 and strpos($2, excerpt) = 0
       and not (subject_kind = $3 and subject_id = $1)
     order by subject_kind, subject_id, ordinal limit $4`,
    [id, text, kindOf(kind).singular, MAX_LISTED_DEPENDENTS],
  );
  return rows;
}

/** 409 for a dangling reference, 422 for an excerpt not in its source: checks.ts's problems. */
export async function checkRecordPostgres(
  client: pg.PoolClient,
  kind: KindName,
  record: RecordOf,
): Promise<void> {
  const found = await existing(client, kind, record);
  checkReferences(kind, record, (k, id) => found.has(`${k}\u0000${id}`));
  const texts = await citedTexts(client, record);
  const text = newSourceText(kind, record);
  const lost = text ? await lostExcerpts(client, kind, record.id, text) : [];
  checkExcerpts(kind, record, (id) => texts.get(id) ?? null, lost);
}
