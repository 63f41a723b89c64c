-- The lists' date orders on PostgreSQL: ../order-indexes.sql's indexes, word for word (coalesce
-- and the columns are the same in both dialects). Written here as on SQLite rather than declared
-- in table.pg.ts, so that both dialects' tables declare the same indexes (the parity test) and
-- these stay one list beside SQLite's. Created by migrations/postgres/0002_custom_sql.sql.

-- Statements by date (undated last): all of them, or after a speaker, an event, a delegation or a
-- mode.
CREATE INDEX statements_date_order_idx ON statements (coalesce(date_first_day, '9999-99-99'), id);

CREATE INDEX statements_speaker_person_order_idx ON statements (speaker_person_id, coalesce(date_first_day, '9999-99-99'), id);

CREATE INDEX statements_speaker_organization_order_idx ON statements (speaker_organization_id, coalesce(date_first_day, '9999-99-99'), id);

CREATE INDEX statements_event_order_idx ON statements (event_id, coalesce(date_first_day, '9999-99-99'), id);

CREATE INDEX statements_delegation_order_idx ON statements (delegation_id, coalesce(date_first_day, '9999-99-99'), id);

CREATE INDEX statements_mode_order_idx ON statements (mode, coalesce(date_first_day, '9999-99-99'), id);

-- Delegations by arrival (unknown arrival last).
CREATE INDEX delegations_arrival_order_idx ON delegations (coalesce(arrival_first_day, '9999-99-99'), id);
