/**
 * Migration 0012 stores the bounds of the table of hedges (src/domain/figures.ts) for figures
 * written before it: its SQL must compute the very doubles boundsOf computes for new writes.
 */
import { readFileSync } from 'node:fs';
import t from 'tap';
import { loadSeed } from '../../src/bundle/seed.js';
import { boundsOf, QUALIFIERS } from '../../src/domain/figures.js';
import { openTestDb, sqliteOnly } from '../helper.js';

const SQLITE_ONLY = sqliteOnly("SQLite migration 0012's SQL on a SQLite database");

const MIGRATION = new URL('../../migrations/0012_figure_hedge_bounds.sql', import.meta.url);
const VALUES = [180_000, 2_000_000, 200, 7, 1.5, 0.3, 123_456.789, 0, -10, -0.7, 1e15];

t.test('migration 0012 gives stored figures the bounds new writes get', SQLITE_ONLY, async (t) => {
  const db = openTestDb(t);
  loadSeed(db);
  const sqlite = db.$client;
  // Figures as they were stored before the table: "about" with no bound, "nearly" no lower.
  const insert = sqlite.prepare(
    `insert into figures (id, subject_id, measure, value, qualifier, unit, as_stated,
       lower_bound, lower_inclusive, upper_bound, upper_inclusive)
     values (?, 'chinese-peoples-volunteers', 'm', ?, ?, 'u', 's', ?, ?, ?, ?)`,
  );
  const old = (qualifier: string, value: number) =>
    qualifier === 'about'
      ? [null, 0, null, 0]
      : qualifier === 'nearly'
        ? [null, 0, value, 0]
        : (({ lower, lowerInclusive, upper, upperInclusive }) => [
            lower,
            Number(lowerInclusive),
            upper,
            Number(upperInclusive),
          ])(boundsOf(qualifier as 'exact', value));
  for (const qualifier of QUALIFIERS.filter((q) => q !== 'almost')) {
    VALUES.forEach((value, i) => {
      insert.run(`f-${qualifier}-${i}`, value, qualifier, ...old(qualifier, value));
    });
  }
  // The seed's "nearly 180,000" as it was stored before.
  sqlite.exec(`update figures set lower_bound = null, lower_inclusive = 0
    where id = 'cpv-soldiers-killed-korean-war'`);
  for (const statement of readFileSync(MIGRATION, 'utf8').split('--> statement-breakpoint')) {
    sqlite.exec(statement);
  }
  const rows = sqlite
    .prepare(
      `select id, qualifier, value, lower_bound lower, lower_inclusive li, upper_bound upper,
         upper_inclusive ui from figures`,
    )
    .all() as any[];
  t.ok(rows.length >= 7 * VALUES.length, `${rows.length} figures compared`);
  for (const row of rows) {
    const b = boundsOf(row.qualifier, row.value);
    t.same(
      [row.lower, Boolean(row.li), row.upper, Boolean(row.ui)],
      [b.lower, b.lowerInclusive, b.upper, b.upperInclusive],
      `${row.qualifier} ${row.value}: the migration's bounds are the table's`,
    );
  }
  const killed = rows.find((r) => r.id === 'cpv-soldiers-killed-korean-war');
  t.same([killed.lower, killed.upper], [162_000, 180_000], 'nearly 180,000 gains 162,000 below');
});
