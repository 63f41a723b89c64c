-- The days the rows stored before 0011 need (new writes compute them in src/domain/partial-date.ts):
-- those rows hold only YYYY, YYYY-MM and YYYY-MM-DD dates, without week or qualifier.
UPDATE events SET
  start_last_day = CASE length(start)
    WHEN 4 THEN start || '-12-31'
    WHEN 7 THEN date(start || '-01', '+1 month', '-1 day')
    ELSE start END,
  end_first_day = CASE length(coalesce("end", start))
    WHEN 4 THEN coalesce("end", start) || '-01-01'
    WHEN 7 THEN coalesce("end", start) || '-01'
    ELSE coalesce("end", start) END;
--> statement-breakpoint
UPDATE delegations SET arrival_last_day = CASE length(arrival)
    WHEN 4 THEN arrival || '-12-31'
    WHEN 7 THEN date(arrival || '-01', '+1 month', '-1 day')
    ELSE arrival END
  WHERE arrival IS NOT NULL;
