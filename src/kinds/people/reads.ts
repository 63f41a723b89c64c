import { perConnection } from '../../db/prepared.js';
import { type ItemParams, readTask, resourceReads } from '../../http/reads/task.js';
import type { ViewQuery } from '../../query/shapes.js';
import { createPeopleRepository } from './repository.js';
import { PersonDetail, PersonPage } from './schemas.js';
import { DelegationRolePage, PersonEventPage, PersonStatementPage } from './view-schemas.js';
import { createPeopleViewsRepository } from './views-repository.js';

const repository = perConnection(createPeopleRepository);
const views = perConnection(createPeopleViewsRepository);

export const peopleReads = {
  ...resourceReads('people', repository, PersonPage, PersonDetail),
  events: readTask('people.events', PersonEventPage, (db, { id, query }: ItemParams<ViewQuery>) =>
    views(db).personEvents(id, query),
  ),
  statements: readTask(
    'people.statements',
    PersonStatementPage,
    (db, { id, query }: ItemParams<ViewQuery>) => views(db).personStatements(id, query),
  ),
  delegations: readTask(
    'people.delegations',
    DelegationRolePage,
    (db, { id, query }: ItemParams<ViewQuery>) => views(db).personDelegations(id, query),
  ),
};
