/**
 * Incremental builds through the store (issue 11): a build that reuses stored extraction results gives the
 * same graph, byte for byte (GEXF, graphology JSON), as a fresh build of the same inputs — after adding,
 * changing and removing files, with worker threads, and when the pipeline version changes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdtempSync, renameSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildGraphFromPaths, type BuildOptions } from '../../src/pipeline.js';
import { toGexf, toJSON } from '../../src/export/index.js';
import { openStore, type ExtractionStore } from '../../src/store/index.js';
import { storedDrafts } from '../../src/resolve/index.js';
import { heapGrowth } from '../../src/util/heap.js';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'store');
const page = join(import.meta.dirname, '..', '..', 'data', '000_6a6b28fc1a4d90e2.txt');
let tmp: string;
let corpus: string;

beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'zhkg-store-'));
  corpus = join(tmp, 'corpus');
  rmSync(corpus, { recursive: true, force: true });
  for (const f of ['a.txt', 'b.txt', 'c.txt']) {
    copyFileSync(join(fixtures, f), join(tmp, f));
  }
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

const inputs = () =>
  ['a.txt', 'b.txt', 'c.txt', 'd.txt', 'e.txt', 'page.txt']
    .map((f) => join(tmp, f))
    .filter((p) => {
      try {
        readFileSync(p);
        return true;
      } catch {
        return false;
      }
    });

async function outputs(options: BuildOptions): Promise<{ gexf: string; json: string; store: unknown }> {
  const r = await buildGraphFromPaths(inputs(), { workers: 1, ...options });
  return { gexf: toGexf(r.graph), json: toJSON(r.graph), store: r.store };
}

async function fresh(): Promise<{ gexf: string; json: string }> {
  const { gexf, json } = await outputs({});
  return { gexf, json };
}

describe('incremental build', () => {
  it('equals a fresh build after files are added, changed and removed', async () => {
    const store = openStore(join(tmp, 'zhkg.db'));
    try {
      const first = await outputs({ store });
      expect(first.store).toEqual({ extracted: 3, reused: 0, forgotten: 0, relations: { reused: 0, made: 3 } });
      expect({ gexf: first.gexf, json: first.json }).toEqual(await fresh());

      // Unchanged: nothing extracted, same bytes.
      const again = await outputs({ store });
      expect(again.store).toEqual({ extracted: 0, reused: 3, forgotten: 0, relations: { reused: 3, made: 0, kept: 3 } });
      expect(again.gexf).toBe(first.gexf);
      expect(again.json).toBe(first.json);

      // Added (d, e and the bundled page), changed (b), removed (c): a name (赵志刚) now names people in
      // more places; resolution must split it as a fresh build does.
      copyFileSync(join(fixtures, 'd.txt'), join(tmp, 'd.txt'));
      copyFileSync(join(fixtures, 'e.txt'), join(tmp, 'e.txt'));
      copyFileSync(page, join(tmp, 'page.txt'));
      writeFileSync(join(tmp, 'b.txt'), readFileSync(join(fixtures, 'b.txt'), 'utf8').replace('陈国庆', '陈国强'));
      rmSync(join(tmp, 'c.txt'));
      const changed = await outputs({ store });
      expect(changed.store).toEqual({ extracted: 4, reused: 1, forgotten: 1, relations: { reused: 1, made: 11 } });
      const want = await fresh();
      expect(changed.gexf).toBe(want.gexf);
      expect(changed.json).toBe(want.json);
      expect(changed.json).not.toBe(first.json);
      expect(changed.json).toContain('陈国强');
      expect(changed.json).not.toContain('达拉特旗旗长');
      expect(store.names()).toEqual(['a.txt', 'b.txt', 'd.txt', 'e.txt', 'page.txt']);

      // c comes back: extracted again (it was forgotten), same bytes as fresh.
      copyFileSync(join(fixtures, 'c.txt'), join(tmp, 'c.txt'));
      const back = await outputs({ store });
      expect(back.store).toEqual({ extracted: 1, reused: 5, forgotten: 0, relations: { reused: 10, made: 3 } });
      expect({ gexf: back.gexf, json: back.json }).toEqual(await fresh());
    } finally {
      store.close();
    }
  });

  it('splits a name as a fresh build does when a new file sorting first makes it ambiguous', async () => {
    // Our own sentences: one 王建国 of 宝山村 in two stored files; a new file (read first, extracted last, while
    // the stored ones are resolved) names a 王建国 of 水泉沟村, so the name splits in every article.
    const person = (village: string, n: number) => `${village}第一书记王建国第${n}次走访农户。王建国说，今年要把村里的道路修好，让群众出行更方便。\n\n`;
    const files = ['m2.txt', 'm3.txt'];
    writeFileSync(join(tmp, 'm2.txt'), `阿鲁科尔沁旗巴彦花镇宝山村的新路\n\n${person('阿鲁科尔沁旗巴彦花镇宝山村', 1)}`);
    writeFileSync(join(tmp, 'm3.txt'), `宝山村修塘坝\n\n${person('宝山村', 2)}王建国和村民一起修塘坝。\n`);
    const paths = () => ['m1.txt', ...files].map((f) => join(tmp, f)).filter((p) => existsSync(p));
    // What the store is asked for and when the new file is stored, in order.
    const events: string[] = [];
    const build = async (options: BuildOptions) => {
      events.length = 0;
      const r = await buildGraphFromPaths(paths(), { workers: 1, ...options, onStored: (phase) => phase === 'committed' && events.push('stored') });
      const named = r.entities.filter((e) => e.label === '王建国').map((e) => [e.key, e.articles]);
      return { gexf: toGexf(r.graph), json: toJSON(r.graph), store: r.store, named };
    };
    const store = openStore(join(tmp, 'zhkg.db'));
    const read = store.read.bind(store);
    store.read = (name, hash) => (events.push(`read ${name}`), read(name, hash));
    try {
      const first = await build({ store });
      // The two stored articles name one person: the new file must split the name in both.
      expect(first.named).toEqual([['PERSON:王建国', ['m2#1', 'm3#1']]]);
      writeFileSync(join(tmp, 'm1.txt'), `水泉沟村的产业\n\n${person('阿鲁科尔沁旗天山口镇水泉沟村', 3)}`);
      const added = await build({ store, workers: 2, parallelMinBytes: 1 << 30 });
      expect(added.store).toEqual({ extracted: 1, reused: 2, forgotten: 0, relations: { reused: 0, made: 3 } });
      // The stored files were not read to be resolved: the first build's resolution was taken up, their articles
      // moved one place on (m1 sorts first); the new file was stored, then resolved, and the relations pass read
      // all three in corpus order.
      expect(events).toEqual(['stored', 'read m1.txt', 'read m1.txt', 'read m2.txt', 'read m3.txt']);
      expect(added.named).toEqual([
        ['PERSON:王建国@宝山村', ['m2#1', 'm3#1']],
        ['PERSON:王建国@水泉沟村', ['m1#1']],
      ]);
      const want = await build({});
      expect(want.named).toEqual(added.named);
      expect(added.gexf).toBe(want.gexf);
      expect(added.json).toBe(want.json);
      expect(added.json).toContain('"PERSON:王建国@水泉沟村"');
      expect(added.json).not.toContain('"PERSON:王建国"');
      // And back: the file removed, the name is one person again, as fresh.
      rmSync(join(tmp, 'm1.txt'));
      const removed = await build({ store });
      expect(removed.store).toEqual({ extracted: 0, reused: 2, forgotten: 1, relations: { reused: 0, made: 2 } });
      expect(removed.named).toEqual(first.named);
      expect(removed.json).toBe(first.json);
      expect(removed.gexf).toBe(first.gexf);
    } finally {
      store.close();
    }
  }, 300_000);

  it('resolves the stored files while a one-shot build segments the new one, when the store keeps no resolution', async () => {
    // As above (our own sentences), through an engine that keeps no resolution of the last build: every stored file is
    // resolved again, while a worker segments the new file that sorts first and this thread waits to recognize it.
    const person = (village: string, n: number) => `${village}第一书记王建国第${n}次走访农户。王建国说，今年要把村里的道路修好。\n\n`;
    writeFileSync(join(tmp, 'm2.txt'), `宝山村的新路\n\n${person('阿鲁科尔沁旗巴彦花镇宝山村', 1)}`);
    writeFileSync(join(tmp, 'm3.txt'), `宝山村修塘坝\n\n${person('宝山村', 2)}`);
    const paths = () => ['m1.txt', 'm2.txt', 'm3.txt'].map((f) => join(tmp, f)).filter((p) => existsSync(p));
    const events: string[] = [];
    const sqlite = openStore(join(tmp, 'zhkg.db'));
    const read = sqlite.read.bind(sqlite);
    sqlite.read = (name, hash) => (events.push(`read ${name}`), read(name, hash));
    const hidden = new Set<PropertyKey>(['resolutionState', 'putResolutionState']);
    const store = new Proxy(sqlite, { get: (t, p): unknown => (hidden.has(p) ? undefined : Reflect.get(t, p, t)) }) as ExtractionStore;
    const build = async (options: BuildOptions) => {
      events.length = 0;
      const r = await buildGraphFromPaths(paths(), { workers: 1, ...options, onStored: (phase) => phase === 'committed' && events.push('stored') });
      return { json: toJSON(r.graph), store: r.store };
    };
    try {
      await build({ store });
      writeFileSync(join(tmp, 'm1.txt'), `水泉沟村的产业\n\n${person('阿鲁科尔沁旗天山口镇水泉沟村', 3)}`);
      const added = await build({ store, workers: 2, oneShot: true });
      expect(added.store).toEqual({ extracted: 1, reused: 2, forgotten: 0, relations: { reused: 0, made: 3 } });
      expect(events).toEqual(['read m2.txt', 'read m3.txt', 'stored', 'read m1.txt', 'read m1.txt', 'read m2.txt', 'read m3.txt']);
      const want = await build({});
      expect(added.json).toBe(want.json);
      expect(added.json).toContain('"PERSON:王建国@水泉沟村"');
    } finally {
      sqlite.close();
    }
  }, 300_000);

  it('equals a fresh build with worker threads extracting into the store', async () => {
    copyFileSync(page, join(tmp, 'page.txt'));
    copyFileSync(join(fixtures, 'd.txt'), join(tmp, 'd.txt'));
    const store = openStore(join(tmp, 'zhkg.db'));
    try {
      const parallel = { workers: 2, parallelMinBytes: 0, batchChars: 300 };
      const first = await outputs({ store, ...parallel });
      expect(first.store).toEqual({ extracted: 5, reused: 0, forgotten: 0, relations: { reused: 0, made: 12 } });
      // The same bytes as a fresh build on one thread (parallel.test.ts: threads do not change the graph).
      const want = await fresh();
      expect(first.gexf).toBe(want.gexf);
      expect(first.json).toBe(want.json);
      const reused = await outputs({ store });
      expect(reused.store).toEqual({ extracted: 0, reused: 5, forgotten: 0, relations: { reused: 12, made: 0, kept: 12 } });
      expect(reused.gexf).toBe(want.gexf);
      // The drafts the workers made and stored are those resolution makes from the stored mentions.
      let drafted = 0;
      for (const name of store.names()) {
        const file = store.lookup(
          name,
          createHash('sha256')
            .update(readFileSync(join(tmp, name)))
            .digest('hex'),
        )!;
        expect(file.drafts).toHaveLength(file.articles.length);
        file.articles.forEach((a, k) => expect(file.drafts![k]).toEqual(storedDrafts(a, file.mentions[k]!)));
        drafted += file.drafts!.flat().length;
      }
      expect(drafted).toBeGreaterThan(100);
    } finally {
      store.close();
    }
  }, 300_000);

  it('folds only the new file into the edges the last build kept, and folds everything again when a file is gone', async () => {
    // Our own sentences: two stored files and a new one sorting first that names the same two people in one
    // sentence again (their co-occurrence edge gains an article) and changes no name's key.
    const line = (n: number) => `宝山村村民李明和张华第${n}次一起修路。李明说，路修好了，大家出门方便多了。\n\n`;
    writeFileSync(join(tmp, 'k1.txt'), `宝山村修路\n\n${line(1)}`);
    writeFileSync(join(tmp, 'k2.txt'), `宝山村的新路\n\n${line(2)}`);
    const names = ['k0.txt', 'k1.txt', 'k2.txt'];
    const paths = () => names.map((f) => join(tmp, f)).filter((p) => existsSync(p));
    const build = async (options: BuildOptions) => {
      const r = await buildGraphFromPaths(paths(), { workers: 1, ...options });
      const shared = r.graph.filterEdges((_e, a) => (a['articles'] as string[]).includes('k0#1') && (a['articles'] as string[]).includes('k1#1'));
      return { gexf: toGexf(r.graph), json: toJSON(r.graph), store: r.store, shared: shared.length };
    };
    const store = openStore(join(tmp, 'zhkg.db'));
    try {
      const first = await build({ store });
      expect(first.store).toEqual({ extracted: 2, reused: 0, forgotten: 0, relations: { reused: 0, made: 2 } });
      writeFileSync(join(tmp, 'k0.txt'), `宝山村的路\n\n${line(3)}`);
      const added = await build({ store });
      // The stored files' facts came with the kept edges; only the new article's were made and folded into them.
      expect(added.store).toEqual({ extracted: 1, reused: 2, forgotten: 0, relations: { reused: 2, made: 1, kept: 2 } });
      const want = await build({});
      expect(added.shared).toBeGreaterThan(0);
      expect(added.gexf).toBe(want.gexf);
      expect(added.json).toBe(want.json);
      // The edges kept now hold the new file's facts too: an unchanged rebuild folds nothing.
      const again = await build({ store });
      expect(again.store).toEqual({ extracted: 0, reused: 3, forgotten: 0, relations: { reused: 3, made: 0, kept: 3 } });
      expect(again.json).toBe(want.json);
      // A stored file renamed (same content, another stem: its article's id changes): every article folded again.
      names.push('k3.txt');
      renameSync(join(tmp, 'k2.txt'), join(tmp, 'k3.txt'));
      const renamed = await build({ store });
      expect(renamed.store).toEqual({ extracted: 1, reused: 2, forgotten: 1, relations: { reused: 2, made: 1 } });
      expect(renamed.json).toBe((await build({})).json);
      renameSync(join(tmp, 'k3.txt'), join(tmp, 'k2.txt'));
      expect((await build({ store })).json).toBe(want.json);
      // A stored file gone: its facts cannot be taken out of the kept edges, so every article is folded again.
      rmSync(join(tmp, 'k1.txt'));
      const removed = await build({ store });
      expect(removed.store).toEqual({ extracted: 0, reused: 2, forgotten: 1, relations: { reused: 2, made: 0 } });
      const wantRemoved = await build({});
      expect(removed.shared).toBe(0);
      expect(removed.gexf).toBe(wantRemoved.gexf);
      expect(removed.json).toBe(wantRemoved.json);
    } finally {
      store.close();
    }
  });

  it('leaves the kept edges as they are when one file joins many stored ones, and folds that file from its entry next time', async () => {
    // 63 stored files of our own; one more is no more than 1/64 of the articles: keeping every edge again would cost
    // more than folding that one article again from its entry in the next build.
    const line = (n: number) => `宝山村村民李明和张华第${n}次一起开会。\n\n`;
    const names = Array.from({ length: 63 }, (_, i) => `m${String(i + 1).padStart(2, '0')}.txt`);
    names.forEach((f, i) => writeFileSync(join(tmp, f), `宝山村第${i + 1}次会议\n\n${line(i + 1)}`));
    const paths = () => ['m00.txt', ...names].map((f) => join(tmp, f)).filter((p) => existsSync(p));
    const build = async (options: BuildOptions) => {
      const r = await buildGraphFromPaths(paths(), { workers: 1, layout: false, ...options });
      return { json: toJSON(r.graph), store: r.store };
    };
    const store = openStore(join(tmp, 'zhkg.db'));
    try {
      expect((await build({ store })).store).toEqual({ extracted: 63, reused: 0, forgotten: 0, relations: { reused: 0, made: 63 } });
      // A build into a store caps the heap's growth (util/heap.ts); one that took up the last build's resolution and
      // edges for all but 1/64 of the articles reads no stored file, and lets it grow more.
      expect(heapGrowth()).toBe('tight');
      writeFileSync(join(tmp, 'm00.txt'), `宝山村的会议\n\n${line(0)}`);
      const added = await build({ store });
      expect(added.store).toEqual({ extracted: 1, reused: 63, forgotten: 0, relations: { reused: 63, made: 1, kept: 63 } });
      expect(heapGrowth()).toBe('loose');
      // Not kept again: the next build restores the 63 articles' edges and folds the new one from its entry.
      const next = await build({ store });
      expect(next.store).toEqual({ extracted: 0, reused: 64, forgotten: 0, relations: { reused: 64, made: 0, kept: 63 } });
      const want = (await build({})).json;
      expect(added.json).toBe(want);
      expect(next.json).toBe(want);
      // Another --min-confidence: the resolution is taken up again, the kept edges are not (the pass reads every stored
      // file, under the heap's cap again), and the graph is a fresh build's.
      const weaker = await build({ store, minConfidence: 0.5 });
      expect(weaker.store?.relations?.kept).toBeUndefined();
      expect(heapGrowth()).toBe('tight');
      expect(weaker.json).toBe((await build({ minConfidence: 0.5 })).json);
    } finally {
      store.close();
    }
  });

  it('re-extracts everything when the pipeline version differs, never mixing versions', async () => {
    const path = join(tmp, 'zhkg.db');
    let store = openStore(path);
    const first = await outputs({ store });
    store.close();
    // Other reading settings are another version: nothing stored under the first is reused.
    store = openStore(path, { fields: { text: 'body' } });
    try {
      const other = await outputs({ store });
      expect(other.store).toEqual({ extracted: 3, reused: 0, forgotten: 0, relations: { reused: 0, made: 3 } });
      expect(other.json).toBe(first.json);
    } finally {
      store.close();
    }
    store = openStore(path);
    try {
      expect((await outputs({ store })).store).toEqual({ extracted: 3, reused: 0, forgotten: 0, relations: { reused: 0, made: 3 } });
    } finally {
      store.close();
    }
  });

  it('drops a store of format 2 (relation entries with their file hash) and extracts everything again', async () => {
    const path = join(tmp, 'zhkg.db');
    let store = openStore(path);
    const first = await outputs({ store });
    store.close();
    // As format 2 left it: the same files (of this pipeline version), relation entries carrying their file's hash.
    const db = new Database(path);
    db.exec(
      `DROP TABLE relations; CREATE TABLE relations (file TEXT NOT NULL, seq INTEGER NOT NULL, hash TEXT NOT NULL, entry BLOB NOT NULL, PRIMARY KEY (file, seq))`,
    );
    db.pragma('user_version = 2');
    db.close();
    store = openStore(path);
    try {
      const again = await outputs({ store });
      expect(again.store).toEqual({ extracted: 3, reused: 0, forgotten: 0, relations: { reused: 0, made: 3 } });
      expect(again.json).toBe(first.json);
      expect((await outputs({ store })).store).toEqual({ extracted: 0, reused: 3, forgotten: 0, relations: { reused: 3, made: 0, kept: 3 } });
    } finally {
      store.close();
    }
    const columns = new Database(path, { readonly: true });
    try {
      expect((columns.pragma('table_info(relations)') as Array<{ name: string }>).map((c) => c.name)).toEqual(['file', 'seq', 'entry']);
    } finally {
      columns.close();
    }
  });
});
