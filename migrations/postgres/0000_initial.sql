CREATE TABLE "delegation_members" (
	"delegation_id" text NOT NULL,
	"person_id" text NOT NULL,
	"role" text,
	CONSTRAINT "delegation_members_delegation_id_person_id_pk" PRIMARY KEY("delegation_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "delegation_receivers" (
	"delegation_id" text NOT NULL,
	"ordinal" integer NOT NULL,
	"person_id" text,
	"organization_id" text,
	"group_label" text,
	"role" text NOT NULL,
	"place_id" text,
	CONSTRAINT "delegation_receivers_delegation_id_ordinal_pk" PRIMARY KEY("delegation_id","ordinal"),
	CONSTRAINT "delegation_receivers_one_receiver" CHECK (num_nonnulls("delegation_receivers"."person_id", "delegation_receivers"."organization_id", "delegation_receivers"."group_label") = 1)
);
--> statement-breakpoint
CREATE TABLE "delegations" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"leader_id" text,
	"sender_id" text,
	"destination_id" text,
	"event_id" text,
	"arrival" text,
	"arrival_first_day" text,
	"arrival_last_day" text,
	"arrival_place_id" text,
	"purpose" text,
	"status" text DEFAULT 'held' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_names" (
	"event_id" text NOT NULL,
	"ordinal" integer NOT NULL,
	"name" text NOT NULL,
	"used_by" text NOT NULL,
	CONSTRAINT "event_names_event_id_ordinal_pk" PRIMARY KEY("event_id","ordinal")
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"title" text NOT NULL,
	"summary" text,
	"start" text NOT NULL,
	"end" text,
	"start_first_day" text NOT NULL,
	"end_last_day" text NOT NULL,
	"start_last_day" text,
	"end_first_day" text,
	"status" text DEFAULT 'held' NOT NULL,
	"span_class" integer DEFAULT 3 NOT NULL,
	"place_id" text,
	"parent_id" text,
	"commemorates_id" text
);
--> statement-breakpoint
CREATE TABLE "figures" (
	"id" text PRIMARY KEY NOT NULL,
	"subject_id" text NOT NULL,
	"event_id" text,
	"measure" text NOT NULL,
	"value" double precision NOT NULL,
	"qualifier" text NOT NULL,
	"lower_bound" double precision,
	"lower_inclusive" boolean NOT NULL,
	"upper_bound" double precision,
	"upper_inclusive" boolean NOT NULL,
	"unit" text NOT NULL,
	"as_stated" text NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"aliases" text DEFAULT '[]' NOT NULL,
	"country_id" text,
	"parent_id" text,
	"description" text
);
--> statement-breakpoint
CREATE TABLE "participations" (
	"id" text PRIMARY KEY NOT NULL,
	"event_id" text NOT NULL,
	"person_id" text,
	"organization_id" text,
	"group_label" text,
	"role" text NOT NULL,
	"event_start_first_day" text,
	CONSTRAINT "participations_one_participant" CHECK (num_nonnulls("participations"."person_id", "participations"."organization_id", "participations"."group_label") = 1)
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"aliases" text DEFAULT '[]' NOT NULL,
	"country_id" text,
	"description" text
);
--> statement-breakpoint
CREATE TABLE "places" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"aliases" text DEFAULT '[]' NOT NULL,
	"parent_id" text
);
--> statement-breakpoint
CREATE TABLE "positions" (
	"id" text PRIMARY KEY NOT NULL,
	"person_id" text NOT NULL,
	"organization_id" text,
	"title" text NOT NULL,
	"start" text,
	"end" text,
	"as_of" text
);
--> statement-breakpoint
CREATE TABLE "relations" (
	"id" text PRIMARY KEY NOT NULL,
	"person_id" text NOT NULL,
	"relation" text NOT NULL,
	"related_person_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "source_cites" (
	"source_id" text NOT NULL,
	"cited_source_id" text NOT NULL,
	CONSTRAINT "source_cites_source_id_cited_source_id_pk" PRIMARY KEY("source_id","cited_source_id")
);
--> statement-breakpoint
CREATE TABLE "sources" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"publisher" text,
	"issued_by_id" text,
	"published" text,
	"url" text,
	"text" text
);
--> statement-breakpoint
CREATE TABLE "statements" (
	"id" text PRIMARY KEY NOT NULL,
	"speaker_person_id" text,
	"speaker_organization_id" text,
	"date" text,
	"date_first_day" text,
	"date_last_day" text,
	"place_id" text,
	"event_id" text,
	"delegation_id" text,
	"kind" text NOT NULL,
	"mode" text NOT NULL,
	"text" text NOT NULL,
	CONSTRAINT "statements_one_speaker" CHECK (num_nonnulls("statements"."speaker_person_id", "statements"."speaker_organization_id") = 1)
);
--> statement-breakpoint
CREATE TABLE "citation_steps" (
	"subject_kind" text NOT NULL,
	"subject_id" text NOT NULL,
	"ordinal" integer NOT NULL,
	"step" integer NOT NULL,
	"step_kind" text NOT NULL,
	"step_id" text NOT NULL,
	CONSTRAINT "citation_steps_subject_kind_subject_id_ordinal_step_pk" PRIMARY KEY("subject_kind","subject_id","ordinal","step")
);
--> statement-breakpoint
CREATE TABLE "citations" (
	"subject_kind" text NOT NULL,
	"subject_id" text NOT NULL,
	"ordinal" integer NOT NULL,
	"source_id" text NOT NULL,
	"excerpt" text NOT NULL,
	"start_offset" integer,
	"end_offset" integer,
	CONSTRAINT "citations_subject_kind_subject_id_ordinal_pk" PRIMARY KEY("subject_kind","subject_id","ordinal")
);
--> statement-breakpoint
CREATE TABLE "field_basis" (
	"subject_kind" text NOT NULL,
	"subject_id" text NOT NULL,
	"field" text NOT NULL,
	"kind" text NOT NULL,
	"note" text,
	"citation" integer,
	CONSTRAINT "field_basis_subject_kind_subject_id_field_pk" PRIMARY KEY("subject_kind","subject_id","field")
);
--> statement-breakpoint
CREATE TABLE "imports" (
	"id" text PRIMARY KEY NOT NULL,
	"started_at" text NOT NULL,
	"finished_at" text NOT NULL,
	"key_name" text NOT NULL,
	"format" text NOT NULL,
	"mode" text NOT NULL,
	"dry_run" boolean NOT NULL,
	"status" text NOT NULL,
	"report" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_docs" (
	"id" bigint PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY (sequence name "search_docs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"entity_id" text NOT NULL,
	"title" text NOT NULL,
	"name" text NOT NULL,
	"body" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "delegation_members" ADD CONSTRAINT "delegation_members_delegation_id_delegations_id_fk" FOREIGN KEY ("delegation_id") REFERENCES "public"."delegations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegation_members" ADD CONSTRAINT "delegation_members_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegation_receivers" ADD CONSTRAINT "delegation_receivers_delegation_id_delegations_id_fk" FOREIGN KEY ("delegation_id") REFERENCES "public"."delegations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegation_receivers" ADD CONSTRAINT "delegation_receivers_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegation_receivers" ADD CONSTRAINT "delegation_receivers_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegation_receivers" ADD CONSTRAINT "delegation_receivers_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegations" ADD CONSTRAINT "delegations_leader_id_people_id_fk" FOREIGN KEY ("leader_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegations" ADD CONSTRAINT "delegations_sender_id_organizations_id_fk" FOREIGN KEY ("sender_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegations" ADD CONSTRAINT "delegations_destination_id_places_id_fk" FOREIGN KEY ("destination_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegations" ADD CONSTRAINT "delegations_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegations" ADD CONSTRAINT "delegations_arrival_place_id_places_id_fk" FOREIGN KEY ("arrival_place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_names" ADD CONSTRAINT "event_names_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_parent_id_events_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_commemorates_id_events_id_fk" FOREIGN KEY ("commemorates_id") REFERENCES "public"."events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "figures" ADD CONSTRAINT "figures_subject_id_organizations_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "figures" ADD CONSTRAINT "figures_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_country_id_organizations_id_fk" FOREIGN KEY ("country_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_parent_id_organizations_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participations" ADD CONSTRAINT "participations_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participations" ADD CONSTRAINT "participations_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participations" ADD CONSTRAINT "participations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_country_id_organizations_id_fk" FOREIGN KEY ("country_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "places" ADD CONSTRAINT "places_parent_id_places_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "positions" ADD CONSTRAINT "positions_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "positions" ADD CONSTRAINT "positions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relations" ADD CONSTRAINT "relations_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relations" ADD CONSTRAINT "relations_related_person_id_people_id_fk" FOREIGN KEY ("related_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "source_cites" ADD CONSTRAINT "source_cites_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "source_cites" ADD CONSTRAINT "source_cites_cited_source_id_sources_id_fk" FOREIGN KEY ("cited_source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sources" ADD CONSTRAINT "sources_issued_by_id_organizations_id_fk" FOREIGN KEY ("issued_by_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statements" ADD CONSTRAINT "statements_speaker_person_id_people_id_fk" FOREIGN KEY ("speaker_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statements" ADD CONSTRAINT "statements_speaker_organization_id_organizations_id_fk" FOREIGN KEY ("speaker_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statements" ADD CONSTRAINT "statements_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statements" ADD CONSTRAINT "statements_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statements" ADD CONSTRAINT "statements_delegation_id_delegations_id_fk" FOREIGN KEY ("delegation_id") REFERENCES "public"."delegations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citation_steps" ADD CONSTRAINT "citation_steps_citation_fk" FOREIGN KEY ("subject_kind","subject_id","ordinal") REFERENCES "public"."citations"("subject_kind","subject_id","ordinal") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citations" ADD CONSTRAINT "citations_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "delegation_members_person_idx" ON "delegation_members" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "delegation_receivers_person_idx" ON "delegation_receivers" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "delegation_receivers_organization_idx" ON "delegation_receivers" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "delegation_receivers_place_idx" ON "delegation_receivers" USING btree ("place_id");--> statement-breakpoint
CREATE INDEX "delegations_name_idx" ON "delegations" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "delegations_leader_name_idx" ON "delegations" USING btree ("leader_id","name","id");--> statement-breakpoint
CREATE INDEX "delegations_sender_name_idx" ON "delegations" USING btree ("sender_id","name","id");--> statement-breakpoint
CREATE INDEX "delegations_event_name_idx" ON "delegations" USING btree ("event_id","name","id");--> statement-breakpoint
CREATE INDEX "delegations_status_name_idx" ON "delegations" USING btree ("status","name","id");--> statement-breakpoint
CREATE INDEX "delegations_destination_idx" ON "delegations" USING btree ("destination_id");--> statement-breakpoint
CREATE INDEX "delegations_arrival_idx" ON "delegations" USING btree ("arrival_first_day");--> statement-breakpoint
CREATE INDEX "delegations_arrival_place_idx" ON "delegations" USING btree ("arrival_place_id");--> statement-breakpoint
CREATE INDEX "event_names_used_by_idx" ON "event_names" USING btree ("used_by");--> statement-breakpoint
CREATE INDEX "events_start_idx" ON "events" USING btree ("start_first_day","id");--> statement-breakpoint
CREATE INDEX "events_span_start_idx" ON "events" USING btree ("span_class","start_first_day","id","end_last_day");--> statement-breakpoint
CREATE INDEX "events_end_idx" ON "events" USING btree ("end_last_day");--> statement-breakpoint
CREATE INDEX "events_title_idx" ON "events" USING btree ("title","id");--> statement-breakpoint
CREATE INDEX "events_type_idx" ON "events" USING btree ("type","start_first_day");--> statement-breakpoint
CREATE INDEX "events_place_idx" ON "events" USING btree ("place_id");--> statement-breakpoint
CREATE INDEX "events_parent_start_idx" ON "events" USING btree ("parent_id","start_first_day","id");--> statement-breakpoint
CREATE INDEX "events_commemorates_idx" ON "events" USING btree ("commemorates_id");--> statement-breakpoint
CREATE INDEX "figures_subject_order_idx" ON "figures" USING btree ("subject_id","id");--> statement-breakpoint
CREATE INDEX "figures_event_order_idx" ON "figures" USING btree ("event_id","id");--> statement-breakpoint
CREATE INDEX "figures_value_idx" ON "figures" USING btree ("value","id");--> statement-breakpoint
CREATE INDEX "figures_qualifier_idx" ON "figures" USING btree ("qualifier","id");--> statement-breakpoint
CREATE INDEX "organizations_country_name_idx" ON "organizations" USING btree ("country_id","name","id");--> statement-breakpoint
CREATE INDEX "organizations_parent_name_idx" ON "organizations" USING btree ("parent_id","name","id");--> statement-breakpoint
CREATE INDEX "organizations_type_name_idx" ON "organizations" USING btree ("type","name","id");--> statement-breakpoint
CREATE INDEX "organizations_name_idx" ON "organizations" USING btree ("name");--> statement-breakpoint
CREATE INDEX "participations_event_idx" ON "participations" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "participations_person_start_idx" ON "participations" USING btree ("person_id","event_start_first_day","event_id","id") WHERE "participations"."person_id" is not null;--> statement-breakpoint
CREATE INDEX "participations_organization_start_idx" ON "participations" USING btree ("organization_id","event_start_first_day","event_id","id") WHERE "participations"."organization_id" is not null;--> statement-breakpoint
CREATE INDEX "people_country_idx" ON "people" USING btree ("country_id");--> statement-breakpoint
CREATE INDEX "people_name_idx" ON "people" USING btree ("name");--> statement-breakpoint
CREATE INDEX "places_parent_name_idx" ON "places" USING btree ("parent_id","name","id");--> statement-breakpoint
CREATE INDEX "places_type_name_idx" ON "places" USING btree ("type","name","id");--> statement-breakpoint
CREATE INDEX "places_name_idx" ON "places" USING btree ("name");--> statement-breakpoint
CREATE INDEX "positions_person_idx" ON "positions" USING btree ("person_id","start","id");--> statement-breakpoint
CREATE INDEX "positions_organization_idx" ON "positions" USING btree ("organization_id","person_id");--> statement-breakpoint
CREATE INDEX "relations_person_idx" ON "relations" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "relations_related_idx" ON "relations" USING btree ("related_person_id");--> statement-breakpoint
CREATE INDEX "source_cites_cited_idx" ON "source_cites" USING btree ("cited_source_id","source_id");--> statement-breakpoint
CREATE INDEX "sources_title_idx" ON "sources" USING btree ("title","id");--> statement-breakpoint
CREATE INDEX "sources_publisher_idx" ON "sources" USING btree ("publisher","id");--> statement-breakpoint
CREATE INDEX "sources_issued_by_idx" ON "sources" USING btree ("issued_by_id","id");--> statement-breakpoint
CREATE INDEX "statements_date_idx" ON "statements" USING btree ("date_first_day","id","date_last_day");--> statement-breakpoint
CREATE INDEX "statements_place_idx" ON "statements" USING btree ("place_id");--> statement-breakpoint
CREATE INDEX "citation_steps_step_idx" ON "citation_steps" USING btree ("step_kind","step_id","subject_kind","subject_id","ordinal");--> statement-breakpoint
CREATE INDEX "citations_source_idx" ON "citations" USING btree ("source_id","start_offset","subject_kind","subject_id","ordinal");--> statement-breakpoint
CREATE INDEX "imports_started_idx" ON "imports" USING btree ("started_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "search_docs_entity_idx" ON "search_docs" USING btree ("kind","entity_id");