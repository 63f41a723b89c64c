/**
 * Keyset pages over a sort key of several parts, for lists whose order is more than one column
 * and an id: the timeline's (first day, kind, id), a source's claims' (kind, id, ordinal). Like
 * pagination.ts, the cursor is opaque: base64url JSON of the list's name and the last item's key.
 */
import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import { problems } from '../http/errors.js';

export type KeyPart = string | number;
type PartType = 'string' | 'number';
type KeyOf<S extends readonly PartType[]> = {
  [I in keyof S]: S[I] extends 'number' ? number : string;
};

export function encodeKey(list: string, key: readonly (KeyPart | null)[]): string {
  return Buffer.from(JSON.stringify([list, ...key])).toString('base64url');
}

const invalidCursor = (why: string) => problems.invalidField('query', '/cursor', why);

/**
 * The list name and key a cursor carries, each part of the key of one of `types` (by position:
 * `shape[i]` lists the types part i may have); a 400 on `/cursor` when it is no cursor this API
 * issued.
 */
export function parseCursor(raw: string, shape: readonly (readonly PartType[])[]): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor('not a cursor this API issued');
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== shape.length + 1 ||
    typeof parsed[0] !== 'string' ||
    shape.some((types, i) => !types.includes(typeof parsed[i + 1] as PartType))
  ) {
    throw invalidCursor('not a cursor this API issued');
  }
  return parsed;
}

/** The key a cursor carries; a 400 on `/cursor` when it is not one this list issued. */
export function decodeKey<const S extends readonly PartType[]>(
  raw: string,
  list: string,
  shape: S,
): KeyOf<S> {
  const parsed = parseCursor(
    raw,
    shape.map((type) => [type]),
  );
  if (parsed[0] !== list) {
    throw invalidCursor(`this cursor was issued for another list ('${parsed[0]}')`);
  }
  return parsed.slice(1) as KeyOf<S>;
}

/** Rows whose key, in ascending order over `parts`, comes strictly after `key`. */
export function afterKey(
  parts: readonly (AnyColumn | SQL)[],
  key: readonly KeyPart[] | undefined,
): SQL | undefined {
  if (!key) return undefined;
  return sql`(${sql.join([...parts], sql`, `)}) > (${sql.join(
    key.map((value) => sql`${value}`),
    sql`, `,
  )})`;
}

/** Compares two keys the way SQLite compares them (binary collation for text). */
export function compareKeys(a: readonly KeyPart[], b: readonly KeyPart[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    const x = a[i] as KeyPart;
    const y = b[i] as KeyPart;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return a.length - b.length;
}

/**
 * Keeps `limit` of the items (fetched as `limit + 1` to know whether more follow) and makes the
 * cursor from the last one kept.
 */
export function keysetPage<T>(
  items: T[],
  limit: number,
  list: string,
  keyOf: (item: T) => readonly (KeyPart | null)[],
): { items: T[]; nextCursor: string | null } {
  if (items.length <= limit) return { items, nextCursor: null };
  const kept = items.slice(0, limit);
  return { items: kept, nextCursor: encodeKey(list, keyOf(kept[kept.length - 1] as T)) };
}

/**
 * Merges lists each already sorted by key (one query per source, each with its own `limit + 1`)
 * into the first `limit + 1` items of their union: enough for one page and the sign of a next.
 */
export function mergeSorted<T>(
  lists: T[][],
  limit: number,
  keyOf: (item: T) => readonly KeyPart[],
): T[] {
  return lists
    .flat()
    .sort((a, b) => compareKeys(keyOf(a), keyOf(b)))
    .slice(0, limit + 1);
}
