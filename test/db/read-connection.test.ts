/** A read worker's connection: read-only, and mapping as much of the file as it is told. */
import { join } from 'node:path';
import t from 'tap';
import { migrateDatabase, openDatabase, openReadConnection } from '../../src/db/database.js';
import { sqliteOnly, tempDir } from '../helper.js';

const SQLITE_ONLY = sqliteOnly("SQLite's read connections (mmap, read-only)");

t.test('openReadConnection maps mmapMB of the file and refuses writes', SQLITE_ONLY, async (t) => {
  const path = join(tempDir(t), 'annals.db');
  const writer = openDatabase(path);
  migrateDatabase(writer);
  t.teardown(() => writer.$client.close());
  const mapped = openReadConnection(path, { mmapMB: 8 });
  const plain = openReadConnection(path);
  t.teardown(() => {
    mapped.$client.close();
    plain.$client.close();
  });
  t.equal(mapped.$client.pragma('mmap_size', { simple: true }), 8 * 2 ** 20);
  t.equal(plain.$client.pragma('mmap_size', { simple: true }), 0, 'none unless asked');
  t.throws(
    () => mapped.$client.exec('create table x (a)'),
    /readonly|query_only|attempt to write/i,
  );
  t.equal(
    mapped.$client.prepare('select count(*) from events').pluck().get(),
    0,
    'it reads the migrated file',
  );
});
