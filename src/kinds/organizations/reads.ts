import { perConnection } from '../../db/prepared.js';
import { resourceReads } from '../../http/reads/task.js';
import { createOrganizationsRepository } from './repository.js';
import { OrganizationDetail, OrganizationPage } from './schemas.js';

const repository = perConnection(createOrganizationsRepository);

export const organizationsReads = {
  ...resourceReads('organizations', repository, OrganizationPage, OrganizationDetail),
};
