/** /v1/search's read task: app.reads runs it inline or in a read worker. */
import type { z } from 'zod';
import { perConnection } from '../../db/prepared.js';
import { readTask } from '../../http/reads/task.js';
import { createSearchRepository } from './repository.js';
import { SearchPage, type SearchQuery } from './schemas.js';

const repository = perConnection(createSearchRepository);

export const searchReads = {
  search: readTask('search', SearchPage, (db, query: z.output<typeof SearchQuery>) =>
    repository(db).search(query),
  ),
};
