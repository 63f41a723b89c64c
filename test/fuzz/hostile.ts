/**
 * What a hostile or careless client sends: strings, numbers, JSON texts and content types that
 * have broken APIs before. Each list is data; the fuzz test picks from them with fast-check.
 */
import fc from 'fast-check';

/** Wrong-looking numbers as text: huge, negative, not numbers at all. */
export const NUMBER_TEXTS = [
  '-1',
  '0',
  '-0',
  '1.5',
  '1e3',
  '1e308',
  '1e999',
  '-1e999',
  '9007199254740993',
  '-9223372036854775809',
  '99999999999999999999999999999999',
  '0x10',
  '1_000',
  'NaN',
  'Infinity',
  '-Infinity',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
];

/** Dates that are not dates, or not possible ones. */
export const DATE_TEXTS = [
  '2023-02-30',
  '2023-02-29',
  '2023-13',
  '2023-00',
  '2023-04-31',
  '0000',
  '0000-00-00',
  '-0001',
  '10000',
  '99999-01-01',
  '2023-7-5',
  '2023/07/25',
  '2023-07-25T00:00:00Z',
  '2023-07-25 ',
  ' 2023',
  '20230725',
  '1e3',
];

/** Control characters, NUL and unicode edge cases. */
export const UNICODE_TEXTS = [
  '\u0000',
  'kim\u0000jong',
  '\u0001\u0002\u0003\u001f\u007f',
  '\b\f\v',
  '\r\n\r\n',
  '\u0085\u2028\u2029',
  '\ud800',
  '\udfff',
  'a\ud83d',
  '\udc00a',
  '\u202eevil\u202c',
  '\u200f\u200e',
  'e\u0301\u0301\u0301\u0301',
  'Z̴̡̛̗̗̱͎̓̌̀a̵l̷g̸o',
  '👩‍👩‍👧‍👦',
  '🇰🇵',
  '\u200b\u200c\u200d\u2060',
  '\ufeff',
  '\ufffe\uffff',
  '𝕂𝕚𝕞',
  'ﷺ',
  '김정은',
  'Pyo\u0306ngyang',
  'İı',
  'ß',
];

/** SQL fragments and FTS5 query syntax. */
export const QUERY_TEXTS = [
  "'",
  "' OR '1'='1",
  "'; DROP TABLE events; --",
  '" OR ""="',
  '1; select * from sqlite_master',
  "x' UNION SELECT name, sql FROM sqlite_master --",
  '%',
  '_',
  '\\',
  '/* */',
  '-- comment',
  'NEAR(kim mao, 0)',
  '"unbalanced',
  'col:',
  '{name body}:kim',
  'kind:person',
  '*',
  '^kim',
  'kim AND',
  'OR NOT',
  '(kim',
  'a + b',
  '\'"`',
];

/** Names that a plain object inherits: a lookup table keyed by input must not find them. */
export const PROTOTYPE_TEXTS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '__defineGetter__',
];

/** Keys no schema knows, for queries and bodies. */
export const UNKNOWN_KEYS = ['colour', 'LIMIT', 'limit ', 'q[]', '', 'x', ...PROTOTYPE_TEXTS];

/** Paths that try to walk out of the route. */
export const TRAVERSAL_TEXTS = [
  '../../etc/passwd',
  '..%2f..%2fetc%2fpasswd',
  '%2e%2e%2f',
  '%2e%2e/%2e%2e/',
  '....//....//',
  '..\\..\\windows\\win.ini',
  '/etc/passwd',
  'file:///etc/passwd',
  '%00',
  '.',
  '..',
];

/** Strings of 10k to 100k characters. */
export const LONG_TEXTS = [
  'a'.repeat(10_000),
  'kim-'.repeat(5_000),
  '€'.repeat(20_000),
  '"'.repeat(20_000),
  'x'.repeat(100_000),
];

/** Every hostile string above, plus random ones. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NUMBER_TEXTS, ...DATE_TEXTS) },
  { weight: 3, arbitrary: fc.constantFrom(...UNICODE_TEXTS) },
  { weight: 3, arbitrary: fc.constantFrom(...QUERY_TEXTS, ...TRAVERSAL_TEXTS) },
  { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_TEXTS) },
  { weight: 1, arbitrary: fc.constantFrom(...LONG_TEXTS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\t') },
);

/**
 * JSON that JSON.stringify cannot build or would take long to: raw tokens spliced into the text
 * in place of a marker string (see `rawJson`).
 */
export const RAW_JSON_TOKENS = [
  'NaN',
  'Infinity',
  '-Infinity',
  '1e999',
  '-1e999',
  '1e-400',
  '123456789012345678901234567890',
  '-0',
  '"\\ud800"',
  '"\\u0000"',
  `${'['.repeat(1_000)}${']'.repeat(1_000)}`,
  `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
  `${'{"a":'.repeat(2_000)}1${'}'.repeat(2_000)}`,
  `${'{"a":['.repeat(1_500)}${']}'.repeat(1_500)}`,
  `[${Array.from({ length: 10_000 }, (_, i) => i).join(',')}]`,
  `[${Array(10_000).fill('{}').join(',')}]`,
  `{${Array.from({ length: 10_000 }, (_, i) => `"k${i}":${i}`).join(',')}}`,
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"a":1,"a":2}',
];

const MARKER = '\u0001raw\u0001';

/** A value that stands for a raw JSON token until `toJsonText` splices the token in. */
export const rawToken = (index: number): string => `${MARKER}${index}${MARKER}`;

/** JSON.stringify, with raw tokens in place of their markers. */
export function toJsonText(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.replace(
    /"\\u0001raw\\u0001(\d+)\\u0001raw\\u0001"/g,
    (_, i: string) => RAW_JSON_TOKENS[Number(i)] ?? 'null',
  );
}

/** A hostile JSON value: wrong types, huge numbers, deep and wide structures. */
export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  {
    weight: 2,
    arbitrary: fc.constantFrom<unknown>(
      -1,
      0,
      1.5,
      1e308,
      -1e308,
      2 ** 53 + 2,
      -(2 ** 63),
      5e-324,
      true,
      false,
      null,
      [],
      {},
      [null],
      { '': '' },
    ),
  },
  { weight: 2, arbitrary: fc.nat(RAW_JSON_TOKENS.length - 1).map(rawToken) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** Bodies that are not JSON, or not the JSON an API expects. */
export const INVALID_JSON_TEXTS = [
  '',
  ' ',
  '{not json',
  '{"a":1,}',
  "{'a':1}",
  '{"a":1}{"b":2}',
  '{"a":1} trailing',
  '[',
  ']',
  '"unterminated',
  '\ufeff{}',
  '\u0000',
  'null',
  'true',
  '0',
  '"a string"',
  '[]',
  '<?xml version="1.0"?><event id="x"/>',
  'id=korean-war&title=x',
  '{"a":"\\x41"}',
  '{"a":"\\ud800"}',
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"admin":true}}}',
  `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
  `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`,
];

/** Content types: right, wrong, malformed and missing (undefined). */
export const CONTENT_TYPES: (string | undefined)[] = [
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/merge-patch+json',
  'text/plain',
  'application/xml',
  'text/csv',
  'application/x-ndjson',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16',
  'application/octet-stream',
  ';;;',
  'application/jsonx',
  undefined,
];

/** Raw query strings that no encoder would produce. */
export const RAW_QUERIES = [
  'limit=%',
  'limit=%zz',
  'q=%E0%A4%A',
  'q=%ED%A0%80',
  '&&&=&=',
  'a[b]=c',
  'limit[]=1',
  '__proto__=x',
  '__proto__[admin]=1',
  'constructor[prototype][admin]=1',
  'limit=1&limit=2',
  `q=${'%41'.repeat(30_000)}`,
  `${'x='.repeat(5_000)}`,
];

/**
 * encodeURIComponent, except that a lone surrogate (which it refuses) is sent as the bytes a
 * careless encoder would write for it (WTF-8), as an attacker can.
 */
export function encodeHostile(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return [...text]
      .map((ch) => {
        const code = ch.charCodeAt(0);
        if (ch.length === 1 && code >= 0xd800 && code <= 0xdfff) {
          return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
            .map((b) => `%${b.toString(16).toUpperCase()}`)
            .join('');
        }
        return encodeURIComponent(ch);
      })
      .join('');
  }
}
