import t from 'tap';
import { MAX_TERMS, toMatchExpression } from '../../src/search/match-expression.js';
import { openTestDb, sqliteOnly } from '../helper.js';

const SQLITE_ONLY = sqliteOnly('FTS5 MATCH expressions run on SQLite');

/** A term as the expression writes it: quoted, no quote inside, optionally a prefix. */
const TERM = /^"[^"]+"\*?$/;

/** Splits an expression into its terms (quotes never occur inside a term). */
const termsOf = (expression: string) => expression.match(/"[^"]*"\*?/g) ?? [];

t.test('words become quoted prefix terms', async (t) => {
  t.equal(toMatchExpression('Pyong'), '"Pyong"*', 'one word is a quoted prefix term');
  t.equal(
    toMatchExpression('wreath Kim'),
    '"wreath"* "Kim"*',
    'two words are two prefix terms, in order, joined by a space (an implicit AND)',
  );
  t.equal(
    toMatchExpression('  wreath \t\n Kim  '),
    '"wreath"* "Kim"*',
    'runs of whitespace are one separator',
  );
  t.equal(toMatchExpression('ab'), '"ab"*', 'two letters already make a prefix term');
  t.equal(toMatchExpression('1950'), '"1950"*', 'digits are words too');
  t.equal(
    toMatchExpression('kim-jong-un'),
    '"kim"* "jong"* "un"*',
    'a hyphen separates words, as the tokenizer does',
  );
  t.equal(
    toMatchExpression("People's"),
    '"People"* "s"',
    'an apostrophe separates words; the lone letter after it is exact',
  );
});

t.test('one-letter words are exact terms', async (t) => {
  t.equal(toMatchExpression('a'), '"a"', 'a lone letter is not a prefix (it would match all)');
  t.equal(toMatchExpression('U S'), '"U" "S"', 'every one-letter word is exact');
  t.equal(toMatchExpression('7'), '"7"', 'so is a lone digit');
  t.equal(
    toMatchExpression('War to Resist U.S. Aggression'),
    '"War"* "to"* "Resist"* "U" "S" "Aggression"*',
    'short and long words mix',
  );
});

t.test('balanced double quotes keep a phrase', async (t) => {
  t.equal(
    toMatchExpression('"Fatherland Liberation War"'),
    '"Fatherland Liberation War"',
    'a quoted phrase stays one phrase, not a prefix',
  );
  t.equal(
    toMatchExpression('"Fatherland Liberation War" korea'),
    '"Fatherland Liberation War" "korea"*',
    'a phrase and a word',
  );
  t.equal(
    toMatchExpression('korea "Liberation War" "Victory Day"'),
    '"Liberation War" "Victory Day" "korea"*',
    'phrases come first, then the loose words',
  );
  t.equal(
    toMatchExpression('"U.S.  Aggression!"'),
    '"U S Aggression"',
    'a phrase is reduced to its words, whatever separates them',
  );
  t.equal(toMatchExpression('"wreath"'), '"wreath"', 'a one-word phrase is exact, not a prefix');
  t.equal(toMatchExpression('""'), null, 'an empty phrase holds nothing');
  t.equal(toMatchExpression('" ... "'), null, 'a phrase of symbols holds nothing');
  t.equal(toMatchExpression('"" kim'), '"kim"*', 'an empty phrase is dropped, the word kept');
});

t.test('an unbalanced quote is read as a space', async (t) => {
  t.equal(toMatchExpression('"Kim'), '"Kim"*', 'an opening quote alone');
  t.equal(toMatchExpression('Kim"'), '"Kim"*', 'a closing quote alone');
  t.equal(toMatchExpression('Kim"Jong'), '"Kim"* "Jong"*', 'a quote inside a word splits it');
  t.equal(toMatchExpression('"'), null, 'a lone quote holds nothing');
  t.equal(
    toMatchExpression('"Liberation War" "Kim'),
    '"Liberation War" "Kim"*',
    'a balanced pair stays a phrase, the quote left over is a space',
  );
  t.equal(toMatchExpression('"a" "b" "c'), '"a" "b" "c"', 'three quotes: two phrases and a word');
});

t.test('FTS5 syntax is plain text', async (t) => {
  const cases: [string, string | null, string][] = [
    ['Kim AND Mao', '"Kim"* "AND"* "Mao"*', 'AND is a word'],
    ['Kim OR Mao', '"Kim"* "OR"* "Mao"*', 'OR is a word'],
    ['NOT Kim', '"NOT"* "Kim"*', 'NOT is a word'],
    ['NEAR(Kim Mao)', '"NEAR"* "Kim"* "Mao"*', 'NEAR( is a word and a parenthesis'],
    ['NEAR(a b, 2)', '"NEAR"* "a" "b" "2"', 'NEAR with a distance'],
    ['Pyong*', '"Pyong"*', 'a star is dropped; the word is a prefix anyway'],
    ['*', null, 'a lone star holds nothing'],
    ['^Kim', '"Kim"*', 'a caret (first token) is dropped'],
    ['name:Kim', '"name"* "Kim"*', 'a colon cannot pick a column'],
    ['{name body}:x', '"name"* "body"* "x"', 'neither can a column set'],
    ['-Kim', '"Kim"*', 'a minus cannot exclude a column'],
    ['(Kim OR Mao) AND NOT Li', '"Kim"* "OR"* "Mao"* "AND"* "NOT"* "Li"*', 'parentheses'],
    ['{}', null, 'braces alone hold nothing'],
    ['+Kim', '"Kim"*', 'a plus is dropped'],
    ["' OR 1=1 --", '"OR"* "1" "1"', 'SQL is words and symbols'],
  ];
  for (const [input, expected, label] of cases) {
    t.equal(toMatchExpression(input), expected, `${JSON.stringify(input)}: ${label}`);
  }
});

t.test('input with nothing to search for is null', async (t) => {
  for (const input of ['', ' ', '\t\n\r', '!@#$%^&*()', '---', '"""', '\u0000\u0001', '🎉🔥']) {
    t.equal(toMatchExpression(input), null, `${JSON.stringify(input)} is null`);
  }
});

t.test(`no more than MAX_TERMS (${MAX_TERMS}) terms`, async (t) => {
  const many = Array.from({ length: MAX_TERMS + 9 }, (_, i) => `w${i}`);
  const expression = toMatchExpression(many.join(' ')) as string;
  const terms = termsOf(expression);
  t.equal(terms.length, MAX_TERMS, `${many.length} words are capped at ${MAX_TERMS} terms`);
  t.same(
    terms,
    many.slice(0, MAX_TERMS).map((w) => `"${w}"*`),
    'the first words are kept, in order',
  );
  const exactly = Array.from({ length: MAX_TERMS }, (_, i) => `w${i}`);
  t.equal(
    termsOf(toMatchExpression(exactly.join(' ')) as string).length,
    MAX_TERMS,
    'exactly MAX_TERMS words are all kept',
  );
  const phrases = Array.from({ length: MAX_TERMS + 2 }, (_, i) => `"p${i} q${i}"`).join(' ');
  t.equal(
    termsOf(toMatchExpression(phrases) as string).length,
    MAX_TERMS,
    'phrases count as one term each and are capped too',
  );
});

t.test('unicode', async (t) => {
  t.equal(toMatchExpression('Pyŏngyang'), '"Pyŏngyang"*', 'a letter with a diacritic stays');
  t.equal(
    toMatchExpression('Pyo\u0306ngyang'),
    '"Pyo\u0306ngyang"*',
    'a combining breve (decomposed form) stays inside the word',
  );
  t.equal(toMatchExpression('조선'), '"조선"*', 'Hangul is a word');
  t.equal(toMatchExpression('抗美援朝 战争'), '"抗美援朝"* "战争"*', 'Chinese words');
  t.equal(toMatchExpression('Ким Чен Ын'), '"Ким"* "Чен"* "Ын"*', 'Cyrillic words');
  t.equal(toMatchExpression('🎉 Kim 🔥'), '"Kim"*', 'emoji are not words');
  t.equal(toMatchExpression('Kim\u200dJong'), '"Kim"* "Jong"*', 'a zero-width joiner separates');
  t.equal(toMatchExpression('\u200fKim\u200e'), '"Kim"*', 'RTL and LTR marks are dropped');
  t.equal(
    toMatchExpression('𝐊𝐢𝐦'),
    '"𝐊𝐢𝐦"*',
    'letters outside the BMP (surrogate pairs) stay whole',
  );
  t.equal(toMatchExpression('\ud800Kim\udfff'), '"Kim"*', 'lone surrogates are dropped');
});

t.test('every expression is valid FTS5, whatever the input', SQLITE_ONLY, async (t) => {
  const db = openTestDb(t);
  const run = db.$client.prepare('select count(*) as n from search_fts where search_fts match ?');
  const inputs = [
    'Kim',
    'a',
    '"Fatherland Liberation War"',
    '"unbalanced',
    'AND',
    'OR OR',
    'NOT',
    'NEAR(',
    'NEAR(a b, 2)',
    '* ^ : - ( ) { }',
    'col:x',
    '{name}:x',
    '-x',
    "' OR 1=1 --",
    '"); DROP TABLE events; --',
    'x'.repeat(200),
    'Pyŏngyang',
    'Pyo\u0306ngyang',
    '\u0306\u0301',
    '조선',
    '🎉 Kim',
    'Kim\u200dJong',
    '\u202eKim',
    Array.from({ length: 40 }, (_, i) => `w${i}`).join(' '),
    '"a" "b" "c',
    '"""""',
  ];
  for (const input of inputs) {
    const expression = toMatchExpression(input);
    if (expression === null) continue;
    const terms = termsOf(expression);
    t.ok(
      terms.length > 0 && terms.length <= MAX_TERMS && terms.every((term) => TERM.test(term)),
      `${JSON.stringify(input).slice(0, 40)}: only quoted terms`,
    );
    t.equal(terms.join(' '), expression, `${JSON.stringify(input).slice(0, 40)}: nothing else`);
    t.doesNotThrow(
      () => run.get(expression),
      `${JSON.stringify(input).slice(0, 40)}: FTS5 accepts the expression`,
    );
    t.doesNotThrow(
      () => run.get(`{name body} : (${expression})`),
      `${JSON.stringify(input).slice(0, 40)}: and within a column filter`,
    );
  }
});
