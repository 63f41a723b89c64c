/**
 * Column types the PostgreSQL tables (the `*.pg.ts` twins of the SQLite tables) share.
 */
import { customType } from 'drizzle-orm/pg-core';

/**
 * JSON kept as text, as SQLite's `text({ mode: 'json' })` keeps it: the stored text is the one
 * written, so an export reads back the very bytes SQLite's does. `jsonb` would reorder an
 * object's keys and `json` would be a second type family for the parity test and the search
 * views to tell apart; nothing queries inside these values, so text is enough.
 */
export const jsonText = <T>(name: string) =>
  customType<{ data: T; driverData: string }>({
    dataType: () => 'text',
    toDriver: (value) => JSON.stringify(value),
    fromDriver: (value) => JSON.parse(value) as T,
  })(name);
