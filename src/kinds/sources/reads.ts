import { perConnection } from '../../db/prepared.js';
import { type ItemParams, readTask, resourceReads } from '../../http/reads/task.js';
import { createClaimsRepository } from './claims.js';
import { createSourcesRepository } from './repository.js';
import { ClaimPage, type ClaimsQuery, SourceDetail, SourcePage } from './schemas.js';

const repository = perConnection(createSourcesRepository);
const claims = perConnection(createClaimsRepository);

export const sourcesReads = {
  ...resourceReads('sources', repository, SourcePage, SourceDetail),
  /** The claims resting on a source, or null when there is no such source. */
  claims: readTask('sources.claims', ClaimPage, (db, { id, query }: ItemParams<ClaimsQuery>) =>
    claims(db).sourceClaims(id, query),
  ),
};
