/**
 * Time per facet read (`events.facets`, GET /v1/events/facets) as a read worker runs it: one read
 * transaction, the task, its serializer (renderRead), on a loaded database opened read-only.
 * Not part of `npm run bench`; `npm run bench` serves the same route in its `facets` scenario.
 *
 *   tsx bench/micro/facets.ts --db bench/data/annals-100000.db [--runs 5]
 *
 * Prints, per query, the median and the slowest of the runs in ms, and the answer's size.
 */
import { parseArgs } from 'node:util';
import { openReadConnection } from '../../src/db/database.js';
import { renderRead } from '../../src/http/reads/task.js';
import { eventsReads } from '../../src/kinds/events/reads.js';
import { EventFacetsQuery } from '../../src/kinds/events/schemas.js';

const { values } = parseArgs({
  options: { db: { type: 'string' }, runs: { type: 'string', default: '5' } },
});
if (!values.db) throw new Error('--db is required');
const db = openReadConnection(values.db);
const firstType = db.$client.prepare('select type from events limit 1').pluck().get() as string;
const busiestPlace = db.$client
  .prepare(
    'select place_id from events where place_id is not null group by place_id order by count(*) desc limit 1',
  )
  .pluck()
  .get() as string;

const QUERIES = [
  'by=type',
  'by=year',
  'by=place',
  'by=status',
  'by=type,year,place',
  'by=type,year,place&from=2000&to=2009',
  'by=type,year,place&from=2020-06&to=2020-06',
  `by=year,place&type=${firstType}`,
  `by=type,year&place=${busiestPlace}`,
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

console.log(
  `${values.db}: ${db.$client.prepare('select count(*) from events').pluck().get()} events`,
);
for (const raw of QUERIES) {
  const query = EventFacetsQuery.parse(Object.fromEntries(new URLSearchParams(raw)));
  const times: number[] = [];
  let bytes = 0;
  for (let run = 0; run < Number(values.runs); run += 1) {
    const started = performance.now();
    const result = renderRead(eventsReads.facets, db, query);
    times.push(performance.now() - started);
    if (result.tag !== 'ok') throw new Error(`${raw}: ${JSON.stringify(result)}`);
    bytes = result.body.length;
  }
  console.log(
    `${raw.padEnd(48)} median ${median(times).toFixed(1).padStart(7)} ms   max ${Math.max(...times)
      .toFixed(1)
      .padStart(7)} ms   ${bytes} B`,
  );
}
