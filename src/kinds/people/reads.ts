/** The reads behind the people routes: tasks that app.reads runs inline or in a read worker. */
import type { z } from 'zod';
import { perConnection } from '../../db/prepared.js';
import { type ItemParams, readTask } from '../../http/reads/task.js';
import type { ViewQuery } from '../../query/shapes.js';
import { createPeopleRepository } from './repository.js';
import { PersonDetail, type PersonListQuery, PersonPage } from './schemas.js';
import { DelegationRolePage, PersonEventPage, PersonStatementPage } from './view-schemas.js';
import { createPeopleViewsRepository } from './views-repository.js';

const repository = perConnection(createPeopleRepository);
const views = perConnection(createPeopleViewsRepository);

export const peopleReads = {
  list: readTask('people.list', PersonPage, (db, query: z.output<typeof PersonListQuery>) =>
    repository(db).list(query),
  ),
  get: readTask('people.get', PersonDetail, (db, { id }: ItemParams) => repository(db).get(id)),
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
