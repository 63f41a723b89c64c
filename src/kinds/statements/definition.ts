/** Statements: what someone said, attributed, as a quote or a paraphrase. */
import { and, eq, gte, inArray, lte } from 'drizzle-orm';
import { firstDay, lastDay } from '../../domain/partial-date.js';
import { defineKind } from '../../records/definition.js';
import { organizations } from '../organizations/table.js';
import { people } from '../people/table.js';
import { statementTitle } from './labels.js';
import { StatementRecord } from './record.js';
import { statements } from './table.js';
import { statements as pgStatements } from './table.pg.js';

export const statementsKind = defineKind({
  name: 'statements',
  singular: 'statement',
  tag: 'statements',
  resource: true,
  about: 'What was said, by whom, quoted or paraphrased.',
  table: statements,
  pgTable: pgStatements,
  record: StatementRecord,
  shape: StatementRecord,
  columns: {
    id: 'id',
    date: 'date',
    place: 'placeId',
    event: 'eventId',
    delegation: 'delegationId',
    kind: 'kind',
    mode: 'mode',
    text: 'text',
  },
  derive: (r) => ({
    speakerPersonId: r.speaker.kind === 'person' ? r.speaker.id : null,
    speakerOrganizationId: r.speaker.kind === 'organization' ? r.speaker.id : null,
    dateFirstDay: r.date ? firstDay(r.date) : null,
    dateLastDay: r.date ? lastDay(r.date) : null,
  }),
  read: (row) => ({
    speaker: row.speakerPersonId
      ? { kind: 'person', id: row.speakerPersonId }
      : { kind: 'organization', id: row.speakerOrganizationId },
  }),
  references: [
    { field: 'place', target: 'places', column: statements.placeId },
    { field: 'event', target: 'events', column: statements.eventId },
    { field: 'delegation', target: 'delegations', column: statements.delegationId },
    {
      field: 'speaker',
      agent: { person: statements.speakerPersonId, organization: statements.speakerOrganizationId },
    },
  ],
  csv: true,
  inPeriod: (from, to) =>
    and(
      from ? gte(statements.dateLastDay, firstDay(from)) : undefined,
      to ? lte(statements.dateFirstDay, lastDay(to)) : undefined,
    ),
  label: (db, ids) =>
    db
      .select({
        id: statements.id,
        person: people.name,
        organization: organizations.name,
        text: statements.text,
      })
      .from(statements)
      .leftJoin(people, eq(people.id, statements.speakerPersonId))
      .leftJoin(organizations, eq(organizations.id, statements.speakerOrganizationId))
      .where(inArray(statements.id, ids))
      .all()
      .map((row) => ({
        id: row.id,
        label: statementTitle(row.person ?? row.organization, row.text),
      })),
  example: { id: 'mao-ning-2023-07-25-li-hongzhong-visit', patch: { mode: 'paraphrase' } },
});
