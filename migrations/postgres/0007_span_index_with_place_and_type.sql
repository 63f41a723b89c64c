DROP INDEX "events_span_start_idx";--> statement-breakpoint
CREATE INDEX "events_span_start_idx" ON "events" USING btree ("span_class","start_first_day","id","end_last_day","place_id","type");