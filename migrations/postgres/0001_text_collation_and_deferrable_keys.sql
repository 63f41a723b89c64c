-- What drizzle-kit cannot declare of the tables, made true of every table before anything else
-- is built on them. Each is a loop over the catalog, so that a later migration that adds or
-- remakes a column or a foreign key must run it again: test/postgres/migrate.test.ts fails on a
-- text column that does not compare as "C" or a foreign key that is not deferrable.
--
-- Text compares byte by byte, as SQLite's (its BINARY collation, on UTF-8), whatever the
-- database's default collation: "C" on every text column, so that lists sort, page and compare
-- exactly as on SQLite (`B` before `a`, `_z` after `Z`), and their indexes serve those orders.
DO $$
DECLARE
  col record;
BEGIN
  FOR col IN
    SELECT c.table_name, c.column_name FROM information_schema.columns c
    JOIN information_schema.tables t USING (table_schema, table_name)
    WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.data_type = 'text'
      AND c.collation_name IS DISTINCT FROM 'C'
  LOOP
    EXECUTE format('ALTER TABLE %I ALTER COLUMN %I TYPE text COLLATE "C"', col.table_name, col.column_name);
  END LOOP;
END;
$$;
--> statement-breakpoint
-- Every foreign key DEFERRABLE INITIALLY IMMEDIATE, so that an import can check them at commit
-- (SET CONSTRAINTS ALL DEFERRED) as it does on SQLite (PRAGMA defer_foreign_keys): a bundle
-- writes rows in any order (an event before its parent, a participation before its event).
-- Every other write still checks them at once.
DO $$
DECLARE
  fk record;
BEGIN
  FOR fk IN
    SELECT conrelid::regclass AS tbl, conname FROM pg_constraint
    WHERE contype = 'f' AND connamespace = 'public'::regnamespace AND NOT condeferrable
  LOOP
    EXECUTE format('ALTER TABLE %s ALTER CONSTRAINT %I DEFERRABLE INITIALLY IMMEDIATE', fk.tbl, fk.conname);
  END LOOP;
END;
$$;
