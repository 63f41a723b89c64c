/** The reads behind the statements routes: tasks that app.reads runs inline or in a read worker. */
import type { z } from 'zod';
import { perConnection } from '../../db/prepared.js';
import { type ItemParams, readTask } from '../../http/reads/task.js';
import { createStatementsRepository } from './repository.js';
import { StatementDetail, type StatementListQuery, StatementPage } from './schemas.js';

const repository = perConnection(createStatementsRepository);

export const statementsReads = {
  list: readTask(
    'statements.list',
    StatementPage,
    (db, query: z.output<typeof StatementListQuery>) => repository(db).list(query),
  ),
  get: readTask('statements.get', StatementDetail, (db, { id }: ItemParams) =>
    repository(db).get(id),
  ),
};
