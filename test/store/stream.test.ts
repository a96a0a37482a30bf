/**
 * The graph assembled from the store (issue 11 item 3): a build with a store reads its articles back one
 * file at a time and folds relation facts into edges as they are made (src/pipeline.ts streamFromStore,
 * src/graph/build.ts GraphAssembler). It must give the bytes of the in-memory build of the same inputs:
 * two files with one stem (unique ids), a person named in two places (split keys), an edge with more
 * supporting sentences than it keeps, a confidence threshold; and the edge fold must not depend on the
 * order facts come in.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildGraphFromPaths, type BuildOptions } from '../../src/pipeline.js';
import { toGexf, toJSON } from '../../src/export/index.js';
import { jsonPieces } from '../../src/export/json.js';
import Graph, { MultiGraph } from 'graphology';
import { openStore } from '../../src/store/index.js';
import type { ExtractionStore } from '../../src/store/types.js';
import { RelationsPool } from '../../src/parallel/relations-pool.js';
import { GraphAssembler, MAX_EDGE_EVIDENCE, buildGraph, edgeKeyOf, type ArticleParts } from '../../src/graph/build.js';
import { deserialize, serialize } from 'node:v8';
import { compareFacts } from '../../src/relations/index.js';
import type { RelationFact } from '../../src/types.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'stream');
const inputs = [join(fixtures, 'one'), join(fixtures, 'two')];
let tmp: string;

beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'zhkg-stream-'));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

async function both(options: BuildOptions) {
  const memory = await buildGraphFromPaths(inputs, { workers: 1, layout: false, ...options });
  const store = openStore(join(tmp, `s${Math.random().toString(36).slice(2)}.db`));
  try {
    const streamed = await buildGraphFromPaths(inputs, { workers: 1, layout: false, ...options, store });
    // Read back from the store a second time (nothing extracted): the same graph again.
    const again = await buildGraphFromPaths(inputs, { workers: 1, layout: false, ...options, store });
    return { memory, streamed, again };
  } finally {
    store.close();
  }
}

/** Every stored file's relation entries (by name, then article) and the edges kept, as bytes. */
async function storedRelations(store: ExtractionStore): Promise<{ entries: Record<string, string[]>; edges: string[] }> {
  const entries: Record<string, string[]> = {};
  for (const f of (await store.snapshot()).files) {
    const m = await store.relationEntries!(f.name, f.hash);
    entries[f.name] = [...m.entries()].sort((a, b) => a[0] - b[0]).map(([k, b]) => `${k}:${b.toString('base64')}`);
  }
  return { entries, edges: ((await store.edgeState!()) ?? []).map((b) => b.toString('base64')) };
}

describe('relation facts made on worker threads (a build over a store with many articles)', () => {
  for (const minConfidence of [0, 0.9]) {
    it(`give the graph, the stored entries and the kept edges of the one-thread pass (min confidence ${minConfidence})`, async () => {
      const make = vi.spyOn(RelationsPool.prototype, 'make');
      const stores = [openStore(join(tmp, 'here.db')), openStore(join(tmp, 'workers.db'))];
      try {
        const here = await buildGraphFromPaths(inputs, { workers: 1, layout: false, minConfidence, store: stores[0]! });
        expect(make).not.toHaveBeenCalled();
        // two workers' worth of threads, and no lower bound on the articles: the pool makes every article's facts
        const workers = await buildGraphFromPaths(inputs, { workers: 3, layout: false, minConfidence, store: stores[1]!, relationsMinArticles: 0 });
        const sent = make.mock.calls.reduce((n, [articles]) => n + articles.length, 0);
        expect(sent).toBe(here.articleCount);
        expect(workers.store).toEqual(here.store);
        expect(toJSON(workers.graph)).toBe(toJSON(here.graph));
        expect(toGexf(workers.graph)).toBe(toGexf(here.graph));
        const [a, b] = [await storedRelations(stores[0]!), await storedRelations(stores[1]!)];
        expect(Object.keys(a.entries).length).toBe(3);
        expect(a.edges.length).toBe(2);
        expect(b).toEqual(a);
        // The next build over it reuses the kept edges: nothing to make, no workers.
        make.mockClear();
        const again = await buildGraphFromPaths(inputs, { workers: 3, layout: false, minConfidence, store: stores[1]!, relationsMinArticles: 0 });
        expect(make).not.toHaveBeenCalled();
        expect(again.store?.relations).toEqual({ reused: here.articleCount, made: 0, kept: here.articleCount });
        expect(toJSON(again.graph)).toBe(toJSON(here.graph));
      } finally {
        make.mockRestore();
        for (const s of stores) s.close();
      }
    }, 300_000);
  }

  it('rejects a bad pool size', () => {
    expect(() => new RelationsPool(0, { codesOf: new Map(), anchorsOf: new Map() }, new Set(), [])).toThrow(RangeError);
  });
});

describe('graph assembled from the store', () => {
  it('equals the in-memory build of the same inputs, byte for byte', async () => {
    const { memory, streamed, again } = await both({});
    expect(streamed.store).toEqual({ extracted: 3, reused: 0, forgotten: 0, relations: { reused: 0, made: 3 } });
    expect(again.store).toEqual({ extracted: 0, reused: 3, forgotten: 0, relations: { reused: 3, made: 0, kept: 3 } });
    const gexf = toGexf(memory.graph);
    const json = toJSON(memory.graph);
    expect(toGexf(streamed.graph)).toBe(gexf);
    expect(toJSON(streamed.graph)).toBe(json);
    expect(toJSON(again.graph)).toBe(json);
    // What the fixture is for: ids made unique across the two news.txt, a person split by place, an edge
    // with more sentences than it keeps as evidence.
    const ids = memory.articles.map((a) => a.id);
    expect(ids.some((id) => id.startsWith('news~2#'))).toBe(true);
    expect(memory.graph.nodes().filter((n) => n.startsWith('PERSON:王建国@')).length).toBe(2);
    const busiest = Math.max(...memory.graph.mapEdges((_e, a) => a['weight'] as number));
    expect(busiest).toBeGreaterThan(MAX_EDGE_EVIDENCE);
    // The texts stay in the store: the streamed result holds no articles, only their count.
    expect(streamed.articles).toEqual([]);
    expect(streamed.articleCount).toBe(memory.articles.length);
    expect(streamed.entities.map((e) => e.key)).toEqual(memory.entities.map((e) => e.key));
  }, 300_000);

  it('drops weak entities as the in-memory build does (--min-confidence)', async () => {
    const { memory, streamed } = await both({ minConfidence: 0.9 });
    const all = await buildGraphFromPaths(inputs, { workers: 1, layout: false });
    expect(memory.graph.order).toBeLessThan(all.graph.order);
    expect(toGexf(streamed.graph)).toBe(toGexf(memory.graph));
    expect(toJSON(streamed.graph)).toBe(toJSON(memory.graph));
  }, 300_000);

  it('makes again the stored relation facts that a confidence threshold changes, as the in-memory build', async () => {
    const store = openStore(join(tmp, 'threshold.db'));
    try {
      const all = await buildGraphFromPaths(inputs, { workers: 1, layout: false, store });
      const weak = await buildGraphFromPaths(inputs, { workers: 1, layout: false, store, minConfidence: 0.9 });
      const memory = await buildGraphFromPaths(inputs, { workers: 1, layout: false, minConfidence: 0.9 });
      expect(all.store?.relations).toEqual({ reused: 0, made: 3 });
      // Articles naming a dropped entity are made again; their bytes are the in-memory build's.
      expect(weak.store?.relations?.made).toBeGreaterThan(0);
      expect(toJSON(weak.graph)).toBe(toJSON(memory.graph));
      expect(toGexf(weak.graph)).toBe(toGexf(memory.graph));
      const back = await buildGraphFromPaths(inputs, { workers: 1, layout: false, store });
      expect(toJSON(back.graph)).toBe(toJSON(all.graph));
    } finally {
      store.close();
    }
  }, 300_000);

  it('folds facts into edges whatever their order, as a walk over the sorted facts', async () => {
    const r = await buildGraphFromPaths(inputs, { workers: 1, layout: false });
    const facts = [...r.facts].sort(compareFacts);
    const want = toJSON(buildGraph(r.entities, r.articles, facts));
    // A reference walk (the builder before the fold): in sorted order, the first MAX_EDGE_EVIDENCE facts of
    // an edge with a new (article, sentence) are its evidence, and the first fact gives its label.
    const walk = new Map<string, { weight: number; label: string; evidence: string[] }>();
    for (const f of facts) {
      if (!r.graph.hasNode(f.source) || !r.graph.hasNode(f.target)) continue;
      const { key } = edgeKeyOf(f);
      const w = walk.get(key) ?? walk.set(key, { weight: 0, label: f.label, evidence: [] }).get(key)!;
      w.weight++;
      const id = `${f.evidence.article}/${f.evidence.sentence}`;
      if (w.evidence.length < MAX_EDGE_EVIDENCE && !w.evidence.includes(id)) w.evidence.push(id);
    }
    // Reversed and shuffled (seeded) orders give the same graph.
    let seed = 7;
    const shuffled = [...facts];
    for (let i = shuffled.length - 1; i > 0; i--) {
      seed = (seed * 48271) % 2147483647;
      const j = seed % (i + 1);
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    for (const order of [[...facts].reverse(), shuffled] as RelationFact[][]) {
      const g = new GraphAssembler();
      for (const a of r.articles) g.addArticle(a);
      g.setEntities(r.entities);
      for (const f of order) g.addFact(f);
      const graph = g.finish();
      expect(toJSON(graph)).toBe(want);
      expect(graph.size).toBe(walk.size);
      graph.forEachEdge((key, a) => {
        const w = walk.get(key)!;
        expect(a['weight']).toBe(w.weight);
        expect(a['label']).toBe(w.label);
        const ids = (a['evidenceList'] as Array<{ article: string; sentence: number }>).map((e) => `${e.article}/${e.sentence}`);
        expect([...ids].sort()).toEqual([...w.evidence].sort());
      });
    }
    expect([...walk.values()].some((w) => w.weight > MAX_EDGE_EVIDENCE && w.evidence.length === MAX_EDGE_EVIDENCE)).toBe(true);
  }, 300_000);

  it('restores the edges it folded, and refuses them whole when an edge ends at an entity no longer there', async () => {
    const r = await buildGraphFromPaths(inputs, { workers: 1, layout: false });
    const assembler = (entities: typeof r.entities, facts: readonly RelationFact[] = []) => {
      const g = new GraphAssembler();
      for (const a of r.articles) g.addArticle(a);
      g.setEntities(entities);
      for (const f of facts) g.addFact(f);
      return g;
    };
    const folded = assembler(r.entities, r.facts);
    const saved = folded.foldedEdges();
    const want = toJSON(folded.finish());
    const back = assembler(r.entities);
    expect(back.restoreEdges(saved)).toBe(true);
    expect(() => back.restoreEdges(saved)).toThrow(/folded already/);
    expect(toJSON(back.finish())).toBe(want);
    // One entity that ends an edge gone (dropped as weak, say): nothing restored, and folding the facts as a
    // build does when it cannot use the kept edges gives what a fresh assembler gives.
    const gone = r.entities.find((e) => r.facts.some((f) => f.source === e.key))!;
    const fewer = r.entities.filter((e) => e !== gone);
    const refused = assembler(fewer);
    expect(refused.restoreEdges(saved)).toBe(false);
    for (const f of r.facts) refused.addFact(f);
    expect(toJSON(refused.finish())).toBe(toJSON(assembler(fewer, r.facts).finish()));
  }, 300_000);

  it('adds articles from the parts another assembler held, serialized and in any order, as from the articles', async () => {
    const r = await buildGraphFromPaths(inputs, { workers: 1, layout: false });
    const from = new GraphAssembler();
    for (const a of r.articles) from.addArticle(a);
    expect(() => from.articlePartsAt(r.articles.length)).toThrow(RangeError);
    // The articles after the first given as parts (through node:v8, as the store keeps them), the first as an article,
    // in reverse order: the graph of the articles given in order.
    const parts = deserialize(serialize(r.articles.map((_a, at) => from.articlePartsAt(at)))) as ArticleParts[];
    const to = new GraphAssembler();
    for (let at = r.articles.length - 1; at > 0; at--) to.addArticleParts(parts[at]!, at);
    to.addArticle(r.articles[0]!, 0);
    const want = new GraphAssembler();
    for (const a of r.articles) want.addArticle(a);
    for (const g of [to, want]) {
      g.setEntities(r.entities);
      for (const f of r.facts) g.addFact(f);
    }
    expect(r.articles.length).toBeGreaterThan(2);
    expect(toJSON(to.finish())).toBe(toJSON(want.finish()));
  }, 300_000);

  it('stores the graph JSON from pieces, compressed a part at a time, and reads back the same text', async () => {
    const r = await buildGraphFromPaths(inputs, { workers: 1, layout: false });
    // The pieces are toJSON's text, which is graphology's export() written one record per line.
    const reference = (g: Graph) => {
      const data = g.export();
      const sorted = (v: unknown): unknown =>
        Array.isArray(v)
          ? v.map(sorted)
          : v && typeof v === 'object'
            ? Object.fromEntries(
                Object.keys(v)
                  .sort()
                  .map((k) => [k, sorted((v as Record<string, unknown>)[k])]),
              )
            : v;
      const list = (xs: unknown[]) => (xs.length ? `[\n${xs.map((x) => JSON.stringify(x)).join(',\n')}\n]` : '[]');
      const nodes = data.nodes.map((n) => ({ key: n.key, ...(n.attributes ? { attributes: sorted(n.attributes) } : {}) }));
      const edges = data.edges.map((e) => ({
        key: e.key,
        source: e.source,
        target: e.target,
        ...(e.attributes ? { attributes: sorted(e.attributes) } : {}),
        ...(e.undirected ? { undirected: true } : {}),
      }));
      return `{"options":${JSON.stringify(sorted(data.options))},\n"attributes":${JSON.stringify(sorted(data.attributes ?? {}))},\n"nodes":${list(nodes)},\n"edges":${list(edges)}}\n`;
    };
    const directed = new Graph({ type: 'directed' });
    directed.addNode('a', { z: 1, a: [2, 1] });
    directed.addNode('b');
    directed.addEdge('a', 'b', { w: 1 });
    for (const g of [r.graph, directed, new MultiGraph()]) {
      expect([...jsonPieces(g)].join('')).toBe(reference(g));
      expect(toJSON(g)).toBe(reference(g));
    }
    const store = openStore(join(tmp, 'g.db'));
    try {
      store.saveGraph({ json: jsonPieces(r.graph), settings: { minConfidence: 0 } });
      expect(store.loadGraph()?.json).toBe(toJSON(r.graph));
      // Pieces of more than one gzip member: the text read back is their join.
      const big = ['{"a":"', '字'.repeat(700_000), 'x'.repeat(900_000), '"}\n'];
      store.saveGraph({ json: big, settings: {} });
      expect(store.loadGraph()?.json).toBe(big.join(''));
    } finally {
      store.close();
    }
  }, 300_000);
});
