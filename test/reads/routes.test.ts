/**
 * Every GET operation of the API reads through a read task, so none runs a query on the main
 * thread: walked from the OpenAPI document, each one's default request (path ids and required
 * parameters from its examples) makes the pool complete exactly one task, and answers the same
 * status and bytes as the inline reads. The few routes that never read SQLite through a task are
 * listed, with why.
 */
import { join } from 'node:path';
import t from 'tap';
import { buildTestApp, sqliteOnly, tempDir, untilReadsAnswer } from '../helper.js';

const SQLITE_ONLY = sqliteOnly('the SQLite read workers');

/** Routes that do not go through a read task, and why. */
const NOT_POOLED: Record<string, string> = {
  '/health': '`select 1` on the main connection: it checks that connection, and costs microseconds',
  '/v1/schemas/bundle.json': 'made once at start from the zod schemas; no query',
  '/': 'the index: made once at start from KINDS; no query',
  '/v1': 'the index: made once at start from KINDS; no query',
  '/problems': 'the pages of the problem types, from a table in the code; no query',
  '/problems/{name}': 'the pages of the problem types, from a table in the code; no query',
};

interface Parameter {
  name: string;
  in: 'path' | 'query';
  required?: boolean;
  example?: unknown;
  schema?: { example?: unknown };
}

type Document = { paths: Record<string, { get?: { parameters?: Parameter[] } }> };

/** The operation's URL, its path ids and required query parameters filled from examples. */
function defaultUrl(path: string, parameters: Parameter[]): string {
  let url = path;
  const query = new URLSearchParams();
  for (const parameter of parameters) {
    const example = parameter.example ?? parameter.schema?.example;
    if (parameter.in === 'path') {
      // No example (an import's id; the seed's import log is empty): a valid id that is not there.
      const id = example ?? '00000000-0000-4000-8000-000000000000';
      url = url.replace(`{${parameter.name}}`, encodeURIComponent(String(id)));
    } else if (parameter.in === 'query' && parameter.required) {
      query.set(parameter.name, String(example));
    }
  }
  const search = query.toString();
  return search ? `${url}?${search}` : url;
}

t.test('every GET operation reads through the pool', SQLITE_ONLY, async (t) => {
  const databasePath = join(tempDir(t), 'annals.db');
  const inline = await buildTestApp(t, { databasePath });
  await inline.ready();
  const pooled = await buildTestApp(t, { databasePath, readWorkers: 1 });
  await pooled.ready();
  await untilReadsAnswer(pooled);

  const document = pooled.swagger() as unknown as Document;
  let walked = 0;
  for (const [path, operations] of Object.entries(document.paths)) {
    if (!operations.get) continue;
    const url = defaultUrl(path, operations.get.parameters ?? []);
    const before = pooled.reads.stats()?.completed ?? 0;
    const a = await inline.inject(url);
    const b = await pooled.inject(url);
    const tasks = (pooled.reads.stats()?.completed ?? 0) - before;
    t.ok(a.statusCode < 500, `${url}: ${a.statusCode}`);
    t.equal(b.statusCode, a.statusCode, `${url}: the same status`);
    if (a.statusCode === 200) t.equal(b.body, a.body, `${url}: the same bytes`);
    if (path in NOT_POOLED) t.equal(tasks, 0, `${url}: not a read task`);
    // The export is read a slice at a time (the seed's export is small: a slice or two).
    else if (path === '/v1/export') t.ok(tasks >= 1, `${url}: ${tasks} slice tasks`);
    else t.equal(tasks, 1, `${url}: one read task`);
    walked += 1;
  }
  t.ok(walked >= 30, `${walked} GET operations walked`);
});
