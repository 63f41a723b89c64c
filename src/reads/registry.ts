/**
 * Every read task by name: what a read worker runs (worker.ts) when the main thread sends it a
 * task name and parameters. A kind's tasks live in its reads.ts, next to its repository, so the
 * worker loads no route code.
 */
import { csvPageTask, exportSliceTask } from '../bundle/export-task.js';
import { importReads } from '../bundle/http/import-log.js';
import type { ReadTask } from '../http/reads/task.js';
import { delegationsReads } from '../kinds/delegations/reads.js';
import { eventsReads } from '../kinds/events/reads.js';
import { figuresReads } from '../kinds/figures/reads.js';
import { organizationsReads } from '../kinds/organizations/reads.js';
import { peopleReads } from '../kinds/people/reads.js';
import { placesReads } from '../kinds/places/reads.js';
import { sourcesReads } from '../kinds/sources/reads.js';
import { statementsReads } from '../kinds/statements/reads.js';
import { searchReads } from '../search/endpoint/reads.js';
import { timelineReads } from '../timeline/reads.js';
import { recordReads } from '../writes/reads.js';

const GROUPS: Record<string, ReadTask<never>>[] = [
  delegationsReads,
  eventsReads,
  figuresReads,
  organizationsReads,
  peopleReads,
  placesReads,
  sourcesReads,
  statementsReads,
  timelineReads,
  searchReads,
  importReads,
  recordReads,
  { exportSlice: exportSliceTask, csvPage: csvPageTask },
];

/** Adds tasks to a registry; a name given twice is a mistake, refused at once. */
export function registerTasks(
  registry: Map<string, ReadTask<never>>,
  tasks: Iterable<ReadTask<never>>,
): void {
  for (const task of tasks) {
    if (registry.has(task.name)) throw new Error(`two read tasks are named ${task.name}`);
    registry.set(task.name, task);
  }
}

export function readTasks(): Map<string, ReadTask<never>> {
  const registry = new Map<string, ReadTask<never>>();
  for (const group of GROUPS) registerTasks(registry, Object.values(group));
  return registry;
}
