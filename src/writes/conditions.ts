/**
 * Conditional writes (RFC 9110 §13): `If-Match` refuses a write to a record that changed since
 * the client read it, `If-None-Match: *` a create over a record that exists; both answer 412 and
 * leave the record as it was. The ETag compared is the one `GET /v1/<kind>/{id}` sends (no query):
 * the item rendered by its read task exactly as a read renders it (renderBody), hashed as the
 * caching plugin hashes every answer. The service computes it inside the write's transaction, so
 * that no other write comes between the check and the change.
 */
import type { Db } from '../db/database.js';
import { etagOf, matchesIfMatch, matchesIfNoneMatch } from '../http/caching.js';
import { problems } from '../http/errors.js';
import { type ReadTask, renderBody } from '../http/reads/task.js';
import type { KindName } from '../kinds/index.js';
import { readTasks } from '../reads/registry.js';

/** The preconditions of a write, as its request headers give them. */
export interface Conditions {
  ifMatch?: string;
  ifNoneMatch?: string;
}

/** A tag list (`"a", W/"b"`) or `*`: what the two headers may hold. */
const TAG_LIST = /^\s*(\*|(W\/)?"[^"]*"(\s*,\s*(W\/)?"[^"]*")*)\s*$/;

/** The conditions of a request; 400 naming the header when one is not a tag list or `*`. */
export function conditionsOf(headers: Record<string, string | string[] | undefined>): Conditions {
  const conditions: Conditions = {};
  for (const [name, key] of [
    ['if-match', 'ifMatch'],
    ['if-none-match', 'ifNoneMatch'],
  ] as const) {
    const raw = headers[name];
    if (raw === undefined) continue;
    const value = Array.isArray(raw) ? raw.join(', ') : raw;
    if (!TAG_LIST.test(value)) {
      throw problems.invalidField(
        'header',
        name,
        'must be `*` or a list of quoted ETags (`"…"`), as the ETag header gives them',
      );
    }
    conditions[key] = value;
  }
  return conditions;
}

/** The ETag of an item as GET sends it, or null when there is none: `itemEtags(db)(kind, id)`. */
export function itemEtags(db: Db) {
  const tasks = readTasks();
  const itemTask = (kind: KindName) =>
    (tasks.get(`${kind}.get`) ?? tasks.get(`${kind}.record`)) as ReadTask<unknown> | undefined;
  return (kind: KindName, id: string): string | null => {
    const task = itemTask(kind);
    if (!task) throw new Error(`no item read task for ${kind}`);
    const data = task.run(db, { id, query: {} });
    return data === null || data === undefined ? null : etagOf(renderBody(task, data));
  };
}

/** 412 unless the conditions hold for the record, whose GET has the ETag `current` (null: none). */
export function checkConditions(
  conditions: Conditions,
  current: () => string | null,
  what: string,
): void {
  if (conditions.ifMatch === undefined && conditions.ifNoneMatch === undefined) return;
  const etag = current();
  if (conditions.ifMatch !== undefined && !matchesIfMatch(conditions.ifMatch, etag)) {
    throw problems.preconditionFailed(
      etag === null
        ? `If-Match: there is no ${what}; nothing was written.`
        : `If-Match: the ${what} has changed since that ETag (it is now ${etag}); nothing was written. GET it again and apply your change to what it is now.`,
    );
  }
  if (
    conditions.ifNoneMatch !== undefined &&
    etag !== null &&
    matchesIfNoneMatch(conditions.ifNoneMatch, etag)
  ) {
    throw problems.preconditionFailed(
      conditions.ifNoneMatch.trim() === '*'
        ? `If-None-Match: * asks to create, and the ${what} exists; nothing was written.`
        : `If-None-Match: the ${what} still has that ETag; nothing was written.`,
    );
  }
}
