/**
 * Worker-thread extraction gives the same graph, byte for byte, as the single-thread build, including
 * when articles are spread over many small batches that finish out of order, and for a page that is one
 * long line (cut into bounded articles before extraction).
 */
import { describe, expect, it, beforeAll, vi } from 'vitest';
import { createRequire } from 'node:module';
import type { Worker } from 'node:worker_threads';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildGraphFromPaths, type BuildResult } from '../../src/pipeline.js';
import { toGexf, toJSON } from '../../src/export/index.js';
import { ExtractionPool } from '../../src/parallel/pool.js';
import { packTokens } from '../../src/parallel/tokens.js';
import { segment } from '../../src/segment/jieba.js';
import { RelationsPool } from '../../src/parallel/relations-pool.js';
import { extractRelationsBounded } from '../../src/parallel/facts.js';
import { extractRelations } from '../../src/relations/index.js';
import { resolveEntities } from '../../src/resolve/index.js';
import { buildGraph, MAX_EDGE_EVIDENCE } from '../../src/graph/build.js';
import { MAX_ARTICLE_CHARS } from '../../src/parallel/bounds.js';
import { bioSentences, writeCorpus } from '../../bench/corpus.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures');
let dir: string;
/** The one-thread build of the corpus, which both describes compare with (built once). */
let single: Promise<BuildResult> | undefined;
const singleThread = () => (single ??= buildGraphFromPaths([dir], { workers: 1, layout: false }));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'zhkg-par-'));
  const files = writeCorpus(dir, {
    sentences: bioSentences(join(fixtures, 'eval', 'pd-ner-sample.bio')),
    page: readFileSync(join(import.meta.dirname, '..', '..', 'data', '000_6a6b28fc1a4d90e2.txt')),
    bytes: 150_000,
    seed: 7,
    minChars: 500,
    maxChars: 1500,
  });
  expect(files).toBeGreaterThan(25); // includes the bundled page at least once
  // a page that is one line of 50 k characters: three bounded articles (test/hardening/bad-input.test.ts)
  let line = '';
  for (let i = 0; line.length < 50_000; i++) line += i % 10 === 0 ? '呼和浩特市委书记王瑞新到苏吉嘎查调研。' : `lorem ipsum ${i} dolor sit amet; `;
  writeFileSync(join(dir, 'one-line.txt'), line);
});

describe('parallel extraction', () => {
  it('builds the same graph with 2 workers and tiny batches as on one thread', async () => {
    const single = await singleThread();
    let extractEvents = 0;
    // This thread segments for the worker (2 cores): it frees its dictionaries once the last batch is segmented, before it
    // waits for the batches' results, so before the first of them is reported (nodejieba's `load` of a one-word
    // dictionary: src/segment/jieba.ts).
    const nodejieba = createRequire(import.meta.url)('nodejieba') as { load(o: { dict?: string }): unknown };
    const load = vi.spyOn(nodejieba, 'load');
    const released = () => load.mock.calls.filter(([o]) => o.dict !== undefined).length;
    let releasedAtFirstBatch: number | undefined;
    let multi: BuildResult;
    try {
      multi = await buildGraphFromPaths([dir], {
        workers: 2,
        parallelMinBytes: 0,
        batchChars: 2_000,
        layout: false,
        onProgress: (stage) => {
          if (stage === 'extract' && extractEvents++ === 0) releasedAtFirstBatch = released();
        },
      });
    } finally {
      load.mockRestore();
    }
    expect(extractEvents).toBeGreaterThan(10); // many batches really went through the pool
    expect(releasedAtFirstBatch).toBe(1);
    expect(single.graph.order).toBeGreaterThan(50);
    expect(multi.articles.map((a) => a.id)).toEqual(single.articles.map((a) => a.id));
    // the long line's bounded articles went through the pool too
    const cut = multi.articles.filter((a) => a.id.startsWith('one-line#'));
    expect(cut.length).toBeGreaterThanOrEqual(3);
    expect(cut.every((a) => a.text.length <= MAX_ARTICLE_CHARS)).toBe(true);
    // edges with more supporting sentences than the evidence kept: the bounded facts path was exercised
    expect(multi.graph.filterEdges((_e, a) => a.weight > MAX_EDGE_EVIDENCE).length).toBeGreaterThan(0);
    expect(multi.facts.some((f) => f.evidence.spans.length === 0)).toBe(true);
    expect(toGexf(multi.graph)).toBe(toGexf(single.graph));
    expect(toJSON(multi.graph)).toBe(toJSON(single.graph));
  });

  it('folds the facts into the same graph when the caller does not keep them (facts: false, as zhkg build asks), on this thread or on workers', async () => {
    const single = await singleThread();
    const folded = await buildGraphFromPaths([dir], { workers: 1, layout: false, facts: false });
    expect(single.facts.length).toBeGreaterThan(100);
    expect(folded.facts).toEqual([]);
    expect(folded.entities).toEqual(single.entities);
    expect(toGexf(folded.graph)).toBe(toGexf(single.graph));
    expect(toJSON(folded.graph)).toBe(toJSON(single.graph));
    // with entities dropped below a confidence: the facts that reach them are dropped from the edges in both ways
    const [listed, foldedWeak] = await Promise.all([
      buildGraphFromPaths([dir], { workers: 1, layout: false, minConfidence: 0.6 }),
      buildGraphFromPaths([dir], { workers: 1, layout: false, minConfidence: 0.6, facts: false }),
    ]);
    expect(listed.graph.order).toBeLessThan(single.graph.order);
    expect(toJSON(foldedWeak.graph)).toBe(toJSON(listed.graph));
    // The relation families on a worker thread (two threads, no lower bound on the articles): the same graphs. The
    // extraction too (the resolution drafts are then made on this thread as the worker's batches come back).
    const make = vi.spyOn(RelationsPool.prototype, 'make');
    const batch = vi.spyOn(ExtractionPool.prototype, 'batch');
    try {
      const threaded = await buildGraphFromPaths([dir], { workers: 2, parallelMinBytes: 0, layout: false, facts: false, relationsMinArticles: 0 });
      const sent = make.mock.calls.reduce((n, [articles]) => n + articles.length, 0);
      expect(sent).toBe(single.articles.length);
      expect(batch.mock.calls.reduce((n, [articles]) => n + articles.length, 0)).toBe(single.articles.length);
      expect(threaded.facts).toEqual([]);
      expect(threaded.entities).toEqual(single.entities);
      expect(toGexf(threaded.graph)).toBe(toGexf(single.graph));
      expect(toJSON(threaded.graph)).toBe(toJSON(single.graph));
      const threadedWeak = await buildGraphFromPaths([dir], { workers: 2, layout: false, minConfidence: 0.6, facts: false, relationsMinArticles: 0 });
      expect(toJSON(threadedWeak.graph)).toBe(toJSON(listed.graph));
    } finally {
      make.mockRestore();
      batch.mockRestore();
    }
  });

  it('rejects a bad pool size and reports a failing batch instead of hanging', async () => {
    expect(() => new ExtractionPool(0)).toThrow(RangeError);
    const pool = new ExtractionPool(1);
    try {
      // text is not a string: segmentation throws inside the worker
      await expect(pool.batch([{ text: 42 as unknown as string, gaps: [], authors: [] }], false)).rejects.toThrow(/worker/);
      const ok = await pool.batch([{ text: '王瑞新在呼和浩特市工作。', gaps: [], authors: [] }], false);
      expect(ok.mentions).toHaveLength(1);
      expect(ok.drafts).toBeUndefined();
    } finally {
      await pool.close();
    }
    await expect(pool.batch([], false)).rejects.toThrow(/closed/);
  });

  it('closed after a worker failed, lets the others finish the batch they are on and free their dictionaries before terminating them', async () => {
    // A worker terminated inside nodejieba aborts the whole process (SIGABRT): nodejieba cannot hand its result to
    // a thread being stopped. Asked to free its dictionaries, a worker answers after the batch it is on, so the
    // order of its answers shows that close waited for it (here the batches come with their tokens: no nodejieba
    // in the workers, and a worker terminated mid-batch simply ends).
    const tagNames: string[] = [];
    const index = new Map<string, number>();
    const input = (text: string) => ({ text, gaps: [], authors: [], tokens: packTokens(segment(text), tagNames, index) });
    const pool = new ExtractionPool(2);
    const slots = (pool as unknown as { slots: Array<{ worker: Worker; busy: boolean }> }).slots;
    const answers: string[] = [];
    slots[1]!.worker.on('message', (m: object) => answers.push('id' in m ? 'batch' : 'released' in m ? 'released' : 'other'));
    const batches = [
      pool.batch([input('王瑞新在呼和浩特市工作。')], false, tagNames),
      pool.batch(
        Array.from({ length: 20 }, (_, i) => input(`第${i}段：${'王瑞新在呼和浩特市工作，苏吉嘎查的牧民说。'.repeat(50)}`)),
        false,
        tagNames,
      ),
    ].map((b) => b.catch(() => undefined)); // (rejected when the pool fails)
    await vi.waitFor(() => expect(slots[1]!.busy).toBe(true), { timeout: 120_000, interval: 20 });
    await slots[0]!.worker.terminate(); // the first worker ends (exit code 1): the pool has failed
    await pool.close();
    await Promise.all(batches);
    expect(answers).toEqual(['batch', 'released']);
  }, 300_000);
});

describe('bounded relation facts', () => {
  it('chunked extraction with stripped surplus evidence gives the same facts, in order, and the same graph', async () => {
    const { articles, entities } = await singleThread();
    const { extractArticleMentions } = await import('../../src/pipeline.js');
    const resolution = resolveEntities(articles.map((article) => ({ article, mentions: extractArticleMentions(article) })));
    const plain = extractRelations(articles, resolution.mentions, resolution.entities);
    const bounded = extractRelationsBounded(articles, resolution.mentions, resolution.entities, 3);
    const id = (f: (typeof plain)[number]) => [f.relation, f.source, f.target, f.label, f.evidence.article, f.evidence.sentence].join('|');
    expect(bounded.map(id)).toEqual(plain.map(id));
    expect(bounded.filter((f) => f.evidence.spans.length === 0).length).toBeGreaterThan(0);
    expect(JSON.stringify(buildGraph(resolution.entities, articles, bounded).export())).toBe(
      JSON.stringify(buildGraph(resolution.entities, articles, plain).export()),
    );
    expect(entities.length).toBe(resolution.entities.length);
    expect(() => extractRelationsBounded(articles, resolution.mentions, resolution.entities, 0)).toThrow(RangeError);
  });
});
