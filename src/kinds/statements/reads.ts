import { perConnection } from '../../db/prepared.js';
import { resourceReads } from '../../http/reads/task.js';
import { createStatementsRepository } from './repository.js';
import { StatementDetail, StatementPage } from './schemas.js';

const repository = perConnection(createStatementsRepository);

export const statementsReads = {
  ...resourceReads('statements', repository, StatementPage, StatementDetail),
};
