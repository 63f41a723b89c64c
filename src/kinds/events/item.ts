/**
 * An event item (EventDetail) made by one statement: SQLite assembles the whole document with
 * json_object and json_group_array; that text is the answer, sent as it is (JsonText), unless
 * `include=` asks for expansions, which parse it. It replaced 6-8 Drizzle queries
 * (the row, the commemorated title, children, names, participants and their citations, the
 * event's citations, a count per list past its cap) because it is faster. Measured with
 * bench/micro/items.ts on the bench's 100k-event database, 20,000 uniformly drawn ids a round,
 * three rounds alternating with the old builder, load average about 2 on 2 cores: CPU per item
 * rendered as a read worker renders it (transaction, build, schema serializer), median 239 µs
 * before, 141 µs now (rounds 239/136, 340/210, 233/141). Of the 141 µs, SQLite running the
 * statement is most; JSON.parse about 25 µs and the serializer about 30 µs, which sending the
 * text as it is (its basis made in the same statement) saved: median 121 -> 79 µs (same bench,
 * 3 rounds each). The answers keep their bytes (test/resources/item-answers.test.ts; also
 * checked on all 100,000 events with bench/micro/compare-items.ts).
 */
import type { Db } from '../../db/database.js';
import { perConnection } from '../../db/prepared.js';
import {
  citationList,
  type JsonList,
  jsonAgent,
  jsonArray,
  jsonBasis,
  jsonDate,
  jsonExtent,
  jsonRef,
} from '../../query/embedded.js';
import { CITATIONS_MAX, EMBEDDED_MAX } from '../../query/shapes.js';
import type { EventDetail } from './schemas.js';

const names: JsonList = {
  item: `json_object('name', n.name, 'used_by', n.used_by)`,
  from: 'event_names n',
  where: 'n.event_id = e.id',
  order: 'n.ordinal',
};

const participants: JsonList = {
  item: `json_object('id', p.id, 'participant', ${jsonAgent({
    personId: 'p.person_id',
    personName: 'pp.name',
    organizationId: 'p.organization_id',
    organizationName: 'po.name',
    groupLabel: 'p.group_label',
  })}, 'role', p.role, 'citations', ${jsonArray(citationList('participation', 'p.id'), CITATIONS_MAX)})`,
  from: `participations p
    left join people pp on pp.id = p.person_id
    left join organizations po on po.id = p.organization_id`,
  where: 'p.event_id = e.id',
  // As the page's participants are ordered: participations_event_idx holds one event's rows by
  // rowid, so SQLite sorts them (one event's, not every match) by id.
  order: 'p.event_id, p.id',
  count: { from: 'participations p', where: 'p.event_id = e.id' },
};

const children: JsonList = {
  item: `json_object('id', ch.id, 'name', ch.title)`,
  from: 'events ch',
  where: 'ch.parent_id = e.id',
  order: 'ch.start_first_day, ch.id',
};

const citations = citationList('event', 'e.id');

/**
 * The whole answer, keys in the order the schema's serializer writes them (`named_by`, optional,
 * last), so that its text is the answer as the serializer would write it: renderBody checks so
 * whenever responses are checked. `named` is the name the party `@namesBy` gives the event and
 * who that is as stored, or null (see `nameBy` in repository.ts); `named_by` is added only when
 * there is one.
 */
const EVENT_ITEM = `
select case when named is null then doc else json_set(doc, '$.named_by', named ->> 1) end
from (select json_object(
    'id', e.id,
    'type', e.type,
    'title', coalesce(named ->> 0, e.title),
    'summary', e.summary,
    'start', ${jsonDate('e.start')},
    'end', ${jsonDate('e."end"')},
    'status', e.status,
    'place', ${jsonRef('e.place_id', 'pl.name')},
    'parent', ${jsonRef('e.parent_id', 'pa.title')},
    'names', ${jsonArray(names, EMBEDDED_MAX)},
    'participants', ${jsonArray(participants, EMBEDDED_MAX)},
    'citations', ${jsonArray(citations, CITATIONS_MAX)},
    'commemorates', (select json_object('id', c.id, 'name', c.title) from events c where c.id = e.commemorates_id),
    'children', ${jsonArray(children, EMBEDDED_MAX)},
    'basis', ${jsonBasis('event', 'e.id')},
    'lists', json_object(
      'names', ${jsonExtent(names, EMBEDDED_MAX, null)},
      'participants', ${jsonExtent(participants, EMBEDDED_MAX, null)},
      'children', ${jsonExtent(children, EMBEDDED_MAX, `'/v1/events/' || e.id || '/children'`)},
      'citations', ${jsonExtent(citations, CITATIONS_MAX, null)})
  ) as doc, named
  from (select e.*,
      (select json_array(n.name, nullif(n.used_by, '')) from event_names n
        where n.event_id = e.id and n.used_by = @namesBy collate nocase
        order by n.ordinal limit 1) as named
    from events e where e.id = @id) e
  left join places pl on pl.id = e.place_id
  left join events pa on pa.id = e.parent_id)`;

const statements = perConnection((db) => db.$client.prepare(EVENT_ITEM).pluck());

/** The text of the event `id`'s item, titled as `namesBy` names it; null when there is none. */
export function eventItemText(db: Db, id: string, namesBy?: string): string | null {
  return (statements(db).get({ id, namesBy: namesBy ?? null }) as string | undefined) ?? null;
}

/** The event `id`'s item as data (to expand with `include=`); null when there is none. */
export function eventItem(db: Db, id: string, namesBy?: string): EventDetail | null {
  const text = eventItemText(db, id, namesBy);
  return text === null ? null : (JSON.parse(text) as EventDetail);
}
