-- The lists' date orders, on an expression, which drizzle-kit cannot declare (it garbles
-- expressions with commas): undated rows sort last, as coalesce(day, '9999-99-99'), then by id.
-- A filter value, then the sort key, then the id tie-break, so that a page is one index range read
-- in order instead of every match sorted (the query-plan test, test/perf/query-plans.test.ts).
-- Created by migrations 0006, 0007 and 0008; the plain (column) indexes beside them are declared
-- in each kind's table.ts.

-- Statements by date (undated last): all of them, or after a speaker, an event, a delegation or a
-- mode (`speaker=`, a person's or organization's statements, an event's or delegation's).
CREATE INDEX statements_date_order_idx ON statements (coalesce(date_first_day, '9999-99-99'), id);

CREATE INDEX statements_speaker_person_order_idx ON statements (speaker_person_id, coalesce(date_first_day, '9999-99-99'), id);

CREATE INDEX statements_speaker_organization_order_idx ON statements (speaker_organization_id, coalesce(date_first_day, '9999-99-99'), id);

CREATE INDEX statements_event_order_idx ON statements (event_id, coalesce(date_first_day, '9999-99-99'), id);

CREATE INDEX statements_delegation_order_idx ON statements (delegation_id, coalesce(date_first_day, '9999-99-99'), id);

CREATE INDEX statements_mode_order_idx ON statements (mode, coalesce(date_first_day, '9999-99-99'), id);

-- Delegations by arrival (unknown arrival last).
CREATE INDEX delegations_arrival_order_idx ON delegations (coalesce(arrival_first_day, '9999-99-99'), id);
