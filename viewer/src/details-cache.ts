/**
 * A node's or edge's details (evidence, articles, URL): from the graph itself, or for a render graph from
 * its evidence shards (evidence.ts loads them), kept once read; what is asked for while its shard is
 * loading is fetched in one go, and the panels are drawn again when it arrives.
 */
import type { ShardLoader } from './evidence.js';
import { detailsOf, type ArticleInfo, type Details, type NodeView, type ViewGraph } from './model.js';

export class DetailsCache {
  private cache = new Map<string, Details>();
  private errors = new Map<string, string>();
  private wanted: ['n' | 'e', string][] = [];

  /**
   * `shards`: where a render graph's details are (null: the graph holds them); `redraw`: draws the panels
   * again when details asked for arrive (or fail to).
   */
  constructor(
    private readonly graph: ViewGraph,
    readonly shards: ShardLoader | null,
    private readonly articles: Map<string, ArticleInfo>,
    private readonly redraw: () => void,
  ) {}

  /** Details asked for while their shard is loading, not requested yet. */
  get pending(): boolean {
    return this.wanted.length > 0;
  }

  /**
   * The details: null while they are loading (the panel and the path box are drawn again when they
   * arrive), a string when they cannot be read.
   */
  get(what: 'n' | 'e', key: string): Details | null | string {
    const g = this.graph;
    if (!this.shards) {
      const a = what === 'n' ? g.getNodeAttributes(key) : g.getEdgeAttributes(key);
      return { evidence: a.evidence, articles: a.articles, url: what === 'n' ? (a as NodeView).url : null };
    }
    const id = `${what}\u0000${key}`;
    const hit = this.cache.get(id);
    if (hit) return hit;
    const rest = this.shards.get(what, key);
    if (rest !== undefined) {
      const d = detailsOf(what, rest ?? {}, this.articles);
      this.cache.set(id, d);
      return d;
    }
    const err = this.errors.get(id);
    if (err !== undefined) return err;
    if (this.wanted.length === 0) queueMicrotask(() => this.fetchWanted());
    this.wanted.push([what, key]);
    return null;
  }

  /** Requests the shards of what was asked for (at once: the download overlaps the caller's drawing). */
  fetchWanted(): void {
    const shards = this.shards;
    const wanted = this.wanted;
    this.wanted = [];
    if (!shards || wanted.length === 0) return;
    shards.fetch(wanted).then(this.redraw, (err: unknown) => {
      const reason = err instanceof Error ? err.message : String(err);
      for (const [what, key] of wanted) if (shards.get(what, key) === undefined) this.errors.set(`${what}\u0000${key}`, reason);
      this.redraw();
    });
  }
}
