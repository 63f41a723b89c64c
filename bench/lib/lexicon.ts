/** The fixed words of the generated world: types, roles, units, publishers. */
import type { QUALIFIERS } from '../../src/domain/figures.js';

const list = (text: string) => text.trim().split(/\s*,\s*/);

/** Event types, most frequent first. */
export const EVENT_TYPES = list(`meeting, visit, speech, battle, commemoration, treaty, election,
  protest, summit, anniversary, ceremony, war, agreement, festival, strike, uprising, coronation,
  expedition, founding, disaster, trial, wreath_laying, tribute`);
export const ROLES = list(`attended, spoke, led, organized, hosted, signed, fought, accompanied,
  mediated, witnessed, opposed, funded, honoured, laid the wreath`);
export const GROUPS = list(`senior officials, local residents, veterans, students, soldiers,
  delegates, journalists, members of the public`);
export const PLACE_TYPES = list('city, county, town, cemetery, airport, port, region, village');
export const ORG_TYPES = list(`party, ministry, state_media, armed_force, legislature, party_body,
  state_body, company, ngo`);
export const ORG_NOUNS = list(
  'Party, Ministry, Agency, Army, Council, Committee, Bureau, Front, Union, League',
);
export const PUBLISHERS = list(
  'Annals Wire, Evening Courier, State News Agency, Daily Record, Chronicle Press',
);
export const STATEMENT_KINDS = list('remarks, statement, report, interview, inscription, letter');
export const UNITS = list('people, soldiers, tons, km, USD, ships, houses');
export const MEASURE_VERBS = list(
  'killed, wounded, deployed, displaced, built, sent, captured, rescued',
);
export const QUALIFIER_WORDS: Record<(typeof QUALIFIERS)[number], string> = {
  exact: '',
  about: 'About ',
  nearly: 'Nearly ',
  almost: 'Almost ',
  more_than: 'More than ',
  at_least: 'At least ',
  less_than: 'Less than ',
  at_most: 'At most ',
};
