// SQLite's first import builds the indexes of an empty table once at the end (deferIndexesOfEmptyTable):
// a committed import ends with every index back, a failed one leaves the table and its indexes as they were.
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { deferIndexesOfEmptyTable } from './bulk-upsert.ts';

function fresh(): SQLite.Database {
  const db = new SQLite(':memory:');
  db.exec('create table t (k text primary key, a text, b text); create index t_a on t (a); create index t_ab on t (a, b); create unique index t_b on t (b)');
  return db;
}
const indexes = (db: SQLite.Database) => (db.prepare("select name from sqlite_master where type = 'index' and tbl_name = 't' order by name").all() as { name: string }[]).map((r) => r.name);

describe('deferIndexesOfEmptyTable', () => {
  it('drops only the non-unique indexes of an empty table and builds them again', () => {
    const db = fresh();
    const before = indexes(db);
    db.transaction(() => {
      const build = deferIndexesOfEmptyTable(db, 't');
      expect(indexes(db)).toEqual(['sqlite_autoindex_t_1', 't_b']);
      for (let i = 0; i < 100; i++) db.prepare('insert into t values (?, ?, ?)').run(`k${i}`, `a${i % 7}`, `b${i}`);
      build();
    })();
    expect(indexes(db)).toEqual(before);
    expect(db.prepare("explain query plan select * from t where a = 'a3'").all().map((r) => (r as { detail: string }).detail).join()).toContain('t_a');
    expect(db.prepare("select count(*) as n from t where a = 'a3'").get()).toEqual({ n: 14 });
  });

  it('leaves a table that holds rows alone', () => {
    const db = fresh();
    db.prepare('insert into t values (?, ?, ?)').run('k', 'a', 'b');
    db.transaction(() => deferIndexesOfEmptyTable(db, 't')())();
    expect(indexes(db)).toEqual(['sqlite_autoindex_t_1', 't_a', 't_ab', 't_b']);
  });

  it('a failed import gives back the indexes and no row', () => {
    const db = fresh();
    expect(() =>
      db.transaction(() => {
        deferIndexesOfEmptyTable(db, 't');
        db.prepare('insert into t values (?, ?, ?)').run('k', 'a', 'b');
        throw new Error('row 7 cannot be read');
      })(),
    ).toThrow('row 7');
    expect(indexes(db)).toEqual(['sqlite_autoindex_t_1', 't_a', 't_ab', 't_b']);
    expect(db.prepare('select count(*) as n from t').get()).toEqual({ n: 0 });
  });
});
