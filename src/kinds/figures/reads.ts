/** The reads behind the figures routes: tasks that app.reads runs inline or in a read worker. */
import type { z } from 'zod';
import { perConnection } from '../../db/prepared.js';
import { type ItemParams, readTask } from '../../http/reads/task.js';
import { createFiguresRepository } from './repository.js';
import { FigureDetail, type FigureListQuery, FigurePage } from './schemas.js';

const repository = perConnection(createFiguresRepository);

export const figuresReads = {
  list: readTask('figures.list', FigurePage, (db, query: z.output<typeof FigureListQuery>) =>
    repository(db).list(query),
  ),
  get: readTask('figures.get', FigureDetail, (db, { id }: ItemParams) => repository(db).get(id)),
};
