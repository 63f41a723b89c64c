/**
 * A place's item on PostgreSQL: repository.ts's `get`, the same rows in the same orders (its
 * ancestors from the nearest up, its children by name, the events in it or under it by start),
 * read in one statement (embedded.pg.ts itemStatement) and shaped by the same functions.
 */
import { postgresRead } from '../../http/reads/postgres-read.js';
import type { ItemParams } from '../../http/reads/task.js';
import {
  type CappedRows,
  cappedOf,
  cappedPart,
  itemStatement,
  jsonTextValue,
  type PgClient,
  readItem,
  rowsOf,
  rowsPart,
} from '../../query/embedded.pg.js';
import { dateValue } from '../../query/shapes.js';
import type { BasisRow } from '../../records/basis.js';
import { basisFrom, basisPart } from '../../records/basis.pg.js';
import { itemCitationsOf, itemCitationsPart } from '../sources/citations.pg.js';
import { placesReads } from './reads.js';
import { MAX_DEPTH, toSummary } from './repository.js';
import type { PlaceDetail, PlaceSummary } from './schemas.js';

type Row = Omit<Parameters<typeof toSummary>[0], 'aliases'> & { aliases: string };
type Named = { id: string; name: string };

const SUMMARY = `select p.id, p.name, p.type, p.aliases, p.parent_id as "parentId",
    parent.name as "parentName"
  from places p left join places parent on parent.id = p.parent_id`;

/**
 * A place and every place under it, as query/subtree.ts's subtreeOf (union: no cycle loops). The
 * root is collated "C" as the ids below it are: a recursive query's column takes one collation.
 */
const SUBTREE = `(with recursive subtree(id) as (
    select $1::text collate "C" union select p.id from places p join subtree on p.parent_id = subtree.id
  ) select id from subtree)`;

/** The walk up from the place, nearest first, as repository.ts's, at most MAX_DEPTH steps. */
const ANCESTORS = `with recursive up(id, depth) as (
    select parent_id, 1 from places where id = $1
    union all
    select places.parent_id, up.depth + 1 from places join up on places.id = up.id
      where up.depth < ${MAX_DEPTH}
  ) select places.id, places.name from up join places on places.id = up.id order by up.depth`;

const toPlace = (row: Row) => toSummary({ ...row, aliases: jsonTextValue<string[]>(row.aliases) });

/** Places by id, as placeSummariesOf gives them (`include=place`). */
export async function placeSummariesPostgres(
  client: PgClient,
  ids: string[],
): Promise<Map<string, PlaceSummary>> {
  if (ids.length === 0) return new Map();
  const rows = await rowsOf<Row>(client, `${SUMMARY} where p.id = any($1::text[])`, [ids]);
  return new Map(rows.map((row) => [row.id, toPlace(row)]));
}

/** The item's statement: its row and, for the place $1, each list. */
const PLACE_ITEM = itemStatement(`${SUMMARY} where p.id = $1`, {
  children: cappedPart({
    select: 'select id, name from places where parent_id = $1 order by name, id',
    count: 'select count(*) from places where parent_id = $1',
  }),
  events: cappedPart({
    select: `select id, title, start from events where place_id in ${SUBTREE}
      order by start_first_day, id`,
    count: `select count(*) from events where place_id in ${SUBTREE}`,
  }),
  cited: itemCitationsPart('place'),
  ancestors: rowsPart(ANCESTORS),
  basis: basisPart('place'),
});

interface Read {
  row: Row;
  children: CappedRows<Named>;
  events: CappedRows<{ id: string; title: string; start: string }>;
  cited: Parameters<typeof itemCitationsOf>[0];
  ancestors: Named[];
  basis: BasisRow[];
}

export async function placeItemPostgres(client: PgClient, id: string): Promise<PlaceDetail | null> {
  const read = await readItem<Read>(client, 'places.item', PLACE_ITEM, [id]);
  if (!read) return null;
  const [children, childrenExtent] = cappedOf(read.children, null);
  const [events, eventsExtent] = cappedOf(read.events, `/v1/places/${id}/events`);
  const [citations, citationsExtent] = itemCitationsOf(read.cited);
  return {
    ...toPlace(read.row),
    ancestors: read.ancestors,
    children,
    events: events.map((e) => ({ ...e, start: dateValue(e.start) })),
    citations,
    basis: basisFrom(read.basis),
    lists: { children: childrenExtent, events: eventsExtent, citations: citationsExtent },
  };
}

export const placesItemReadsPostgres = [
  postgresRead(placesReads.get, (client, { id }: ItemParams) => placeItemPostgres(client, id)),
];
