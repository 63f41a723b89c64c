/**
 * The ETag of an item on PostgreSQL, as conditions.ts's itemEtags gives it on SQLite: the item's
 * read task (`<kind>.get`, or `<kind>.record` for the kinds without a resource) run by its
 * PostgreSQL run on the write's own connection, inside its transaction, rendered by renderBody
 * and hashed as every answer is. The same data gives the same bytes on both backends, so the
 * same ETag.
 */
import type pg from 'pg';
import { etagOf } from '../http/caching.js';
import type { PostgresRun } from '../http/reads/postgres-read.js';
import { type ItemParams, type ReadTask, renderBody } from '../http/reads/task.js';
import type { KindName } from '../kinds/index.js';
import { postgresRuns } from '../reads/postgres-registry.js';
import { readTasks } from '../reads/registry.js';

/** `itemEtagsPostgres()(client, kind, id)`: the item's ETag, or null when there is none. */
export function itemEtagsPostgres() {
  const tasks = readTasks();
  const runs = postgresRuns();
  const itemRead = (kind: KindName) => {
    for (const name of [`${kind}.get`, `${kind}.record`]) {
      const task = tasks.get(name) as ReadTask<unknown> | undefined;
      const run = runs.get(name) as PostgresRun<ItemParams> | undefined;
      if (task && run) return { task, run };
    }
    throw new Error(`no PostgreSQL item read for ${kind}`);
  };
  return async (client: pg.PoolClient, kind: KindName, id: string): Promise<string | null> => {
    const { task, run } = itemRead(kind);
    const data = await run(client, { id, query: {} });
    return data === null || data === undefined ? null : etagOf(renderBody(task, data));
  };
}
