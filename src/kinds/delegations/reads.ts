/** The reads behind the delegations routes: tasks that app.reads runs inline or in a read worker. */
import type { z } from 'zod';
import { perConnection } from '../../db/prepared.js';
import { type ItemParams, readTask } from '../../http/reads/task.js';
import { createDelegationsRepository } from './repository.js';
import { DelegationDetail, type DelegationListQuery, DelegationPage } from './schemas.js';

const repository = perConnection(createDelegationsRepository);

export const delegationsReads = {
  list: readTask(
    'delegations.list',
    DelegationPage,
    (db, query: z.output<typeof DelegationListQuery>) => repository(db).list(query),
  ),
  get: readTask('delegations.get', DelegationDetail, (db, { id }: ItemParams) =>
    repository(db).get(id),
  ),
};
