import { perConnection } from '../../db/prepared.js';
import { resourceReads } from '../../http/reads/task.js';
import { createFiguresRepository } from './repository.js';
import { FigureDetail, FigurePage } from './schemas.js';

const repository = perConnection(createFiguresRepository);

export const figuresReads = {
  ...resourceReads('figures', repository, FigurePage, FigureDetail),
};
