/**
 * `count=true` counts the base table with the list's filters only (query/list/run.ts), not the
 * list's select: its total must still be exactly the number of items the list walks, page by
 * page, for every list and each of its filters, with and without `q`.
 */
import t from 'tap';
import { buildTestApp, getJson, walkList } from '../helper.js';

/** Each list with queries covering its filters (the seed's ids), alone and combined with q. */
const CASES: Record<string, string[]> = {
  '/v1/events': [
    '',
    'from=1951',
    'to=1951',
    'from=2023-07-25&to=2023-07-27',
    'from=2023',
    'type=tribute',
    'place=dprk',
    'place=hoechang-county',
    'participant=kim-jong-un',
    'participant=sergei-shoigu',
    'q=korean',
    'q=korean&from=2023',
    'q=korean&place=dprk',
    'q=korean&participant=kim-jong-un',
    'from=2023&place=dprk&participant=kim-jong-un',
    'names_by=DPRK',
    'from=1900&to=1901',
  ],
  '/v1/people': ['', 'organization=workers-party-of-korea', 'q=kim', 'q=mao'],
  '/v1/organizations': ['', 'type=ministry', 'country=china', 'q=party', 'q=party&country=china'],
  '/v1/places': ['', 'type=city', 'within=dprk', 'q=pyongyang', 'q=county&within=dprk'],
  '/v1/delegations': [
    '',
    'leader=sergei-shoigu',
    'destination=dprk',
    'sender=china',
    'event=korean-war-70th-anniversary-commemorations',
    'q=delegation',
    'q=delegation&destination=dprk',
  ],
  '/v1/statements': [
    '',
    'speaker=mao-ning',
    'speaker=korean-central-news-agency',
    'event=kim-jong-un-wreath-laying-cpv-cemetery',
    'delegation=sergei-shoigu-delegation-pyongyang-2023',
    'mode=paraphrase',
    'from=2023-07-26',
    'to=2023-07-26',
    'from=2023-07-25&to=2023-07-26',
    'q=friendly',
    'speaker=mao-ning&from=2023',
    'speaker=mao-ning&q=friendly',
  ],
  '/v1/figures': [
    '',
    'subject=chinese-peoples-volunteers',
    'event=korean-war',
    'qualifier=nearly',
    'min=1000000',
    'max=200000',
    'min=1000&max=200000',
    'q=soldiers',
    'q=soldiers&max=200000',
  ],
  '/v1/sources': ['', 'publisher=Korean%20Central%20News%20Agency', 'q=tribute'],
};

t.test('count=true is the number of items the list walks', async (t) => {
  const app = await buildTestApp(t);
  let nonEmpty = 0;
  for (const [path, queries] of Object.entries(CASES)) {
    for (const query of queries) {
      const url = query ? `${path}?${query}` : path;
      const sep = query ? '&' : '?';
      const walked = await walkList(app, `${url}${sep}limit=2`);
      const counted = await getJson(app, `${url}${sep}count=true&limit=1`);
      t.equal(counted.status, 200, `GET ${url}${sep}count=true is 200`);
      t.equal(counted.body.total, walked.ids.length, `${url}: total is the items walked`);
      if (walked.ids.length > 0) nonEmpty += 1;
    }
  }
  // Most cases must count something, or equality would prove little.
  const all = Object.values(CASES).flat().length;
  t.ok(nonEmpty >= all - 2, `${nonEmpty} of ${all} cases count some items`);
});
