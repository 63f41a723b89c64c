/**
 * A read worker (one thread of the pool in src/http/reads/pool.ts): its own read-only connection,
 * the registry of read tasks, and `run`, which runs one task and renders its JSON text
 * (renderRead). No top-level await: built, piscina loads this file with require().
 *
 * `workerData.taskModules` (the tests) names extra modules whose exported tasks are added to the
 * registry, for tasks no route has (a deliberately slow one).
 */
import { workerData } from 'piscina';
import { openReadConnection } from '../db/database.js';
import { READY_TASK, type ReadRequest } from '../http/reads/pool.js';
import { type ReadResult, type ReadTask, renderRead } from '../http/reads/task.js';
import { readTasks, registerTasks } from './registry.js';

export interface ReadWorkerData {
  databasePath: string;
  /** How much of the file the connection maps (openReadConnection). */
  mmapMB?: number;
  checkResponses?: boolean;
  taskModules?: string[];
}

const data = workerData as ReadWorkerData;
const db = openReadConnection(data.databasePath, { mmapMB: data.mmapMB ?? 0 });
const registry = readTasks();

const isTask = (value: unknown): value is ReadTask<never> =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as ReadTask).name === 'string' &&
  typeof (value as ReadTask).run === 'function';

const extraTasks = Promise.all(
  (data.taskModules ?? []).map(async (url) => {
    const module = (await import(url)) as Record<string, unknown>;
    registerTasks(registry, Object.values(module).filter(isTask));
  }),
);

export default async function run(request: ReadRequest): Promise<ReadResult> {
  if (data.taskModules?.length) await extraTasks;
  if (request.task === READY_TASK) return { tag: 'none' };
  const task = registry.get(request.task) as ReadTask | undefined;
  if (!task) return { tag: 'error', message: `no read task is named ${request.task}` };
  return renderRead(task, db, request.params, {
    ...(request.fields ? { fields: request.fields } : {}),
    checkResponses: data.checkResponses ?? false,
  });
}
