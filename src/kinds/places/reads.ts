/** The reads behind the places routes: tasks that app.reads runs inline or in a read worker. */
import { sql } from 'drizzle-orm';
import { perConnection } from '../../db/prepared.js';
import { type ItemParams, readTask, resourceReads } from '../../http/reads/task.js';
import { existsIn } from '../../query/exists.js';
import type { ViewQuery } from '../../query/shapes.js';
import { subtreeOf } from '../../query/subtree.js';
import { eventBriefs } from '../events/briefs.js';
import { EventBriefPage } from '../events/schemas.js';
import { events } from '../events/table.js';
import { createPlacesRepository } from './repository.js';
import { PlaceDetail, PlacePage } from './schemas.js';

import { places } from './table.js';

const repository = perConnection(createPlacesRepository);
const placeExists = existsIn(places);

export const placesReads = {
  ...resourceReads('places', repository, PlacePage, PlaceDetail),
  /** The events at a place or inside it, or null when there is no such place. */
  events: readTask('places.events', EventBriefPage, (db, { id, query }: ItemParams<ViewQuery>) =>
    placeExists(db, id)
      ? eventBriefs(db, 'place-events', sql`${events.placeId} in ${subtreeOf(places, id)}`, query)
      : null,
  ),
};
