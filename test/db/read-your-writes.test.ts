/**
 * Read-your-writes without a server: WAL positions compare as numbers, the Annals-Read-After
 * header is read or refused with a reason, and RecentWrites remembers each client's last write
 * for a bounded time and a bounded number of clients.
 */
import t from 'tap';
import { isLsn, laterLsn, lsnOffset, lsnReached } from '../../src/db/pg-lsn.js';
import { parseReadAfter, RecentWrites } from '../../src/db/read-your-writes.js';

t.test('WAL positions compare by their 64-bit offset, not as text', async (t) => {
  t.equal(lsnOffset('0/3000060'), 0x3000060n);
  t.equal(lsnOffset('16/B374D848'), (0x16n << 32n) + 0xb374d848n);
  t.ok(
    lsnReached('0/10000000', '0/F000000'),
    'a longer low half is later (text would say earlier)',
  );
  t.ok(lsnReached('1/0', '0/FFFFFFFF'), 'the high half counts first');
  t.ok(lsnReached('0/5', '0/5'), 'a position reaches itself');
  t.notOk(lsnReached('0/4', '0/5'));
  t.equal(laterLsn('0/5', '0/A'), '0/A');
  t.equal(laterLsn(undefined, '0/A'), '0/A');
  t.equal(laterLsn('0/5', undefined), '0/5');
  t.equal(laterLsn(undefined, undefined), undefined);
  for (const bad of ['', '0', '0/', '/5', '0/5/6', 'x/5', '123456789/0', ' 0/5']) {
    t.notOk(isLsn(bad), `'${bad}' is not a position`);
  }
  t.throws(() => lsnOffset('nope'), TypeError);
});

t.test(
  'the Annals-Read-After header is a position, absent, or refused with a reason',
  async (t) => {
    t.same(parseReadAfter(undefined), { lsn: undefined });
    t.same(parseReadAfter(''), { lsn: undefined });
    t.same(parseReadAfter(' 0/3000060 '), { lsn: '0/3000060' });
    t.same(parseReadAfter('16/b374d848'), { lsn: '16/B374D848' }, 'as PostgreSQL writes it');
    t.match(parseReadAfter('yesterday'), { problem: /like 0\/3000060/ });
    t.match(parseReadAfter('0/1; drop table events'), { problem: /WAL position/ });
    t.match(parseReadAfter(['0/1', '0/2']), { problem: /once/ });
  },
);

t.test("RecentWrites: a client's reads follow its last write, for a while", async (t) => {
  let now = 0;
  const recent = new RecentWrites({ lifetimeMs: 1000, now: () => now });
  t.equal(recent.readAfter('1.2.3.4'), undefined, 'a client that never wrote reads anywhere');
  recent.wrote('1.2.3.4', '0/20');
  t.equal(recent.readAfter('1.2.3.4'), '0/20');
  t.equal(recent.readAfter('5.6.7.8'), undefined, 'another client is not held back');
  t.equal(recent.readAfter('1.2.3.4', '0/30'), '0/30', 'a later token wins');
  t.equal(recent.readAfter('1.2.3.4', '0/10'), '0/20', 'an older token does not go back');
  recent.wrote('1.2.3.4', '0/18');
  t.equal(recent.readAfter('1.2.3.4'), '0/20', 'writes finishing out of order keep the later one');
  now = 999;
  t.equal(recent.readAfter('1.2.3.4'), '0/20', 'the last write renewed the lifetime');
  now = 2000;
  t.equal(recent.readAfter('1.2.3.4'), undefined, 'past the lifetime it is forgotten');
  t.equal(recent.readAfter('1.2.3.4', '0/30'), '0/30', 'and the token alone counts');
  t.equal(recent.size, 0, 'expired entries are dropped, not only ignored');
});

t.test(
  'RecentWrites keeps maxClients clients at most, forgetting the oldest writer first',
  async (t) => {
    let now = 0;
    const recent = new RecentWrites({ maxClients: 2, now: () => now });
    recent.wrote('a', '0/1');
    now = 1;
    recent.wrote('b', '0/2');
    now = 2;
    recent.wrote('a', '0/3');
    now = 3;
    recent.wrote('c', '0/4');
    t.equal(recent.size, 2);
    t.equal(recent.readAfter('b'), undefined, 'b wrote longest ago');
    t.equal(recent.readAfter('a'), '0/3', 'a wrote again, so it moved to the back');
    t.equal(recent.readAfter('c'), '0/4');
  },
);
