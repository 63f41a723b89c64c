/**
 * Cursors: where the next page of a list starts. A cursor is opaque to clients: base64url JSON of
 * its scope (the list, and the sort it was made under) and the last row's key, so that a cursor
 * carried to another list or sort is refused rather than silently skipping rows.
 */
import { createHash } from 'node:crypto';
import { problems } from '../../http/errors.js';

/** One part of a row's key: a sort value, an id, an ordinal. */
export type KeyPart = string | number;
type PartType = 'string' | 'number';
/** The types each part of a key may have, by position: a type, or a few. */
type KeyShape = readonly (PartType | readonly PartType[])[];
type TypeOf<T> = T extends readonly PartType[]
  ? TypeOf<T[number]>
  : T extends 'number'
    ? number
    : string;
type KeyOf<S extends KeyShape> = { -readonly [I in keyof S]: TypeOf<S[I]> };

/**
 * The scope a cursor is valid in: the list, its sort, and for a ranking the words ranked by, so
 * that a cursor carried to another list, sort or query is refused rather than silently skipping.
 */
export function cursorScope(list: string, sort: string, q?: string): string {
  if (q === undefined) return `${list}:${sort}`;
  const words = createHash('sha256').update(q).digest('base64url').slice(0, 10);
  return `${list}:${sort}:${words}`;
}

export function encodeCursor(scope: string, key: readonly (KeyPart | null)[]): string {
  return Buffer.from(JSON.stringify([scope, ...key])).toString('base64url');
}

const invalidCursor = (why: string) => problems.invalidField('query', '/cursor', why);

/** The key a cursor carries; a 400 on `/cursor` when it is no cursor this list issued. */
export function decodeCursor<const S extends KeyShape>(
  raw: string,
  scope: string,
  shape: S,
): KeyOf<S> {
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
    shape.some((types, i) => ![types].flat().includes(typeof parsed[i + 1] as PartType))
  ) {
    throw invalidCursor('not a cursor this API issued');
  }
  if (parsed[0] !== scope) {
    throw invalidCursor(`this cursor was issued for another list or sort ('${parsed[0]}')`);
  }
  return parsed.slice(1) as KeyOf<S>;
}
