/**
 * A read task run on PostgreSQL (its run from src/reads/postgres-registry.ts), ended as SQLite's
 * renderRead ends one (task.ts resultOf): the same data gives the same bytes, so the same ETag,
 * on either backend. The caller gives the connection inside its read-only transaction
 * (PostgresServers.read: a replica or the primary).
 */
import type pg from 'pg';
import type { PostgresRun } from '../../reads/postgres-registry.js';
import {
  errorResult,
  type ReadResult,
  type ReadTask,
  type RenderOptions,
  resultOf,
} from './task.js';

export async function renderPostgresRead<P>(
  task: ReadTask<P>,
  run: PostgresRun<P>,
  client: pg.PoolClient,
  params: P,
  options: RenderOptions = {},
): Promise<ReadResult> {
  try {
    return resultOf(task, await run(client, params), options);
  } catch (error) {
    return errorResult(error);
  }
}
