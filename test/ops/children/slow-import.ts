/**
 * Child process for direct-crash.test.ts: imports people into the database at argv[2] from a
 * stream that never ends, printing `written N` as records are read (each is written as it is
 * read: the database was empty), until its parent kills it.
 */
import { runImport } from '../../../src/bundle/run.js';
import { openDatabase } from '../../../src/db/database.js';

const db = openDatabase(process.argv[2] as string);

async function* endless() {
  for (let batch = 0; ; batch++) {
    let text = '';
    for (let i = 0; i < 500; i++) {
      const id = `person-${batch}-${i}`;
      text += `${JSON.stringify({ kind: 'people', record: { id, name: `Person ${id}` } })}\n`;
    }
    yield Buffer.from(text);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

await runImport(
  db,
  { format: 'ndjson', stream: endless() },
  {
    mode: 'all',
    dryRun: false,
    keyName: 'test',
    onProgress: (line) => {
      if (line % 5000 === 0) process.stdout.write(`written ${line}\n`);
    },
  },
);
