/**
 * The requests whose plans the query-plan test reads: every list with each filter and sort it
 * takes, every view, search, and every item route, on the seed's ids.
 */

export interface Case {
  /** The route as documented: `GET /v1/events`. */
  route: string;
  /** What the case exercises: `from+to`, `sort=-title`, `(none)`. */
  filter: string;
  url: string;
  /** Items take no `limit`: only lists and views are paged. */
  item?: boolean;
}

const list = (route: string, path: string, filters: Record<string, string>): Case[] =>
  Object.entries(filters).map(([filter, query]) => ({
    route,
    filter,
    url: query ? `${path}?${query}` : path,
  }));

export const CASES: Case[] = [
  ...list('GET /v1/events', '/v1/events', {
    '(none)': '',
    from: 'from=1951',
    to: 'to=1951',
    'from+to': 'from=2023-07-25&to=2023-07-27',
    type: 'type=tribute',
    place: 'place=dprk',
    participant: 'participant=kim-jong-un',
    q: 'q=wreath',
    'sort=start': 'sort=start',
    'sort=-start': 'sort=-start',
    'sort=title': 'sort=title',
    'sort=-title': 'sort=-title',
    include: 'include=place,participants,names,citations,parent',
    names_by: 'names_by=DPRK',
    according_to: 'according_to=korean-central-news-agency',
  }),
  ...list('GET /v1/people', '/v1/people', {
    '(none)': '',
    organization: 'organization=workers-party-of-korea',
    q: 'q=kim',
    'sort=-name': 'sort=-name',
    'sort=id': 'sort=id',
    include: 'include=citations',
  }),
  ...list('GET /v1/organizations', '/v1/organizations', {
    '(none)': '',
    type: 'type=ministry',
    country: 'country=china',
    q: 'q=party',
    'sort=id': 'sort=id',
  }),
  ...list('GET /v1/places', '/v1/places', {
    '(none)': '',
    type: 'type=city',
    within: 'within=dprk',
    q: 'q=pyongyang',
    'sort=-id': 'sort=-id',
  }),
  ...list('GET /v1/delegations', '/v1/delegations', {
    '(none)': '',
    leader: 'leader=sergei-shoigu',
    destination: 'destination=dprk',
    sender: 'sender=china',
    event: 'event=korean-war-70th-anniversary-commemorations',
    q: 'q=delegation',
    'sort=-name': 'sort=-name',
    'sort=arrival': 'sort=arrival',
    'sort=-arrival': 'sort=-arrival',
    'sort=id': 'sort=id',
    include: 'include=citations',
  }),
  ...list('GET /v1/statements', '/v1/statements', {
    '(none)': '',
    'speaker (person)': 'speaker=mao-ning',
    'speaker (organization)': 'speaker=korean-central-news-agency',
    event: 'event=kim-jong-un-wreath-laying-cpv-cemetery',
    delegation: 'delegation=sergei-shoigu-delegation-pyongyang-2023',
    mode: 'mode=paraphrase',
    place: 'place=hoechang-county',
    from: 'from=2023-07-26',
    to: 'to=2023-07-26',
    'from+to': 'from=2023-07-25&to=2023-07-26',
    q: 'q=friendly',
    'sort=date': 'sort=date',
    'sort=-date': 'sort=-date',
    'sort=id': 'sort=id',
    include: 'include=citations',
    according_to: 'according_to=kim-jong-un',
    'according_to+from+to': 'according_to=kim-jong-un&from=2023-07-25&to=2023-07-26',
  }),
  ...list('GET /v1/figures', '/v1/figures', {
    '(none)': '',
    subject: 'subject=chinese-peoples-volunteers',
    event: 'event=korean-war',
    qualifier: 'qualifier=nearly',
    min: 'min=1000000',
    max: 'max=200000',
    q: 'q=soldiers',
    'sort=value': 'sort=value',
  }),
  ...list('GET /v1/sources', '/v1/sources', {
    '(none)': '',
    publisher: 'publisher=Korean%20Central%20News%20Agency',
    q: 'q=tribute',
    'sort=title': 'sort=title',
  }),
  ...list('GET /v1/timeline', '/v1/timeline', {
    '(none)': '',
    from: 'from=2023-07-25',
    to: 'to=2023-07-27',
    'from+to': 'from=2023-07-25&to=2023-07-27',
    place: 'place=hoechang-county',
    participant: 'participant=sergei-shoigu',
    event: 'event=korean-war-70th-anniversary-commemorations',
    'kind=event': 'kind=event',
    'kind=statement': 'kind=statement',
    'kind=delegation_arrival': 'kind=delegation_arrival',
  }),
  // count=true counts the base table with the list's filters only (query/list/run.ts countOf).
  ...list('GET /v1/events', '/v1/events', {
    'count=true': 'count=true',
    'type+count': 'type=tribute&count=true',
    'from+count': 'from=1951&count=true',
    'from+to+count': 'from=2023-07-25&to=2023-07-27&count=true',
    'q+count': 'q=wreath&count=true',
    'place+count': 'place=dprk&count=true',
    'participant+count': 'participant=kim-jong-un&count=true',
  }),
  ...list('GET /v1/people', '/v1/people', {
    'count=true': 'count=true',
    'organization+count': 'organization=workers-party-of-korea&count=true',
  }),
  ...list('GET /v1/organizations', '/v1/organizations', {
    'count=true': 'count=true',
    'country+count': 'country=china&count=true',
  }),
  ...list('GET /v1/places', '/v1/places', {
    'count=true': 'count=true',
    'type+count': 'type=city&count=true',
    'within+count': 'within=dprk&count=true',
  }),
  ...list('GET /v1/delegations', '/v1/delegations', {
    'count=true': 'count=true',
    'leader+count': 'leader=sergei-shoigu&count=true',
    'destination+count': 'destination=dprk&count=true',
  }),
  ...list('GET /v1/statements', '/v1/statements', {
    'count=true': 'count=true',
    'speaker+count': 'speaker=mao-ning&count=true',
    'from+to+count': 'from=2023-07-25&to=2023-07-26&count=true',
  }),
  ...list('GET /v1/figures', '/v1/figures', {
    'count=true': 'count=true',
    'subject+count': 'subject=chinese-peoples-volunteers&count=true',
    'min+count': 'min=1000000&count=true',
  }),
  ...list('GET /v1/sources', '/v1/sources', {
    'count=true': 'count=true',
    'publisher+count': 'publisher=Korean%20Central%20News%20Agency&count=true',
  }),
  // Several values a filter: the first `eq` given several is one ordered range a value, merged
  // (query/filters.ts listFilters); the others are an IN.
  ...list('GET /v1/events', '/v1/events', {
    'type=several': 'type=war,anniversary,wreath_laying',
    'type=several+from+to': 'type=war,anniversary&from=1950&to=2023-07-27',
    'type=several+count': 'type=war,anniversary&count=true',
    'type=several+status=several': 'type=war,anniversary&status=held,scheduled',
    'id=several': 'id=korean-war,victory-day-2023,kim-jong-un-wreath-laying-cpv-cemetery',
  }),
  ...list('GET /v1/organizations', '/v1/organizations', {
    'type=several': 'type=ministry,state_media',
    'country=several': 'country=china,dprk',
  }),
  ...list('GET /v1/places', '/v1/places', { 'type=several': 'type=city,county' }),
  ...list('GET /v1/delegations', '/v1/delegations', {
    'leader=several': 'leader=sergei-shoigu,li-hongzhong',
    'status=several': 'status=held,announced',
  }),
  ...list('GET /v1/statements', '/v1/statements', {
    'mode=several': 'mode=quote,paraphrase',
    'event=several': 'event=kim-jong-un-wreath-laying-cpv-cemetery,korean-war',
  }),
  ...list('GET /v1/figures', '/v1/figures', {
    'qualifier=several': 'qualifier=nearly,about',
    'id=several': 'id=cpv-soldiers-killed-korean-war,cpv-soldiers-fought-korean-war',
  }),
  ...list('GET /v1/people', '/v1/people', { 'id=several': 'id=kim-jong-un,mao-ning' }),
  // Facets count the events the list would hold: a filter reads its index range, a date range
  // one range per span class, as the list does.
  ...list('GET /v1/events/facets', '/v1/events/facets', {
    'from+to': 'by=type,year,place&from=2023-07-25&to=2023-07-27',
    type: 'by=year,place&type=tribute',
    'type=several': 'by=year,place&type=war,anniversary',
    participant: 'by=type,year&participant=kim-jong-un',
  }),
  ...list('GET /v1/search', '/v1/search', {
    q: 'q=kim',
    'q+kind': 'q=kim&kind=event',
  }),
  { route: 'GET /v1/people/{id}/events', filter: '(view)', url: '/v1/people/kim-jong-un/events' },
  {
    route: 'GET /v1/people/{id}/statements',
    filter: '(view)',
    url: '/v1/people/mao-ning/statements',
  },
  {
    route: 'GET /v1/people/{id}/delegations',
    filter: '(view)',
    url: '/v1/people/sergei-shoigu/delegations',
  },
  {
    route: 'GET /v1/people/{id}/delegations',
    filter: '(view, as receiver)',
    url: '/v1/people/kang-sun-nam/delegations',
  },
  {
    route: 'GET /v1/places/{id}/events',
    filter: '(view)',
    url: '/v1/places/hoechang-county/events',
  },
  {
    route: 'GET /v1/events/{id}/children',
    filter: '(view)',
    url: '/v1/events/korean-war-70th-anniversary-commemorations/children',
  },
  {
    route: 'GET /v1/sources/{id}/claims',
    filter: '(view)',
    url: '/v1/sources/article-2023-07-27/claims',
  },
  ...list('GET /v1/sources/{id}/claims', '/v1/sources/article-2023-07-27/claims', {
    'basis=stated': 'basis=stated',
    according_to: 'according_to=korean-central-news-agency',
    'basis=inferred': 'basis=inferred',
  }),
  ...list('GET /v1/events/{id}', '/v1/events/korean-war-70th-anniversary-commemorations', {
    '(item)': '',
    include: 'include=place,parent',
  }).map((testCase) => ({ ...testCase, item: true })),
  ...[
    ['people', 'kim-jong-un'],
    ['organizations', 'workers-party-of-korea'],
    ['places', 'dprk'],
    ['delegations', 'sergei-shoigu-delegation-pyongyang-2023'],
    ['statements', 'mao-ning-2023-07-25-li-hongzhong-visit'],
    ['figures', 'cpv-soldiers-killed-korean-war'],
    ['sources', 'article-2023-07-27'],
  ].map(([kind, id]) => ({
    route: `GET /v1/${kind}/{id}`,
    filter: '(item)',
    url: `/v1/${kind}/${id}`,
    item: true,
  })),
];
