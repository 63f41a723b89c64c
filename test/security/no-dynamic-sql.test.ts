/**
 * No dynamic SQL: every piece of SQL text in src/ is a literal, or a compile-time constant named
 * in the allow-list below with the reason it is safe. Values from requests go in as bound
 * parameters (`?`, `@name`, drizzle's sql`` tag), never as text.
 *
 * The checker parses each file with the TypeScript compiler and looks at the SQL sinks: a
 * database handle's prepare/exec/pragma/run/all/get/values/iterate, and drizzle's sql.raw and
 * sql.identifier. Their text argument is split into pieces: literals are fine, drizzle's sql``
 * tag binds what it interpolates, and every other piece (an interpolation `${...}`, a `+`
 * operand, a variable) must be on the allow-list. Template literals that read like SQL are
 * checked the same way wherever they are, in case one is built first and passed on later.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import t from 'tap';
import ts from 'typescript';

interface Allowed {
  file: string;
  /**
   * The piece as written, whitespace collapsed; or a pattern every allowed piece matches whole
   * (for the one-statement items, whose SQL is composed once, at load, by builder calls).
   */
  piece: string | RegExp;
  why: string;
}

const allows = (a: Allowed, file: string, written: string) =>
  a.file === file && (typeof a.piece === 'string' ? a.piece === written : a.piece.test(written));

/**
 * An argument of an item's SQL builder call: a string literal (a column or SQL of constants), a
 * backquoted literal with no interpolation, null, an upper-case module constant, a call of
 * `citationList`/`view` with string literals, or one of the JsonList constants the item modules
 * declare. Nothing here can name a request's value.
 */
const BUILDER_ARGUMENT =
  "(?:'[^']*'|`[^`$]*`|null|[A-Z_]+|(?:citationList|view)\\((?:'[^']*'(?:, )?)+\\)|names|participants|children|citations|positions|relations|events|statements|delegations)";
const BUILDER_CALL = new RegExp(
  `^(?:jsonDate|jsonRef|jsonArray|jsonExtent|jsonBasis)\\(${BUILDER_ARGUMENT}(?:, ${BUILDER_ARGUMENT})*\\)$`,
);
const ITEM_BUILDERS_WHY =
  'a call of the SQL builders of query/embedded.ts, run once when the module loads, with literal or module-constant arguments only (BUILDER_ARGUMENT)';

/**
 * The compile-time constants that SQL text may interpolate, each with why it is safe. Keyed by
 * file and the piece as written, not by line (lines move); an entry that no longer matches
 * anything fails the test, so the list stays as short as the code needs.
 */
const ALLOWED: Allowed[] = [
  {
    file: 'src/kinds/people/item.pg.ts',
    piece: /^(?:column|NULLS_FIRST)$/,
    why: "`column` is a column name chosen in code by the speaker's party (a literal map), NULLS_FIRST a module constant",
  },
  {
    file: 'src/kinds/people/item.pg.ts',
    piece: /^(?:POSITIONS_ORDER|RELATIONS_OF|DELEGATIONS|EMBEDDED_MAX)$/,
    why: "module constants: the positions' order, the relations' condition on the bound $1, the delegations' union over it, and the embedded lists' cap (a number)",
  },
  {
    file: 'src/kinds/events/item.pg.ts',
    piece: 'EMBEDDED_MAX',
    why: "a module constant: the embedded lists' cap (a number)",
  },
  {
    file: 'src/query/embedded.pg.ts',
    piece: /^(?:select|list\.select|list\.count|max|max \+ 1|row|named\.join\(', '\))$/,
    why: "the item statement builders' own parameters: their callers are the item modules (and their helpers in citations.pg.ts, basis.pg.ts), each at load, with literal SQL or module constants; the item's id is always the bound $1",
  },
  {
    file: 'src/kinds/sources/citations.pg.ts',
    piece: 'kind',
    why: "a CitedKind that an item module passes as a literal when it loads (itemCitationsPart('event')), never a request's value",
  },
  {
    file: 'src/search/endpoint/repository.pg.ts',
    piece: 'RANK',
    why: "a module constant of search/postgres/rank.ts: the ranking's SQL, of constants only",
  },
  {
    file: 'src/search/postgres/ranked.ts',
    piece: 'RANK',
    why: "a module constant of rank.ts: the ranking's SQL, of constants only",
  },
  {
    file: 'src/kinds/places/item.pg.ts',
    piece: /^(?:MAX_DEPTH|SUBTREE)$/,
    why: 'module constants: the subtree walk depth (a number) and its SQL text',
  },
  {
    file: 'src/kinds/sources/citations.pg.ts',
    piece: 'STEP_NAME',
    why: "a module constant: the SQL naming an account's step",
  },
  {
    file: 'src/kinds/sources/claims.pg.ts',
    piece:
      /^(?:named|fact|q\.param\(basis, 'text'\)|COLUMNS|from|where\.join\(' and '\)|order\.join\(', '\)|limit|STEP_NAME)$/,
    why: 'q.param() gives a bound placeholder ($n) for each request value (named, limit, basis); fact, COLUMNS, from and STEP_NAME are literals or module constants; where and order are joined from those',
  },
  {
    file: 'src/kinds/sources/item.pg.ts',
    piece: /^(?:from|to)$/,
    why: "the two literal column names of source_cites ('source_id', 'cited_source_id') its callers pass",
  },
  {
    file: 'src/kinds/sources/labels.pg.ts',
    piece: /^(?:name|table)$/,
    why: "literal table and column names of the kinds' label definitions in the same module",
  },
  {
    file: 'src/writes/dependents.pg.ts',
    piece: /^(?:holderId|quoted\(getTableName\(l\.column\.table\)\)|quoted\(l\.column\.name\))$/,
    why: 'table and column names from the Drizzle schema (LINKS), quoted as identifiers; the id is bound ($1)',
  },
  { file: 'src/kinds/events/item.ts', piece: BUILDER_CALL, why: ITEM_BUILDERS_WHY },
  { file: 'src/kinds/people/item.ts', piece: BUILDER_CALL, why: ITEM_BUILDERS_WHY },
  {
    file: 'src/kinds/events/item.ts',
    piece: 'EVENT_ITEM',
    why: 'a module constant: the item statement, composed once at load from literals and BUILDER_CALLs',
  },
  {
    file: 'src/kinds/people/item.ts',
    piece: 'PERSON_ITEM',
    why: 'a module constant: the item statement, composed once at load from literals and BUILDER_CALLs',
  },
  {
    file: 'src/query/embedded.ts',
    piece: /^(?:(?:list|all)\.(?:item|from|where|order)|max|max \+ 1|first|more|total)$/,
    why: "the SQL builders' own parameters and the parts they build: their only callers are the item modules, whose calls BUILDER_CALL checks",
  },
  {
    file: 'src/query/embedded.ts',
    piece: /^(?:kind|subjectId)$/,
    why: "jsonBasis's parameters: its only callers are the item modules, whose calls BUILDER_CALL checks (a kind's literal name, a column's)",
  },
  {
    file: 'src/db/database.ts',
    piece: 'Math.floor(mmapMB * 2 ** 20)',
    why: 'a number: READ_MMAP_MB, an integer zod checked in config.ts, in bytes (a pragma takes no bound value)',
  },
  {
    file: 'src/search/ranking.ts',
    piece: 'BM25',
    why: "a module constant: the literal 'bm25(search_fts, 10.0, 1.0, 0.0)'",
  },
  {
    file: 'src/db/prepared.ts',
    piece: 'built.sql',
    why: 'the SQL text Drizzle built (toSQL) from a query builder the caller composed of table definitions and placeholders: positionalStatement only runs it, bound by position',
  },
  {
    file: 'src/db/derived.ts',
    piece: /^(?:t\.name|i\.name|index|trigger)$/,
    why: 'the name or the CREATE statement of a trigger or an index as sqlite_master holds it (our migrations wrote it), dropped and created again by an import',
  },
  {
    file: 'src/db/derived.ts',
    piece: /^(?:view|which|name|value|statement)$/,
    why: "a search_doc_<kind> view's name as sqlite_master lists it; one of the module's constant conditions ('true', LISTED, SPOKEN_BY_LISTED); an FTS5 setting's literal name and number (REBUILD_SETTINGS, DEFAULT_SETTINGS), which FTS5 will not take bound",
  },
  {
    file: 'src/bundle/import.ts',
    piece: 'cacheSize',
    why: 'the number SQLite itself answered to PRAGMA cache_size, given back after the import',
  },
  {
    file: 'src/bundle/import.ts',
    piece: 'timeout',
    why: 'the number SQLite itself answered to PRAGMA busy_timeout, given back after the switch to a rollback journal was tried',
  },
  {
    file: 'src/bundle/import.ts',
    piece: 'tableName',
    why: "getTableName() of a kind's drizzle table, target looping over the fixed KIND_NAMES",
  },
  {
    file: 'src/bundle/import.ts',
    piece: 'getTableName(kindOf(kind).table)',
    why: "a kind's drizzle table (src/kinds/<kind>/table.ts), kind looping over KIND_NAMES",
  },
  {
    file: 'src/writes/service.ts',
    piece: 'getTableName(kindOf(kind).table)',
    why: "a kind's drizzle table (src/kinds/<kind>/table.ts), kind looping over KIND_NAMES",
  },
  {
    file: 'src/bundle/writer.ts',
    piece: 'c.name',
    why: "a column name from drizzle's getTableColumns of a kind's table: `col = excluded.col`",
  },
  {
    file: 'src/bundle/postgres/insert.ts',
    piece: /^(?:c\.name|upsertOn\.name|getTableName\(table\)|c\.getSQLType\(\))$/,
    why: "a PostgreSQL table's name, a column's name or its SQL type, from drizzle's own table definitions (the *.pg.ts twins) the writer passes: never a value, which goes bound",
  },
  {
    file: 'src/bundle/postgres/bulk-load.ts',
    piece: /^(?:built|name)$/,
    why: "the SELECT Drizzle built (toSQL) from a staged table's own definition, and a column's name from drizzle's getTableColumns of it, named in the COPY into its PostgreSQL twin",
  },
  {
    file: 'src/db/sql/custom-sql.ts',
    piece: 'sql',
    why: 'CREATE is a regular expression: exec() matches text read from src/db/sql, runs no SQL',
  },
  {
    file: 'src/db/database.ts',
    piece: 'source',
    why: 'the statement cache passes on the SQL text Drizzle built (values bound), unchanged',
  },
];

/** Methods that take SQL text whatever they are called on (better-sqlite3's). */
const TEXT_METHODS = new Set(['prepare', 'exec', 'pragma']);
/** Methods that take SQL text (or a query object) when called on a database handle. */
const HANDLE_METHODS = new Set(['run', 'all', 'get', 'values', 'iterate']);
/** What a database handle is called here: `db`, `sqlite`, `db.$client`, `tx`... */
const DB_HANDLE = /(?:^|\.)(?:db|sqlite|\$client|client|database|conn|connection|tx|trx)$/i;
/** A regular expression, whose exec() takes text to match, not SQL. */
const REGEXP = /^\/.*\/[a-z]*$|(?:pattern|regexp?|re)$/i;
const SQL_TEXT =
  /\b(?:select\s[\s\S]*\bfrom|insert\s+(?:or\s+\w+\s+)?into|update\s+\S+\s+set|delete\s+from|create\s+(?:temp\s+)?(?:table|index|trigger|view)|drop\s+(?:table|index))\b/i;

interface Offense {
  file: string;
  line: number;
  piece: string;
  snippet: string;
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Pieces of a string expression that are not literals and not bound by drizzle's sql`` tag. */
function piecesOf(node: ts.Expression): ts.Expression[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [];
  if (ts.isNumericLiteral(node)) return [];
  if (ts.isTaggedTemplateExpression(node) && /^sql\b/.test(node.tag.getText())) return [];
  if (ts.isParenthesizedExpression(node)) return piecesOf(node.expression);
  if (ts.isConditionalExpression(node))
    return [...piecesOf(node.whenTrue), ...piecesOf(node.whenFalse)];
  if (ts.isTemplateExpression(node))
    return node.templateSpans.flatMap((s) => piecesOf(s.expression));
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    return [...piecesOf(node.left), ...piecesOf(node.right)];
  }
  return [node];
}

/** The SQL text handed to a sink, or null when the call is not one. */
function sinkArgument(call: ts.CallExpression): ts.Expression | null {
  const callee = call.expression;
  const text = call.arguments[0];
  if (!ts.isPropertyAccessExpression(callee) || !text) return null;
  const name = callee.name.text;
  const receiver = callee.expression.getText();
  if ((name === 'raw' || name === 'identifier') && receiver === 'sql') return text;
  if (TEXT_METHODS.has(name)) return name === 'exec' && REGEXP.test(receiver) ? null : text;
  if (!HANDLE_METHODS.has(name) || !DB_HANDLE.test(receiver)) return null;
  // Drizzle's db.run/all/get/values take a query object; only text is SQL written here.
  const isText =
    ts.isStringLiteralLike(text) || ts.isTemplateExpression(text) || ts.isBinaryExpression(text);
  return isText ? text : null;
}

/** Every piece of SQL text in a source file that is neither literal nor on the allow-list. */
function findDynamicSql(file: string, source: string, allowed = ALLOWED): Offense[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const lines = source.split('\n');
  const offenses: Offense[] = [];
  const seen = new Set<ts.Node>();
  const check = (text: ts.Expression) => {
    for (const piece of piecesOf(text)) {
      if (seen.has(piece)) continue;
      seen.add(piece);
      const written = collapse(piece.getText());
      if (allowed.some((a) => allows(a, file, written))) continue;
      const line = sf.getLineAndCharacterOfPosition(piece.getStart()).line;
      offenses.push({ file, line: line + 1, piece: written, snippet: (lines[line] ?? '').trim() });
    }
  };
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      const text = sinkArgument(node);
      if (text) check(text);
    } else if (ts.isTemplateExpression(node) && SQL_TEXT.test(node.getText())) {
      const tagged = ts.isTaggedTemplateExpression(node.parent);
      if (!tagged) check(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return offenses;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const ROOT = join(import.meta.dirname, '../..');
const show = (o: Offense) => `${o.file}:${o.line}: \${${o.piece}} in: ${o.snippet}`;

t.test('no SQL text in src/ is built from anything but constants', async (t) => {
  const files = sourceFiles(join(ROOT, 'src')).map((path) => relative(ROOT, path));
  t.ok(files.length > 20, `${files.length} source files read`);
  const offenses = files.flatMap((file) =>
    findDynamicSql(file, readFileSync(join(ROOT, file), 'utf8')),
  );
  t.same(offenses.map(show), [], 'every piece of SQL text is a literal or an allowed constant');

  // An entry that no longer matches anything would let a new line with the same text through.
  const used = ALLOWED.filter((a) =>
    files.includes(a.file)
      ? findDynamicSql(a.file, readFileSync(join(ROOT, a.file), 'utf8'), []).some((o) =>
          allows(a, a.file, o.piece),
        )
      : false,
  );
  t.same(
    ALLOWED.filter((a) => !used.includes(a)).map((a) => `${a.file}: ${String(a.piece)}`),
    [],
    'every allow-list entry is still in use',
  );
  t.ok(
    ALLOWED.every((a) => a.why.length > 10),
    'every allow-list entry says why it is safe',
  );
});

/** Code that must be flagged: request values made into SQL text. */
const BAD = `
export function routes(app, db, sqlite) {
  app.get('/x', async (request) => {
    const q = request.query.q;
    db.$client.prepare(\`select * from events where title like '%\${q}%'\`).all();
    sqlite.exec('delete from people where id = ' + request.params.id);
    db.all(sql.raw(\`select * from people order by \${request.query.sort}\`));
    db.run(\`update events set title = '\${request.body.title}' where id = ?\`);
    const built = \`select * from places where id = '\${request.params.id}'\`;
    const handle = app.db.$client;
    handle.exec(\`pragma \${request.query.pragma}\`);
    return sqlite.prepare(built).get();
  });
}
`;

/** Code that must pass: literals, bound parameters and drizzle's sql\`\` tag. */
const GOOD = `
export function routes(app, db, sqlite) {
  app.get('/x', async (request) => {
    sqlite.prepare('select * from events where id = ?').get(request.params.id);
    db.all(sql\`select * from events where title like \${'%' + request.query.q + '%'}\`);
    const match = /^a$/.exec(request.query.q);
    const date = PARTIAL_DATE_PATTERN.exec(request.query.from);
    const label = labels.get(\`\${request.query.kind}/\${request.query.id}\`);
    return db.select().from(events).where(eq(events.id, request.params.id)).all();
  });
}
`;

/** One allow-listed constant in SQL text. */
const ALLOWED_USE = `sqlite.prepare(\`select \${OPEN}\`);`;

t.test('the checker flags SQL text built from request values', async (t) => {
  const offenses = findDynamicSql('fixture.ts', BAD, []);
  t.same(
    offenses.map((o) => `${o.line}: ${o.piece}`),
    [
      '5: q',
      '6: request.params.id',
      '7: request.query.sort',
      '8: request.body.title',
      '9: request.params.id',
      '11: request.query.pragma',
      '12: built',
    ],
    'each interpolation, concatenation and variable of SQL text is named with its line',
  );
  t.match(show(offenses[0] as Offense), /^fixture\.ts:5: \$\{q\} in: db\.\$client\.prepare\(/);
  t.same(findDynamicSql('fixture.ts', GOOD, []), [], 'bound values and literals pass');
  t.same(
    findDynamicSql('fixture.ts', ALLOWED_USE, [
      { file: 'fixture.ts', piece: 'OPEN', why: 'a constant for this test' },
    ]),
    [],
    'an allow-listed constant passes, in its own file only',
  );
  t.equal(
    findDynamicSql('other.ts', ALLOWED_USE, [
      { file: 'fixture.ts', piece: 'OPEN', why: 'a constant for this test' },
    ]).length,
    1,
    'the same constant in another file is flagged',
  );
});
