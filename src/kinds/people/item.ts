/**
 * A person item (PersonDetail) made by one statement: SQLite assembles the whole document with
 * json_object and json_group_array, and that text is the answer (no parse, no serializer). It
 * replaced 7-13 Drizzle queries
 * (the row; positions, relations, events, statements, delegations and citations, each with a
 * count past its cap; the citations of the positions and relations shown) because it is faster.
 * Measured with bench/micro/items.ts on the bench's 100k-event database (20,000 people), 20,000
 * uniformly drawn ids a round, three rounds alternating with the old builder, load average about
 * 2 on 2 cores: CPU per item rendered as a read worker renders it, median 374 µs before, 262 µs
 * now (rounds 374/326, 360/262, 379/223). The counts still grow with the data, as before (`total`
 * is exact): the busiest person (10,234 events, 9,195 statements) took 7.5 ms, now 3.0 ms. The
 * answers keep their bytes (test/resources/item-answers.test.ts; also checked on all 20,000
 * people).
 * Sending SQLite's text as it is, with the basis made in the same statement, instead of parsing
 * it and serializing again: median 176 -> 120 CPU µs an item (same bench, 3 rounds each).
 */
import type { Db } from '../../db/database.js';
import { perConnection } from '../../db/prepared.js';
import { JsonText } from '../../http/reads/task.js';
import {
  citationList,
  type JsonList,
  jsonArray,
  jsonBasis,
  jsonDate,
  jsonExtent,
  jsonRef,
} from '../../query/embedded.js';
import { CITATIONS_MAX, EMBEDDED_MAX } from '../../query/shapes.js';

const positions: JsonList = {
  item: `json_object('id', ps.id, 'title', ps.title,
    'organization', ${jsonRef('ps.organization_id', 'po.name')},
    'start', ${jsonDate('ps.start')}, 'end', ${jsonDate('ps."end"')}, 'as_of', ${jsonDate('ps.as_of')},
    'citations', ${jsonArray(citationList('position', 'ps.id'), CITATIONS_MAX)})`,
  from: 'positions ps left join organizations po on po.id = ps.organization_id',
  where: 'ps.person_id = p.id',
  order: 'ps.start, ps.id',
  count: { from: 'positions ps', where: 'ps.person_id = p.id' },
};

const relations: JsonList = {
  item: `json_object('id', r.id, 'relation', r.relation,
    'person', json_object('id', rs.id, 'name', rs.name),
    'related_person', json_object('id', rr.id, 'name', rr.name),
    'citations', ${jsonArray(citationList('relation', 'r.id'), CITATIONS_MAX)})`,
  from: `relations r
    join people rs on rs.id = r.person_id
    join people rr on rr.id = r.related_person_id`,
  where: '(r.person_id = p.id or r.related_person_id = p.id)',
  order: 'r.id',
  count: { from: 'relations r', where: '(r.person_id = p.id or r.related_person_id = p.id)' },
};

/** By the event's start and id as copied into participations, as the (person, start) index has them. */
const events: JsonList = {
  item: `json_object('event', json_object('id', ev.id, 'name', ev.title), 'role', pa.role,
    'start', ${jsonDate('ev.start')})`,
  from: 'participations pa join events ev on ev.id = pa.event_id',
  where: 'pa.person_id = p.id',
  order: 'pa.event_start_first_day, pa.event_id, pa.id',
  count: { from: 'participations pa', where: 'pa.person_id = p.id' },
};

/** By date, undated last: spelled as the (speaker, date order) index is. */
const statements: JsonList = {
  item: `json_object('id', st.id, 'date', ${jsonDate('st.date')}, 'mode', st.mode,
    'kind', st.kind, 'text', st.text)`,
  from: 'statements st',
  where: 'st.speaker_person_id = p.id',
  order: `coalesce(st.date_first_day, '9999-99-99'), st.id`,
};

/** The delegations the person led, joined or received; `union` folds one received twice. */
const delegations: JsonList = {
  item: `json_object('delegation', json_object('id', roles.id, 'name', roles.name), 'role', roles.role)`,
  from: `(select d.id, d.name, 'leader' as role from delegations d where d.leader_id = @id
    union select d.id, d.name, 'member' from delegation_members m
      join delegations d on d.id = m.delegation_id where m.person_id = @id
    union select d.id, d.name, 'receiver' from delegation_receivers v
      join delegations d on d.id = v.delegation_id where v.person_id = @id) roles`,
  where: 'true',
  order: 'roles.name, roles.id, roles.role',
  countWhole: true,
};

const citations = citationList('person', 'p.id');

/** `more`: the person's view `path` (`/events`). */
const view = (path: string) => `'/v1/people/' || p.id || '${path}'`;

/** The whole answer, keys in the order the schema's serializer writes them (see renderBody). */
const PERSON_ITEM = `
select json_object(
    'id', p.id,
    'name', p.name,
    'aliases', json(p.aliases),
    'country', ${jsonRef('p.country_id', 'c.name')},
    'description', p.description,
    'citations', ${jsonArray(citations, CITATIONS_MAX)},
    'positions', ${jsonArray(positions, EMBEDDED_MAX)},
    'relations', ${jsonArray(relations, EMBEDDED_MAX)},
    'events', ${jsonArray(events, EMBEDDED_MAX)},
    'statements', ${jsonArray(statements, EMBEDDED_MAX)},
    'delegations', ${jsonArray(delegations, EMBEDDED_MAX)},
    'basis', ${jsonBasis('person', 'p.id')},
    'lists', json_object(
      'positions', ${jsonExtent(positions, EMBEDDED_MAX, null)},
      'relations', ${jsonExtent(relations, EMBEDDED_MAX, null)},
      'events', ${jsonExtent(events, EMBEDDED_MAX, view('/events'))},
      'statements', ${jsonExtent(statements, EMBEDDED_MAX, view('/statements'))},
      'delegations', ${jsonExtent(delegations, EMBEDDED_MAX, view('/delegations'))},
      'citations', ${jsonExtent(citations, CITATIONS_MAX, null)}))
  from people p left join organizations c on c.id = p.country_id
  where p.id = @id`;

const statement = perConnection((db) => db.$client.prepare(PERSON_ITEM).pluck());

/** The text of the person `id`'s item, sent as it is; null when there is none. */
export function personItem(db: Db, id: string): JsonText | null {
  const text = statement(db).get({ id }) as string | undefined;
  return text === undefined ? null : new JsonText(text);
}
