/**
 * Why a write is refused, as problems: pure, so that both backends' services (service.ts on
 * SQLite, service.pg.ts on PostgreSQL) refuse the same input with the same words. Each service
 * reads what a check needs from its own database first (which references exist, the texts of
 * the sources cited) and hands it over.
 */
import { type FieldError, problems } from '../http/errors.js';
import { type KindName, kindOf, type RecordOf } from '../kinds/index.js';
import { referencesOf } from '../records/references.js';
import type { Holder } from './dependents.js';

/** A DELETE refused for dependents (or a source text for lost excerpts) lists this many at most. */
export const MAX_LISTED_DEPENDENTS = 20;

const singular = (kind: KindName) => kindOf(kind).singular;

/** Zod issues as the problem's field errors, each named by its JSON pointer in the body. */
export function bodyErrors(issues: { path: PropertyKey[]; message: string; code: string }[]) {
  return issues.flatMap((issue): FieldError[] => {
    const at = issue.path.map(String).join('/');
    const keys = (issue as { keys?: unknown }).keys;
    if (issue.code === 'unrecognized_keys' && Array.isArray(keys)) {
      return keys.map((key) => ({
        in: 'body',
        field: `${at ? `/${at}` : ''}/${String(key)}`,
        message: `unknown field '${String(key)}'`,
      }));
    }
    return [{ in: 'body', field: at ? `/${at}` : '/', message: issue.message }];
  });
}

/** 409 when the record refers to anything that does not exist; every such reference named. */
export function checkReferences(
  kind: KindName,
  record: RecordOf,
  exists: (kind: KindName, id: string) => boolean,
): void {
  const dangling = referencesOf(kindOf(kind), record)
    .filter((ref) => !exists(ref.kind as KindName, ref.id))
    .map(
      (ref): FieldError => ({
        in: 'body',
        field: ref.pointer,
        message: `refers to ${singular(ref.kind as KindName)} '${ref.id}', which does not exist`,
      }),
    );
  if (dangling.length > 0) throw problems.danglingReferences(dangling);
}

/** A citation of another record whose excerpt a source's new text lacks. */
export interface LostExcerpt {
  kind: string;
  id: string;
  ordinal: number;
}

/**
 * 422 when an excerpt is not in the text of its source (when the text is held: `textOf` gives
 * the stored one, null when there is none), and when a source's new text lacks an excerpt
 * another fact takes from it (`lost`, at most MAX_LISTED_DEPENDENTS of them). Exact match, as
 * imports check.
 */
export function checkExcerpts(
  kind: KindName,
  record: RecordOf,
  textOf: (source: string) => string | null,
  lost: readonly LostExcerpt[],
): void {
  const own = kind === 'sources' ? (record as RecordOf<'sources'>) : null;
  const textNow = (id: string) => (own && id === own.id ? (own.text ?? null) : textOf(id));
  const errors: FieldError[] = record.citations.flatMap((c, i) => {
    const text = textNow(c.source);
    if (text === null || text.includes(c.excerpt)) return [];
    return [
      {
        in: 'body',
        field: `/citations/${i}/excerpt`,
        message: `not in the text of source '${c.source}'`,
      },
    ];
  });
  for (const excerpt of lost) {
    errors.push({
      in: 'body',
      field: '/text',
      message: `lacks the excerpt ${excerpt.kind} '${excerpt.id}' cites from it (citations/${excerpt.ordinal})`,
    });
  }
  if (errors.length > 0) throw problems.excerptNotInSource(errors);
}

/** The new text of a source, when the write is one whose text the other facts' excerpts need. */
export function newSourceText(kind: KindName, record: RecordOf): string | null {
  return kind === 'sources' ? (record as RecordOf<'sources'>).text || null : null;
}

/** One reference to a record about to be deleted, as the 409's field error. */
export function referencedBy(holder: Holder, pointer: string): FieldError {
  return {
    field: '/',
    message: `referenced by ${singular(holder.kind)} '${holder.id}' (${pointer})`,
  };
}
