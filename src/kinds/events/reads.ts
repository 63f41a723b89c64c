/** The reads behind the events routes: tasks that app.reads runs inline or in a read worker. */
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { perConnection } from '../../db/prepared.js';
import { type ItemParams, readTask } from '../../http/reads/task.js';
import { existsIn } from '../../query/exists.js';
import type { ViewQuery } from '../../query/shapes.js';
import { eventBriefs } from './briefs.js';
import { eventFacets } from './facets.js';
import { createEventsRepository } from './repository.js';
import {
  EventBriefPage,
  EventDetail,
  EventFacets,
  type EventFacetsQuery,
  type EventItemQuery,
  type EventListQuery,
  EventPage,
} from './schemas.js';
import { events } from './table.js';

const repository = perConnection(createEventsRepository);
const eventExists = existsIn(events);

export const eventsReads = {
  list: readTask('events.list', EventPage, (db, query: z.output<typeof EventListQuery>) =>
    repository(db).list(query),
  ),
  get: readTask(
    'events.get',
    EventDetail,
    (db, { id, query }: ItemParams<z.output<typeof EventItemQuery>>) =>
      repository(db).get(id, query),
  ),
  facets: readTask('events.facets', EventFacets, (db, query: EventFacetsQuery) =>
    eventFacets(db, query),
  ),
  /** The parts of an event, or null when there is no such event. */
  children: readTask(
    'events.children',
    EventBriefPage,
    (db, { id, query }: ItemParams<ViewQuery>) =>
      eventExists(db, id)
        ? eventBriefs(db, 'event-children', eq(events.parentId, id), query)
        : null,
  ),
};
