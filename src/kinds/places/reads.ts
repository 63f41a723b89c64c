/** The reads behind the places routes: tasks that app.reads runs inline or in a read worker. */
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { perConnection } from '../../db/prepared.js';
import { type ItemParams, readTask } from '../../http/reads/task.js';
import { existsIn } from '../../query/exists.js';
import type { ViewQuery } from '../../query/shapes.js';
import { subtreeOf } from '../../query/subtree.js';
import { eventBriefs } from '../events/briefs.js';
import { EventBriefPage } from '../events/schemas.js';
import { events } from '../events/table.js';
import { createPlacesRepository } from './repository.js';
import { PlaceDetail, type PlaceListQuery, PlacePage } from './schemas.js';

import { places } from './table.js';

const repository = perConnection(createPlacesRepository);
const placeExists = existsIn(places);

export const placesReads = {
  list: readTask('places.list', PlacePage, (db, query: z.output<typeof PlaceListQuery>) =>
    repository(db).list(query),
  ),
  get: readTask('places.get', PlaceDetail, (db, { id }: ItemParams) => repository(db).get(id)),
  /** The events at a place or inside it, or null when there is no such place. */
  events: readTask('places.events', EventBriefPage, (db, { id, query }: ItemParams<ViewQuery>) =>
    placeExists(db, id)
      ? eventBriefs(db, 'place-events', sql`${events.placeId} in ${subtreeOf(places, id)}`, query)
      : null,
  ),
};
