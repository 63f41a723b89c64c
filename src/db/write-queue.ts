import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Runs a write after every write queued before it has finished. SQLite has one writer at a
     * time; queuing here means a write waits for an import's transaction instead of meeting
     * SQLITE_BUSY, and the event loop is never blocked while it waits.
     */
    exclusiveWrite<T>(task: () => T | Promise<T>): Promise<T>;
  }
}

export default fp(
  async (app) => {
    let tail: Promise<unknown> = Promise.resolve();
    app.decorate('exclusiveWrite', <T>(task: () => T | Promise<T>): Promise<T> => {
      const run = tail.then(task, task);
      tail = run.catch(() => undefined);
      return run;
    });
  },
  { name: 'write-queue' },
);
