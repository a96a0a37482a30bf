/**
 * Loads the details of nodes and edges (evidence, article lists, every attribute the render graph leaves
 * out) from the shards beside the page, `evidence/NNN.js`, when a panel, a path or an export needs them.
 * Each shard is a script tag (works from file://, where fetch is blocked) calling the callback registered
 * here with its JSON (gzipped, base64); the text is gunzipped and parsed with JSON.parse, and kept in Maps (a key is never code nor
 * an object property). A shard is loaded once; a missing one is an error for those who wait on it.
 */
import { EVIDENCE_CALLBACK, shardName, shardOf, type ShardPayload } from '../../src/viewer/render-format.js';
import { gunzipBase64 } from './gzip.js';

type Attrs = Record<string, unknown>;
type What = 'n' | 'e';

/** The loader the shards' callback hands their data to (the graph shown now). */
let current: ShardLoader | null = null;

function register(loader: ShardLoader): void {
  current = loader;
  (window as unknown as Record<string, unknown>)[EVIDENCE_CALLBACK] = (i: unknown, text: unknown) => {
    if (typeof i === 'number' && typeof text === 'string') current?.accept(i, text);
  };
}

export class ShardLoader {
  private readonly received = new Map<number, string>();
  private readonly loading = new Map<number, Promise<void>>();
  private readonly data: Record<What, Map<string, Attrs>> = { n: new Map(), e: new Map() };
  private readonly done = new Set<number>();

  constructor(
    readonly shards: number,
    private readonly base = '',
  ) {
    register(this);
  }

  /** Called by a shard's script (through the registered callback). */
  accept(i: number, b64: string): void {
    this.received.set(i, b64);
  }

  private shard(what: What, key: string): number {
    return shardOf(what, key, this.shards);
  }

  /** The details of a node or edge: undefined while its shard is not loaded, null when it has none. */
  get(what: What, key: string): Attrs | null | undefined {
    if (this.shards === 0) return null;
    if (!this.done.has(this.shard(what, key))) return undefined;
    return this.data[what].get(key) ?? null;
  }

  private load(i: number): Promise<void> {
    let p = this.loading.get(i);
    if (p) return p;
    const name = shardName(i);
    p = new Promise<void>((resolve, reject) => {
      const s = document.createElement('script');
      s.src = this.base + name;
      s.onload = () => {
        s.remove();
        const b64 = this.received.get(i);
        this.received.delete(i);
        const bad = () => reject(new Error(`${name}: not an evidence shard`));
        if (b64 === undefined) return bad();
        gunzipBase64(b64).then((text) => {
          const payload = JSON.parse(text) as ShardPayload;
          if (!payload || !Array.isArray(payload.n) || !Array.isArray(payload.e)) return bad();
          for (const what of ['n', 'e'] as const) for (const [key, rest] of payload[what]) this.data[what].set(key, rest);
          this.done.add(i);
          resolve();
        }, bad);
      };
      s.onerror = () => {
        s.remove();
        reject(new Error(`${name} not found`));
      };
      document.head.append(s);
    });
    // A failed shard may be tried again later (a file that appeared meanwhile).
    p.catch(() => this.loading.delete(i));
    this.loading.set(i, p);
    return p;
  }

  /** Loads the shards holding these nodes and edges (each shard once). */
  async fetch(items: Iterable<[What, string]>): Promise<void> {
    if (this.shards === 0) return;
    const need = new Set<number>();
    for (const [what, key] of items) {
      const i = this.shard(what, key);
      if (!this.done.has(i)) need.add(i);
    }
    await Promise.all([...need].sort((a, b) => a - b).map((i) => this.load(i)));
  }
}
