/**
 * Examples shown in the OpenAPI document are real answers of the API on the seed: each named
 * schema's example is the answer to one request, recorded by `npm run openapi` into
 * examples.json. A test replays the requests and fails when an example no longer matches.
 * Nothing is read when this module is imported: the app gives `readRecordedExamples` to the
 * swagger plugin (http/swagger.ts), which calls it when it first builds the document and attaches
 * each example to the component of the same id.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../paths.js';

export const EXAMPLES_PATH = join(PROJECT_ROOT, 'src', 'query', 'examples.json');

/**
 * The request whose answer illustrates each named schema; `#/data/0` picks a part of the answer
 * (a JSON pointer), so that a list item's example is the first item of a real page.
 */
export const EXAMPLE_REQUESTS: Record<string, string> = {
  EventPage: '/v1/events?from=2023-07-25&to=2023-07-25&limit=2',
  EventSummary: '/v1/events?from=2023-07-25&to=2023-07-25&limit=2#/data/0',
  EventDetail: '/v1/events/kim-jong-un-wreath-laying-cpv-cemetery',
  EventName: '/v1/events/korean-war#/names/0',
  Participant: '/v1/events/kim-jong-un-wreath-laying-cpv-cemetery#/participants/0',
  PersonPage: '/v1/people?organization=communist-party-of-china&limit=2',
  PersonSummary: '/v1/people?organization=communist-party-of-china&limit=2#/data/0',
  PersonDetail: '/v1/people/mao-ning',
  PersonPosition: '/v1/people/mao-ning#/positions/0',
  PersonRelation: '/v1/people/mao-anying#/relations/0',
  EventRole: '/v1/people/kim-jong-un#/events/0',
  SpokenStatement: '/v1/people/mao-ning#/statements/0',
  PersonDelegation: '/v1/people/li-hongzhong#/delegations/0',
  OrganizationPage: '/v1/organizations?type=ministry&limit=2',
  OrganizationSummary: '/v1/organizations?type=ministry&limit=2#/data/0',
  OrganizationDetail: '/v1/organizations/chinese-foreign-ministry',
  OrganizationMember: '/v1/organizations/chinese-foreign-ministry#/members/0',
  PlacePage: '/v1/places?within=dprk&limit=2',
  PlaceSummary: '/v1/places?within=dprk&limit=2#/data/0',
  PlaceDetail: '/v1/places/hoechang-county',
  PlaceEvent: '/v1/places/hoechang-county#/events/0',
  DelegationPage: '/v1/delegations?destination=pyongyang',
  DelegationSummary: '/v1/delegations?destination=pyongyang#/data/1',
  DelegationDetail: '/v1/delegations/sergei-shoigu-delegation-pyongyang-2023',
  DelegationReceiver: '/v1/delegations/sergei-shoigu-delegation-pyongyang-2023#/receivers/0',
  DelegationStatement: '/v1/delegations/sergei-shoigu-delegation-pyongyang-2023#/statements/0',
  StatementPage: '/v1/statements?speaker=mao-ning&limit=2',
  StatementSummary: '/v1/statements?speaker=mao-ning&limit=2#/data/0',
  StatementDetail: '/v1/statements/mao-ning-2023-07-25-li-hongzhong-visit',
  FigurePage: '/v1/figures?subject=chinese-peoples-volunteers',
  FigureSummary: '/v1/figures?subject=chinese-peoples-volunteers#/data/0',
  FigureDetail: '/v1/figures/cpv-soldiers-killed-korean-war',
  Bounds: '/v1/figures/cpv-soldiers-killed-korean-war#/bounds',
  SourcePage: '/v1/sources',
  SourceSummary: '/v1/sources#/data/0',
  SourceDetail: '/v1/sources/kcna-report-2023-07-26-wreath',
  Citation: '/v1/events/kim-jong-un-wreath-laying-cpv-cemetery#/citations/0',
  EmbeddedList: '/v1/people/kim-jong-un#/lists/events',
  Ref: '/v1/events/kim-jong-un-wreath-laying-cpv-cemetery#/place',
  Agent: '/v1/events/kim-jong-un-wreath-laying-cpv-cemetery#/participants/0/participant',
  DateValue: '/v1/events/korean-war#/start',
  TimelinePage: '/v1/timeline?from=2023-07-25&to=2023-07-27&limit=3',
  TimelineItem: '/v1/timeline?from=2023-07-25&to=2023-07-27&limit=3#/data/1',
  PersonEventPage: '/v1/people/kim-jong-un/events?limit=1',
  PersonEvent: '/v1/people/kim-jong-un/events?limit=1#/data/0',
  PersonStatementPage: '/v1/people/mao-ning/statements?limit=2',
  PersonStatement: '/v1/people/mao-ning/statements?limit=2#/data/0',
  DelegationRolePage: '/v1/people/kang-sun-nam/delegations',
  DelegationRole: '/v1/people/kang-sun-nam/delegations#/data/0',
  EventBriefPage: '/v1/places/hoechang-county/events',
  EventBrief: '/v1/events/korean-war-70th-anniversary-commemorations/children#/data/0',
  ClaimPage: '/v1/sources/article-2023-07-27/claims?limit=2',
  Claim: '/v1/sources/article-2023-07-27/claims?limit=100#/data/17',
};

/** The recorded examples, keyed by schema id, read from examples.json (none when it is missing). */
export function readRecordedExamples(): Record<string, unknown> {
  return existsSync(EXAMPLES_PATH) ? JSON.parse(readFileSync(EXAMPLES_PATH, 'utf8')) : {};
}

/**
 * The meta of a named schema: its component id and description. Its example is not here: the
 * swagger plugin attaches the recorded one to the component when it builds the document.
 */
export function named(id: string, description?: string): { id: string; description?: string } {
  return { id, ...(description === undefined ? {} : { description }) };
}
