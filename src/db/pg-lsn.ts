/**
 * PostgreSQL WAL positions (LSNs), as `pg_current_wal_lsn()` and `pg_last_wal_replay_lsn()` print
 * them: two hexadecimal halves of a 64-bit byte offset, `16/B374D848`. Compared here as numbers,
 * so that a replica's last known position can be checked without asking the server again.
 */

const LSN = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i;

/** Whether `text` is an LSN as PostgreSQL writes one. */
export const isLsn = (text: string): boolean => LSN.test(text);

/** The byte offset an LSN names; throws on text that is not one (check with isLsn first). */
export function lsnOffset(lsn: string): bigint {
  const match = lsn.match(LSN);
  if (!match) throw new TypeError('not a WAL position (expected two hex numbers, like 0/3000060)');
  return (BigInt(`0x${match[1]}`) << 32n) + BigInt(`0x${match[2]}`);
}

/** Whether position `a` is at or past position `b`. */
export const lsnReached = (a: string, b: string): boolean => lsnOffset(a) >= lsnOffset(b);

/** The later of two positions; either may be missing. */
export function laterLsn(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return lsnReached(a, b) ? a : b;
}
