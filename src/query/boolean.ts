import { z } from 'zod';

const BOOLEAN_WORDS = z.enum(['true', 'false', '1', '0']);
const isTrue = (value: string) => value === 'true' || value === '1';

/**
 * A boolean in a query string: `true`/`false`, or `1`/`0` as the clients of PostgREST, Datasette
 * and most form libraries send them. Anything else is a 400 naming the parameter. The default,
 * when given, is written as the word `false`/`true`, so the document's default is one of its enum.
 */
export function queryBoolean(fallback?: boolean) {
  return fallback === undefined
    ? BOOLEAN_WORDS.transform(isTrue)
    : BOOLEAN_WORDS.default(fallback ? 'true' : 'false').transform(isTrue);
}
