/**
 * A file that is not a sound zhkg store — any other file, another program's SQLite database, a damaged
 * store, a store of a newer format — is refused with one line naming it, and not a byte of it changes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore, STORE_FORMAT } from '../../src/store/index.js';
import { StoreError } from '../../src/errors.js';
import type { Article } from '../../src/types.js';

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'zhkg-refuse-'));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

/** Opening `path` throws a one-line StoreError naming it; the file's bytes are unchanged, no journal is left. */
function expectRefused(path: string, why: RegExp): void {
  const before = readFileSync(path);
  let error: unknown;
  try {
    openStore(path).close();
  } catch (err) {
    error = err;
  }
  expect(error).toBeInstanceOf(StoreError);
  const message = (error as Error).message;
  expect(message.split('\n')).toHaveLength(1);
  expect(message.startsWith(`${path}: `)).toBe(true);
  expect(message).toMatch(why);
  expect(readFileSync(path).equals(before)).toBe(true);
  expect(existsSync(`${path}-wal`)).toBe(false);
  expect(existsSync(`${path}-journal`)).toBe(false);
}

function article(id: string, text: string): Article {
  return {
    id,
    source: 'x.txt',
    title: text.slice(0, 4),
    section: '',
    authors: [],
    text,
    map: new Int32Array(text.length + 1).map((_, i) => i),
    gaps: [],
    sentences: [{ index: 0, start: 0, end: text.length, text }],
  };
}

describe('refusing what is not a zhkg store', () => {
  it('refuses a text file', () => {
    const path = join(tmp, 'notes.db');
    writeFileSync(path, '这不是数据库 — just some notes\n'.repeat(200));
    expectRefused(path, /not a zhkg store \(not an SQLite database\)/);
  });

  it("refuses another program's SQLite database", () => {
    const path = join(tmp, 'other.db');
    const db = new Database(path);
    db.exec(`CREATE TABLE files (name TEXT); INSERT INTO files VALUES ('mine')`);
    db.close();
    expectRefused(path, /another application/);
  });

  it('refuses a damaged store', () => {
    const path = join(tmp, 'zhkg.db');
    const store = openStore(path);
    const long = '测试句子。'.repeat(3000);
    for (let i = 0; i < 20; i++) store.put({ name: `f${i}.txt`, hash: `h${i}`, articles: [article(`f${i}#1`, long)], mentions: [[]], notes: [] });
    store.close();
    const bytes = readFileSync(path);
    expect(bytes.length).toBeGreaterThan(64 * 1024);
    // Overwrite pages in the middle (the header stays valid).
    bytes.fill(0x5a, 8192, bytes.length - 8192);
    writeFileSync(path, bytes);
    expectRefused(path, /not a sound zhkg store|damaged zhkg store/);
  });

  it('refuses a store of a newer format', () => {
    const path = join(tmp, 'zhkg.db');
    openStore(path).close();
    const db = new Database(path);
    db.pragma(`user_version = ${STORE_FORMAT + 1}`);
    db.close();
    expectRefused(path, /newer zhkg/);
  });

  it('names a missing folder in one line, creating nothing', () => {
    const path = join(tmp, 'no', 'such', 'zhkg.db');
    expect(() => openStore(path)).toThrow(new StoreError(`no such folder: ${join(tmp, 'no', 'such')}`, path));
    expect(existsSync(join(tmp, 'no'))).toBe(false);
  });

  it('accepts an absent or empty file and reopens its own store', () => {
    const path = join(tmp, 'zhkg.db');
    writeFileSync(path, '');
    const store = openStore(path);
    store.put({
      name: 'a.txt',
      hash: 'h',
      articles: [article('a#1', '呼和浩特市。')],
      mentions: [[{ start: 0, end: 4, text: '呼和浩特', kind: 'PLACE' }]],
      notes: [{ warning: 'w' }],
    });
    store.close();
    const again = openStore(path);
    try {
      const got = again.lookup('a.txt', 'h');
      expect(got?.articles[0]?.map).toBeInstanceOf(Int32Array);
      expect(got?.articles[0]?.text).toBe('呼和浩特市。');
      expect(got?.mentions).toEqual([[{ start: 0, end: 4, text: '呼和浩特', kind: 'PLACE' }]]);
      expect(got?.notes).toEqual([{ warning: 'w' }]);
      expect(again.lookup('a.txt', 'other')).toBeUndefined();
    } finally {
      again.close();
    }
  });
});
