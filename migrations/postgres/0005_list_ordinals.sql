-- A delegation's members and a source's cites get an ordinal, as every other list of a record
-- has: their order was only the rows' places in the table (ctid), which PostgreSQL reuses once
-- rows are rewritten. Existing rows are numbered in ctid order, the order exports read them in
-- until now, before the column becomes NOT NULL. The key becomes (record, ordinal); the unique
-- index keeps the old key's promise (no member, no cited source twice). drizzle-kit added the
-- key before the column and the column NOT NULL without values: written by hand.
ALTER TABLE "delegation_members" ADD COLUMN "ordinal" integer;--> statement-breakpoint
UPDATE "delegation_members" m SET "ordinal" = n."ordinal"
  FROM (SELECT ctid, row_number() OVER (PARTITION BY "delegation_id" ORDER BY ctid) - 1 AS "ordinal"
    FROM "delegation_members") n
  WHERE m.ctid = n.ctid;--> statement-breakpoint
ALTER TABLE "delegation_members" ALTER COLUMN "ordinal" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "source_cites" ADD COLUMN "ordinal" integer;--> statement-breakpoint
UPDATE "source_cites" c SET "ordinal" = n."ordinal"
  FROM (SELECT ctid, row_number() OVER (PARTITION BY "source_id" ORDER BY ctid) - 1 AS "ordinal"
    FROM "source_cites") n
  WHERE c.ctid = n.ctid;--> statement-breakpoint
ALTER TABLE "source_cites" ALTER COLUMN "ordinal" SET NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "delegation_members_delegation_person_idx" ON "delegation_members" USING btree ("delegation_id","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "source_cites_source_cited_idx" ON "source_cites" USING btree ("source_id","cited_source_id");--> statement-breakpoint
ALTER TABLE "delegation_members" DROP CONSTRAINT "delegation_members_delegation_id_person_id_pk";--> statement-breakpoint
ALTER TABLE "source_cites" DROP CONSTRAINT "source_cites_source_id_cited_source_id_pk";--> statement-breakpoint
ALTER TABLE "delegation_members" ADD CONSTRAINT "delegation_members_delegation_id_ordinal_pk" PRIMARY KEY("delegation_id","ordinal");--> statement-breakpoint
ALTER TABLE "source_cites" ADD CONSTRAINT "source_cites_source_id_ordinal_pk" PRIMARY KEY("source_id","ordinal");
