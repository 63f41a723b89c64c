/**
 * The database's generation, as the render cache sees it: `${writes}:${dataVersion}`.
 *
 * - `writes` counts this server's queued writes that have settled (db/write-queue.ts). It grows
 *   before the writer's caller resumes, so once a write has been answered, no read of this
 *   server is answered from before it: read-your-writes, from any client.
 * - `dataVersion` is `PRAGMA data_version` on a watcher connection (db/data-version.ts): it
 *   changes when any other connection commits, a CLI import or a second server on the same file
 *   included. It is read at most once per turn of the event loop (about 10 µs a read), which is
 *   enough for other processes: a request that reaches us in a later turn sees their commit.
 *
 * The counter alone would miss other processes; the version alone, read once a turn, could miss
 * a commit made by this server earlier in the same turn.
 */
import type { DataVersion } from '../../db/data-version.js';

export function createGeneration(writesSettled: () => number, dataVersion: DataVersion) {
  let version: number | undefined;
  const forget = () => {
    version = undefined;
  };
  return (): string => {
    if (version === undefined) {
      version = dataVersion.read();
      setImmediate(forget);
    }
    return `${writesSettled()}:${version}`;
  };
}
