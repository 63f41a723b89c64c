import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Runs a write after every write queued before it has finished. SQLite has one writer at a
     * time; queuing here means a write waits for an import's transaction instead of meeting
     * SQLITE_BUSY, and the event loop is never blocked while it waits.
     */
    exclusiveWrite<T>(task: () => T | Promise<T>): Promise<T>;
    /**
     * How many queued writes have settled (committed, rolled back or failed). The render cache
     * (http/reads/cache.ts) keys its answers on it: it grows before the writer's caller resumes,
     * so the answer to a write is never sent before a cached read it made stale is dropped.
     */
    writesSettled(): number;
  }
}

export default fp(
  async (app) => {
    let tail: Promise<unknown> = Promise.resolve();
    let settled = 0;
    app.decorate('exclusiveWrite', <T>(task: () => T | Promise<T>): Promise<T> => {
      const run = tail.then(task, task).then(
        (value) => {
          settled += 1;
          return value;
        },
        (error: unknown) => {
          settled += 1;
          throw error;
        },
      );
      tail = run.catch(() => undefined);
      return run;
    });
    app.decorate('writesSettled', () => settled);
  },
  { name: 'write-queue' },
);
