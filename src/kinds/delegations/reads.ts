import { perConnection } from '../../db/prepared.js';
import { resourceReads } from '../../http/reads/task.js';
import { createDelegationsRepository } from './repository.js';
import { DelegationDetail, DelegationPage } from './schemas.js';

const repository = perConnection(createDelegationsRepository);

export const delegationsReads = {
  ...resourceReads('delegations', repository, DelegationPage, DelegationDetail),
};
