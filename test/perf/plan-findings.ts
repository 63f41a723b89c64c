/**
 * The plans found reading a whole table, sorting every match or leaving a date range open, by
 * case (`<route> <filter>`), each with the plan line at fault: marked todo in the query-plan test
 * until an index or a query change in src/ serves it. Remove a line once its case passes (the
 * test says so).
 */

const SORT = 'USE TEMP B-TREE FOR ORDER BY after';
/** A page after a cursor: `(coalesce(date_first_day, '9999-99-99'), id) > (?, ?)` is no range. */
const STATEMENTS_PAGE_2 = 'page 2: SCAN statements USING INDEX statements_date_order_idx';
const DELEGATIONS_BY_SCAN = `SCAN delegations; ${SORT} SCAN delegations`;
const DELEGATION_ROLES = [
  `${SORT} SEARCH delegations USING INDEX delegations_leader_idx (leader_id=?)`,
  `${SORT} SEARCH delegation_members USING INDEX delegation_members_person_idx (person_id=?)`,
  `${SORT} SEARCH delegation_receivers USING INDEX delegation_receivers_person_idx (person_id=?)`,
].join('; ');

export const PLAN_TODOS: Record<string, string> = {
  'GET /v1/events place': `${SORT} SEARCH events USING INDEX events_place_idx (place_id=?)`,
  'GET /v1/events participant': `${SORT} SEARCH events USING INDEX sqlite_autoindex_events_1 (id=?) (id in participations)`,
  'GET /v1/people organization': `${SORT} SEARCH people USING INDEX sqlite_autoindex_people_1 (id=?) (id in positions)`,
  'GET /v1/places within': `${SORT} SEARCH places USING INDEX sqlite_autoindex_places_1 (id=?) (id in subtree)`,
  'GET /v1/delegations destination': `${SORT} SEARCH delegations USING INDEX delegations_destination_idx (destination_id=?)`,
  'GET /v1/delegations sort=arrival': DELEGATIONS_BY_SCAN,
  'GET /v1/delegations sort=-arrival': DELEGATIONS_BY_SCAN,
  'GET /v1/statements (none)': STATEMENTS_PAGE_2,
  'GET /v1/statements speaker (person)': `${SORT} MULTI-INDEX OR (statements_speaker_person_idx + statements_speaker_organization_idx)`,
  'GET /v1/statements speaker (organization)': `${SORT} MULTI-INDEX OR (statements_speaker_person_idx + statements_speaker_organization_idx)`,
  'GET /v1/statements to': 'SCAN statements USING INDEX statements_date_order_idx',
  'GET /v1/statements from+to':
    'SEARCH statements USING INDEX statements_date_order_idx (<expr>>?): no upper end',
  'GET /v1/statements sort=date': STATEMENTS_PAGE_2,
  'GET /v1/statements sort=-date': STATEMENTS_PAGE_2,
  'GET /v1/statements include': STATEMENTS_PAGE_2,
  'GET /v1/figures min': 'SCAN figures USING INDEX sqlite_autoindex_figures_1',
  'GET /v1/figures max': 'SCAN figures USING INDEX sqlite_autoindex_figures_1',
  'GET /v1/timeline place': `${SORT} SEARCH events USING INDEX events_place_idx (place_id=?)`,
  'GET /v1/timeline participant': [
    `${SORT} SEARCH events USING INDEX sqlite_autoindex_events_1 (id=?) (id in participations)`,
    `${SORT} MULTI-INDEX OR (statements_speaker_person_idx + statements_speaker_organization_idx)`,
    `${SORT} MULTI-INDEX OR (delegations_leader_idx + delegation_members + delegation_receivers)`,
  ].join('; '),
  'GET /v1/timeline event': [
    `${SORT} SEARCH events USING INDEX sqlite_autoindex_events_1 (id=?) (id in subtree)`,
    `${SORT} SEARCH statements USING INDEX statements_event_idx (event_id=?)`,
    `${SORT} SEARCH delegations USING INDEX delegations_event_idx (event_id=?)`,
  ].join('; '),
  'GET /v1/people/{id}/events (view)': `${SORT} SEARCH participations USING INDEX participations_person_idx (person_id=?) then SEARCH events`,
  'GET /v1/people/{id}/delegations (view)': DELEGATION_ROLES,
  'GET /v1/people/{id}/delegations (view, as receiver)': DELEGATION_ROLES,
  'GET /v1/places/{id}/events (view)': `${SORT} SEARCH events USING INDEX events_place_idx (place_id=?)`,
  'GET /v1/people/{id} (item)': [
    `positions: ${SORT} SEARCH positions USING INDEX positions_person_idx (person_id=?)`,
    `relations: ${SORT} MULTI-INDEX OR (relations_person_idx + relations_related_idx)`,
    `events: ${SORT} SEARCH participations USING INDEX participations_person_idx (person_id=?) then SEARCH events`,
    `delegations: ${DELEGATION_ROLES} (each part of the UNION)`,
  ].join('; '),
  'GET /v1/organizations/{id} (item)': [
    `children: ${SORT} SEARCH organizations USING INDEX organizations_parent_idx (parent_id=?)`,
    `members: ${SORT} SEARCH positions USING INDEX positions_organization_idx (organization_id=?) then SEARCH people`,
    `events: ${SORT} SEARCH participations USING INDEX participations_organization_idx (organization_id=?) then SEARCH events`,
  ].join('; '),
  'GET /v1/places/{id} (item)': [
    `children: ${SORT} SEARCH places USING INDEX places_parent_idx (parent_id=?)`,
    `events: ${SORT} SEARCH events USING INDEX events_place_idx (place_id=?)`,
  ].join('; '),
  'GET /v1/delegations/{id} (item)': [
    `members: ${SORT} SEARCH delegation_members USING INDEX sqlite_autoindex_delegation_members_1 (delegation_id=?) then SEARCH people`,
    `statements: ${SORT} SEARCH statements USING INDEX statements_delegation_idx (delegation_id=?)`,
  ].join('; '),
  'GET /v1/sources/{id} (item)': [
    `cites: ${SORT} SEARCH source_cites USING COVERING INDEX sqlite_autoindex_source_cites_1 (source_id=?) then SEARCH sources`,
    `cited_by: ${SORT} SEARCH source_cites USING INDEX source_cites_cited_idx (cited_source_id=?) then SEARCH sources`,
  ].join('; '),
};
