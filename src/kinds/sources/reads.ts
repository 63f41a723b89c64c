/** The reads behind the sources routes: tasks that app.reads runs inline or in a read worker. */
import type { z } from 'zod';
import { perConnection } from '../../db/prepared.js';
import { type ItemParams, readTask } from '../../http/reads/task.js';
import type { ViewQuery } from '../../query/shapes.js';
import { createClaimsRepository } from './claims.js';
import { createSourcesRepository } from './repository.js';
import { ClaimPage, SourceDetail, type SourceListQuery, SourcePage } from './schemas.js';

const repository = perConnection(createSourcesRepository);
const claims = perConnection(createClaimsRepository);

export const sourcesReads = {
  list: readTask('sources.list', SourcePage, (db, query: z.output<typeof SourceListQuery>) =>
    repository(db).list(query),
  ),
  get: readTask('sources.get', SourceDetail, (db, { id }: ItemParams) => repository(db).get(id)),
  /** The claims resting on a source, or null when there is no such source. */
  claims: readTask('sources.claims', ClaimPage, (db, { id, query }: ItemParams<ViewQuery>) =>
    claims(db).sourceClaims(id, query),
  ),
};
