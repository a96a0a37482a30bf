/**
 * Worker threads that make articles' relation facts for the relation pass (./relation-pass.ts, ./relations-worker.ts):
 * the main thread reads the articles (back from a store, or held) and folds each article's entry into the graph
 * (`RelationCache.reuseInto`, evidence made only for the facts an edge keeps) while the workers run the relation
 * families (`RelationCache.entry`), the pass's main cost. Requests are answered in the order they are made per worker,
 * and each promise resolves to its own articles' entries, so the caller folds them in corpus order: the graph, the
 * stored entries and the edge state are those of the one-thread pass.
 */
import { Worker } from 'node:worker_threads';
import type { Article, Entity } from '../types.js';
import type { ArticleDrafts, NamingParts } from '../resolve/index.js';
import { divisionIndex, divisionTables } from '../lexicon/divisions.js';
import type { RelationEntity, RelationsAnswer, RelationsInit, RelationsRequest } from './relations-protocol.js';
import { workerSource } from './source.js';

interface Waiting {
  resolve: (entries: Array<Buffer | undefined>) => void;
  reject: (e: Error) => void;
}

/** What the families read of an entity, and nothing else (an entity's evidence can be large, or packed). */
function slim(e: Entity): RelationEntity {
  const code = e.attributes?.['code'];
  return { key: e.key, kind: e.kind, label: e.label, aliases: e.aliases, articles: e.articles, ...(code !== undefined ? { attributes: { code } } : {}) };
}

export class RelationsPool {
  private readonly workers: Worker[] = [];
  private readonly load: number[] = [];
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 0;
  private failure: Error | undefined;
  private closed = false;

  constructor(size: number, naming: NamingParts, weak: ReadonlySet<string>, entities: readonly Entity[]) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`RelationsPool: size must be a positive integer, got ${size}`);
    const source = workerSource('relations-worker');
    const init: RelationsInit = {
      init: { naming, weak: [...weak], entities: entities.map(slim), divisions: divisionTables(divisionIndex()) },
    };
    for (let i = 0; i < size; i++) {
      const worker = new Worker(source.script, { eval: source.eval });
      worker.on('message', (a: RelationsAnswer) => this.answer(a));
      worker.on('error', (err) => this.fail(err));
      worker.on('exit', (code) => {
        if (!this.closed && code !== 0) this.fail(new Error(`relations worker exited with code ${code}`));
      });
      worker.postMessage(init);
      this.workers.push(worker);
      this.load.push(0);
    }
  }

  /** The entries of `articles` (`RelationCache.entry`; undefined for an article whose facts cannot be kept as one). */
  make(articles: Article[], drafts: ArticleDrafts[]): Promise<Array<Buffer | undefined>> {
    if (this.closed) return Promise.reject(new Error('RelationsPool: closed'));
    if (this.failure) return Promise.reject(this.failure);
    // To the worker with the fewest characters in hand.
    const slot = this.load.indexOf(Math.min(...this.load));
    const id = this.nextId++;
    const chars = articles.reduce((n, a) => n + a.text.length, 0);
    this.load[slot]! += chars;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, {
        resolve: (e) => {
          this.load[slot]! -= chars;
          resolve(e);
        },
        reject,
      });
      this.workers[slot]!.postMessage({ id, articles, drafts } satisfies RelationsRequest);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private answer(a: RelationsAnswer): void {
    const w = this.waiting.get(a.id);
    if (!w) return;
    this.waiting.delete(a.id);
    if ('error' in a) w.reject(new Error(`relations worker: ${a.error}`));
    else w.resolve(a.entries.map((e) => (e ? Buffer.from(e.buffer, e.byteOffset, e.byteLength) : undefined)));
  }

  private fail(err: Error): void {
    if (this.failure) return;
    this.failure = err;
    for (const w of this.waiting.values()) w.reject(err);
    this.waiting.clear();
  }
}
