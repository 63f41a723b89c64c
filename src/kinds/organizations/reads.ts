/** The reads behind the organizations routes: tasks that app.reads runs inline or in a read worker. */
import type { z } from 'zod';
import { perConnection } from '../../db/prepared.js';
import { type ItemParams, readTask } from '../../http/reads/task.js';
import { createOrganizationsRepository } from './repository.js';
import { OrganizationDetail, type OrganizationListQuery, OrganizationPage } from './schemas.js';

const repository = perConnection(createOrganizationsRepository);

export const organizationsReads = {
  list: readTask(
    'organizations.list',
    OrganizationPage,
    (db, query: z.output<typeof OrganizationListQuery>) => repository(db).list(query),
  ),
  get: readTask('organizations.get', OrganizationDetail, (db, { id }: ItemParams) =>
    repository(db).get(id),
  ),
};
