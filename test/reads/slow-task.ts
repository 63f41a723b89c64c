/** A read task no route has, loaded by the read workers in the timeout test: it keeps its thread busy. */
import { z } from 'zod';
import { readTask } from '../../src/http/reads/task.js';

export const slowTask = readTask(
  'test.slow',
  z.object({ waited: z.number() }),
  (_db, params: { ms: number }) => {
    const end = Date.now() + params.ms;
    while (Date.now() < end) {
      // Busy, as a runaway query would be: terminating the thread is the only way out.
    }
    return { waited: params.ms };
  },
);
