/**
 * Which errors send a read on to another server (the server is out of reach) and which are the
 * caller's (thrown as is). The routing itself is tested on real servers in
 * test/postgres/replica.test.ts.
 */
import t from 'tap';
import { isUnavailable } from '../../src/db/postgres-replicas.js';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

t.test(
  'out of reach: network errors, connection and shutdown SQLSTATEs, recovery conflicts',
  async (t) => {
    for (const code of [
      'ECONNREFUSED',
      'ECONNRESET',
      'ETIMEDOUT',
      '08006',
      '08001',
      '53300',
      '57P01',
      '57P03',
      '40001',
    ]) {
      t.ok(isUnavailable(withCode(code)), code);
    }
    t.ok(isUnavailable(new Error('Connection terminated unexpectedly')), "pg's lost connection");
    t.ok(
      isUnavailable(new Error('Client has encountered a connection error and is not queryable')),
      'a connection that lost its server while lent out',
    );
    t.ok(
      isUnavailable(new Error('timeout exceeded when trying to connect')),
      "pg's connect timeout",
    );
  },
);

t.test("the caller's: SQL errors, a cancelled statement, a plain exception", async (t) => {
  for (const code of ['42P01', '42601', '23505', '22P02', '57014', '25006']) {
    t.notOk(isUnavailable(withCode(code)), code);
  }
  t.notOk(isUnavailable(new TypeError('x is undefined')));
  t.notOk(isUnavailable('a string'));
});
