-- Indexes that serve each list filter together with the list's order (the query-plan test,
-- test/perf/query-plans.test.ts): a filter value, then the sort key, then the id tie-break, so
-- a page is read in order from one index range instead of sorting every match.
CREATE INDEX delegations_name_idx ON delegations (name, id);
--> statement-breakpoint
CREATE INDEX delegations_leader_name_idx ON delegations (leader_id, name, id);
--> statement-breakpoint
CREATE INDEX delegations_sender_name_idx ON delegations (sender_id, name, id);
--> statement-breakpoint
CREATE INDEX delegations_event_name_idx ON delegations (event_id, name, id);
--> statement-breakpoint
CREATE INDEX delegations_arrival_order_idx ON delegations (coalesce(arrival_first_day, '9999-99-99'), id);
--> statement-breakpoint
CREATE INDEX figures_value_idx ON figures (value, id);
--> statement-breakpoint
CREATE INDEX figures_qualifier_idx ON figures (qualifier, id);
--> statement-breakpoint
CREATE INDEX figures_subject_order_idx ON figures (subject_id, id);
--> statement-breakpoint
CREATE INDEX figures_event_order_idx ON figures (event_id, id);
--> statement-breakpoint
CREATE INDEX sources_title_idx ON sources (title, id);
--> statement-breakpoint
CREATE INDEX sources_publisher_idx ON sources (publisher, id);
--> statement-breakpoint
CREATE INDEX organizations_type_name_idx ON organizations (type, name, id);
--> statement-breakpoint
CREATE INDEX organizations_country_name_idx ON organizations (country_id, name, id);
--> statement-breakpoint
CREATE INDEX organizations_parent_name_idx ON organizations (parent_id, name, id);
--> statement-breakpoint
CREATE INDEX places_type_name_idx ON places (type, name, id);
--> statement-breakpoint
CREATE INDEX places_parent_name_idx ON places (parent_id, name, id);
--> statement-breakpoint
CREATE INDEX events_parent_start_idx ON events (parent_id, start_first_day, id);
--> statement-breakpoint
CREATE INDEX statements_event_order_idx ON statements (event_id, coalesce(date_first_day, '9999-99-99'), id);
--> statement-breakpoint
CREATE INDEX statements_delegation_order_idx ON statements (delegation_id, coalesce(date_first_day, '9999-99-99'), id);
--> statement-breakpoint
CREATE INDEX statements_mode_order_idx ON statements (mode, coalesce(date_first_day, '9999-99-99'), id);
