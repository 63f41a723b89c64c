-- Every foreign key DEFERRABLE INITIALLY IMMEDIATE, so that an import can check them at commit
-- (SET CONSTRAINTS ALL DEFERRED) as it does on SQLite (PRAGMA defer_foreign_keys): a bundle
-- writes rows in any order (an event before its parent, a participation before its event).
-- Every other write still checks them at once. drizzle-kit cannot declare a deferrable key, so
-- this statement must run again after any migration that adds or remakes one:
-- test/postgres/migrate.test.ts fails on a foreign key that is not deferrable.
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
