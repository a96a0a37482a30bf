/**
 * The relation pass of a build: each article's relation facts folded into the graph's edges, file after file in
 * corpus order — reused from the entry a store kept (`RelationCache.reuseInto`), made on worker threads
 * (./relations-pool.ts: `RelationCache.entry` there, the entry folded here, evidence made only for the facts an
 * edge keeps), or made on this thread. Whatever ran where, the graph, the entries made and what the facts were made
 * from (`RelationCache.inputs`) are those of the one-thread pass: the entries are folded in the order the files
 * and their articles come.
 */
import type { Article, Entity, RelationFact } from '../types.js';
import type { ArticleDrafts, NamingParts } from '../resolve/index.js';
import type { RelationCache } from '../relations/cache.js';
import type { GraphAssembler } from '../graph/build.js';
import { RelationsPool } from './relations-pool.js';
import { RELATIONS_FILES_AHEAD } from './sizes.js';

/** One article of a file: its position in the file, its drafts (made when asked), its stored entry if any. */
export interface PassArticle {
  k: number;
  a: Article;
  drafts: () => ArticleDrafts;
  stored?: Buffer | undefined;
}

/** An entry made for an article (`k`), to keep in a store. */
export type MadeEntry = { seq: number; bytes: Buffer };

/** What the pass needs to start its workers, and when it may. */
export interface PassWorkers {
  /** Worker threads to start (≥ 1). */
  threads: number;
  parts: NamingParts;
  weak: ReadonlySet<string>;
  entities: readonly Entity[];
  /** Articles left to the pass, at least, for the workers to start. */
  minArticles: number;
}

interface InFlight {
  items: PassArticle[];
  /** Per item its position in the request to the workers, -1 when it was not sent. */
  sent: number[];
  keep: boolean;
  put: ((made: MadeEntry[]) => void | Promise<void>) | undefined;
  job: Promise<Array<Buffer | undefined>> | undefined;
}

export class RelationPass {
  private pool: RelationsPool | undefined;
  private readonly inFlight: InFlight[] = [];

  /**
   * `left`: the articles the pass will be given (the workers start only while enough are left); `counts`: incremented
   * as articles' facts are reused and made.
   */
  constructor(
    private readonly relations: RelationCache,
    private readonly sink: GraphAssembler,
    private readonly counts: { reused: number; made: number },
    private left: number,
    private readonly workers: PassWorkers | undefined,
  ) {}

  /**
   * Folds one file's articles (in order). `keep`: the entries that let a later build reuse their facts are given to
   * `put` once the file is folded; otherwise an article made on this thread is made without one
   * (`RelationCache.facts`). Articles without a stored entry go to the workers when there are any. Folded at once, or
   * a few files later while the workers make the facts of those in between.
   */
  async file(articles: PassArticle[], keep: boolean, put?: (made: MadeEntry[]) => void | Promise<void>): Promise<void> {
    const sent = articles.map(() => -1);
    const send: { articles: Article[]; drafts: ArticleDrafts[] } = { articles: [], drafts: [] };
    articles.forEach((it, i) => {
      // An article without a stored entry is made on a worker; one whose entry cannot be reused, here.
      if (!it.stored && this.poolFor()) {
        sent[i] = send.articles.push(it.a) - 1;
        send.drafts.push(it.drafts());
      }
    });
    this.left -= articles.length;
    const job = send.articles.length > 0 ? this.pool!.make(send.articles, send.drafts) : undefined;
    job?.catch(() => {}); // awaited when the file is folded; a failed pool must not end the process before that
    this.inFlight.push({ items: articles, sent, keep, put, job });
    // A few files ahead of the one folded: the workers stay busy while this thread reads and folds.
    while (this.inFlight.length > (this.pool ? RELATIONS_FILES_AHEAD : 0)) await this.fold(this.inFlight.shift()!);
  }

  /** Folds the files still in flight and stops the workers (also when a fold fails). */
  async finish(): Promise<void> {
    try {
      while (this.inFlight.length > 0) await this.fold(this.inFlight.shift()!);
    } finally {
      await this.close();
    }
  }

  /** Stops the workers, if any (a build that failed before `finish`). */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.close();
  }

  private poolFor(): RelationsPool | undefined {
    const w = this.workers;
    if (!this.pool && w && this.left >= w.minArticles) this.pool = new RelationsPool(w.threads, w.parts, w.weak, w.entities);
    return this.pool;
  }

  private async fold(f: InFlight): Promise<void> {
    const entries = f.job ? await f.job : [];
    const made: MadeEntry[] = [];
    for (const [i, it] of f.items.entries()) {
      // Reused facts go to their edges as they are read; only those an edge keeps are made into evidence.
      if (it.stored && this.relations.reuseInto(it.stored, it.a, this.sink)) {
        this.counts.reused++;
        continue;
      }
      const entry = f.sent[i]! >= 0 ? entries[f.sent[i]!] : undefined;
      if (entry && this.relations.reuseInto(entry, it.a, this.sink)) {
        if (f.keep) {
          this.counts.made++;
          made.push({ seq: it.k, bytes: entry });
        }
        continue;
      }
      // Made here, as the one-thread pass does.
      let facts: RelationFact[];
      if (f.keep) {
        this.counts.made++;
        const { facts: fresh, entry: mine } = this.relations.make(it.a, it.drafts());
        if (mine) made.push({ seq: it.k, bytes: mine });
        facts = fresh;
      } else facts = this.relations.facts(it.a, it.drafts());
      for (const fact of facts) this.sink.addFact(fact);
    }
    if (made.length > 0) await f.put?.(made);
  }
}
