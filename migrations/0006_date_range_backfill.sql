-- Span classes for the events stored before the column existed (new writes compute it in
-- src/bundle/rows.ts with the same bounds: 31, 366 and 3,660 days).
UPDATE events SET span_class = CASE
  WHEN julianday(end_last_day) - julianday(start_first_day) <= 31 THEN 0
  WHEN julianday(end_last_day) - julianday(start_first_day) <= 366 THEN 1
  WHEN julianday(end_last_day) - julianday(start_first_day) <= 3660 THEN 2
  ELSE 3 END;
--> statement-breakpoint
-- The statements' chronological order (undated last), as the lists sort: one index, no sorting.
CREATE INDEX statements_date_order_idx ON statements (coalesce(date_first_day, '9999-99-99'), id);
