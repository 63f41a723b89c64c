/**
 * Read-your-writes across replicas: after a write, that client's reads see it.
 *
 * The position travels with the client: a write's answer carries the primary's WAL position
 * after its commit in the `Annals-Read-After` header, and a client that sends it back on its
 * reads is served by a replica that has replayed that far, or by the primary
 * (postgres-replicas.ts).
 * The token is the LSN itself (`0/3000060`): no state on the server, so it holds across
 * processes and behind a load balancer, and an old token costs nothing once every replica has
 * passed it.
 *
 * Clients that do not send it back (a browser form, curl) are covered within one process by
 * `RecentWrites`: the last position each client address (`request.ip`, which follows
 * TRUST_PROXY) wrote, kept for `lifetimeMs` (a minute by default, far above a healthy replica's
 * lag) and for `maxClients` addresses at most, the oldest forgotten first. A read uses the later of the two. Past the lifetime, or on another
 * process, a client that does not send the token back may read from a replica still behind its
 * write; sending the header back is the way to be sure.
 */
import { isLsn, laterLsn } from './pg-lsn.js';

/**
 * The header a write's answer carries and a client sends back on its reads (lower case, as Node
 * gives headers). Browsers from other origins need it in CORS's exposed and allowed headers.
 */
export const READ_AFTER_HEADER = 'annals-read-after';

/**
 * The position a request's `Annals-Read-After` header asks for: none when absent, or why it is
 * refused (the HTTP layer answers 400 problem+json naming the header).
 */
export function parseReadAfter(
  value: string | string[] | undefined,
): { lsn: string | undefined } | { problem: string } {
  if (value === undefined || value === '') return { lsn: undefined };
  if (Array.isArray(value)) return { problem: 'give it once, as the last write returned it' };
  const text = value.trim();
  if (!isLsn(text)) {
    return { problem: 'expected a WAL position as a write returned it, like 0/3000060' };
  }
  return { lsn: text.toUpperCase() };
}

export interface RecentWritesOptions {
  lifetimeMs?: number;
  maxClients?: number;
  /** The clock, for tests. */
  now?: () => number;
}

/** Each client's last written position, for a bounded time and a bounded number of clients. */
export class RecentWrites {
  /** Address → position and expiry; in order of last write, so the oldest comes first. */
  private readonly byClient = new Map<string, { lsn: string; until: number }>();
  private readonly lifetimeMs: number;
  private readonly maxClients: number;
  private readonly now: () => number;

  constructor(options: RecentWritesOptions = {}) {
    this.lifetimeMs = options.lifetimeMs ?? 60_000;
    this.maxClients = options.maxClients ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** Remembers that `client` wrote up to `lsn`. */
  wrote(client: string, lsn: string): void {
    const kept = this.current(client);
    this.byClient.delete(client);
    this.byClient.set(client, {
      lsn: laterLsn(kept, lsn) ?? lsn,
      until: this.now() + this.lifetimeMs,
    });
    this.forgetOld();
  }

  /** The position `client`'s next read must see: the later of its token and its last write. */
  readAfter(client: string, token?: string): string | undefined {
    return laterLsn(this.current(client), token);
  }

  /** How many clients are remembered now. */
  get size(): number {
    this.forgetOld();
    return this.byClient.size;
  }

  private current(client: string): string | undefined {
    const entry = this.byClient.get(client);
    return entry && entry.until > this.now() ? entry.lsn : undefined;
  }

  /** Expired entries, then the oldest beyond maxClients: the map is in expiry order. */
  private forgetOld(): void {
    const now = this.now();
    for (const [client, entry] of this.byClient) {
      if (entry.until > now && this.byClient.size <= this.maxClients) break;
      this.byClient.delete(client);
    }
  }
}

/**
 * A write's answer on PostgreSQL (a single write or an import): its commit's WAL position goes
 * back in Annals-Read-After and is remembered for the client's address, so that its next reads
 * see the write from any replica. Nothing on SQLite, whose writes carry no position.
 */
export function answerReadAfter<Reply extends { header(name: string, value: string): Reply }>(
  recent: RecentWrites,
  clientIp: string,
  reply: Reply,
  lsn: string | undefined,
): Reply {
  if (lsn === undefined) return reply;
  recent.wrote(clientIp, lsn);
  return reply.header(READ_AFTER_HEADER, lsn);
}
