import { sql } from 'drizzle-orm';
import { check, index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { delegations } from '../delegations/table.js';
import { events } from '../events/table.js';
import { organizations } from '../organizations/table.js';
import { people } from '../people/table.js';
import { places } from '../places/table.js';

export const STATEMENT_MODES = ['quote', 'paraphrase'] as const;

/** What someone said, attributed: the characterizations stay inside the speaker's words. */
export const statements = sqliteTable(
  'statements',
  {
    id: text('id').primaryKey(),
    speakerPersonId: text('speaker_person_id').references(() => people.id),
    speakerOrganizationId: text('speaker_organization_id').references(() => organizations.id),
    /** Partial ISO date it was said; null when the source does not say. */
    date: text('date'),
    dateFirstDay: text('date_first_day'),
    dateLastDay: text('date_last_day'),
    /**
     * Where it was said, when the source says: its own place, not its event's (Mao Ning spoke in
     * Beijing about a wreath-laying in Hoechang County). Null when unknown.
     */
    placeId: text('place_id').references(() => places.id),
    eventId: text('event_id').references(() => events.id),
    delegationId: text('delegation_id').references(() => delegations.id),
    /** remarks, inscription, report, statement */
    kind: text('kind').notNull(),
    /** `quote`: the speaker's own words; `paraphrase`: reported speech. */
    mode: text('mode', { enum: STATEMENT_MODES }).notNull(),
    text: text('text').notNull(),
  },
  (t) => [
    // The last day too: the timeline's range skips statements that ended before it from the
    // index alone (as events_span_start_idx does for events).
    index('statements_date_idx').on(t.dateFirstDay, t.id, t.dateLastDay),
    // `place=` on the statements list reads each place of the subtree's range (and deletes of a
    // place find the statements that name it).
    index('statements_place_idx').on(t.placeId),
    // The indexes in the lists' date order, coalesce(date_first_day, '9999-99-99') then id, alone
    // (statements_date_order_idx, migrations/0006) or after a speaker, event, delegation or mode
    // (statements_{speaker_person,speaker_organization,event,delegation,mode}_order_idx,
    // migrations/0007 and 0008), are created in SQL: drizzle-kit garbles expressions with commas.
    check(
      'statements_one_speaker',
      sql`(${t.speakerPersonId} is not null) + (${t.speakerOrganizationId} is not null) = 1`,
    ),
  ],
);
