import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import { containsPattern } from '../pagination.js';

/**
 * Rows whose name or one of whose aliases contains `text`, case-insensitively. Aliases are stored
 * as a JSON array, hence json_each. Shared by people, organizations and places.
 */
export function nameOrAliasContains(name: AnyColumn, aliases: AnyColumn, text: string): SQL {
  const pattern = containsPattern(text);
  return sql`(${name} like ${pattern} escape '\\' or exists (
    select 1 from json_each(${aliases}) where json_each.value like ${pattern} escape '\\'))`;
}
