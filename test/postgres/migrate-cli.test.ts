/**
 * `npm run migrate` with DATABASE_URL set migrates the PostgreSQL server (a harness server here,
 * the command run as npm runs it, through tsx), says which without the password, and fails in one
 * line when the server cannot be reached.
 */
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import t from 'tap';
import { PROJECT_ROOT } from '../../src/paths.js';
import { freePort, startPostgres } from './server.js';

/** The migrate command with only these variables (none of the developer's shell). */
const migrate = (env: Record<string, string>) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/migrate.ts'], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });

t.test('npm run migrate with DATABASE_URL migrates the PostgreSQL server', async (t) => {
  const server = await startPostgres();
  t.teardown(() => server.stop());
  const first = migrate({ DATABASE_URL: server.url });
  t.equal(first.status, 0, 'exit 0', { stderr: first.stderr });
  t.equal(
    first.stdout,
    `migrated postgres://annals:***@127.0.0.1:${server.port}/annals\n`,
    'names the server, its password hidden',
  );
  t.notMatch(first.stdout + first.stderr, ':annals@', 'the password is never printed');

  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  t.teardown(() => client.end());
  const { rows } = await client.query<{ n: number }>(
    `select count(*)::int as n from information_schema.tables
     where table_schema = 'public' and table_name in ('events', 'participations', 'search_docs')`,
  );
  t.equal(rows[0]?.n, 3, 'the tables are there');

  const again = migrate({ DATABASE_URL: server.url });
  t.equal(again.status, 0, 'a second run succeeds too (nothing to apply)', {
    stderr: again.stderr,
  });
});

t.test('a server that cannot be reached: one line, exit 1, no password', async (t) => {
  const password = 'pw-annals-cli-42';
  const port = await freePort();
  const run = migrate({ DATABASE_URL: `postgres://annals:${password}@127.0.0.1:${port}/annals` });
  t.equal(run.status, 1, 'exit 1');
  t.match(
    run.stderr,
    new RegExp(
      `^migrating postgres://annals:\\*\\*\\*@127\\.0\\.0\\.1:${port}/annals failed: .+\\n$`,
    ),
    'one line naming the server and the reason',
  );
  t.notMatch(run.stderr + run.stdout, password, 'the password is never printed');
});
