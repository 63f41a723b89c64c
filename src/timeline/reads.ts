/** The timeline's read task: app.reads runs it inline or in a read worker. */
import type { z } from 'zod';
import { perConnection } from '../db/prepared.js';
import { readTask } from '../http/reads/task.js';
import { createTimelineRepository } from './repository.js';
import { TimelinePage, type TimelineQuery } from './schemas.js';

const repository = perConnection(createTimelineRepository);

export const timelineReads = {
  list: readTask('timeline.list', TimelinePage, (db, query: z.output<typeof TimelineQuery>) =>
    repository(db).list(query),
  ),
};
