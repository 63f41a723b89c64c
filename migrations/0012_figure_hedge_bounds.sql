-- Issue 13: hedges imply both bounds, by the table of src/domain/figures.ts (HEDGES). "about X"
-- was stored with no bound at all and "nearly X" with no lower bound; they now get X less or more
-- a tenth of itself, computed as the table computes them (X * 9 / 10, X * 11 / 10), so a figure
-- migrated here and the same figure imported anew hold the same doubles. "almost X" is new and
-- has no rows yet. The other hedges' bounds are unchanged.
UPDATE figures SET
  lower_bound = min(value * 9.0 / 10, value * 11.0 / 10), lower_inclusive = 1,
  upper_bound = max(value * 9.0 / 10, value * 11.0 / 10), upper_inclusive = 1
WHERE qualifier = 'about';
--> statement-breakpoint
UPDATE figures SET
  lower_bound = value * 9.0 / 10, lower_inclusive = 1, upper_bound = value, upper_inclusive = 0
WHERE qualifier = 'nearly' AND value > 0;
--> statement-breakpoint
UPDATE figures SET
  lower_bound = value, lower_inclusive = 0, upper_bound = value * 9.0 / 10, upper_inclusive = 1
WHERE qualifier = 'nearly' AND value < 0;
--> statement-breakpoint
UPDATE figures SET lower_bound = 0, lower_inclusive = 1, upper_bound = 0, upper_inclusive = 1
WHERE qualifier = 'nearly' AND value = 0;
