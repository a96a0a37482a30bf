/**
 * Reading graphs: the page's own graph (graph.js under file://, else graph.json, else graph.gexf next to
 * index.html) and files the user opens or drops (GEXF or graphology JSON, told apart by content).
 */
import { MultiGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf/browser';
import type { Attributes } from 'graphology-types';
import type { SourceGraphLike } from './model.js';
import { decodeRender, RENDER_GLOBAL, type RenderEdge, type RenderNode } from '../../src/viewer/render-format.js';
import { ShardLoader } from './evidence.js';
import { gunzipBase64 } from './gzip.js';

declare global {
  interface Window {
    /** graph.js of zhkg before the render graph: the whole graph.json as a script. */
    __ZHKG_GRAPH__?: unknown;
  }
}

/** A graph to show, with the loader of its details when they are kept in shards beside the page. */
export interface LoadedGraph {
  source: SourceGraphLike;
  shards: ShardLoader | null;
}

/** The render graph (graph.js) as a source graph: its attributes are the render attributes, exactly as in graph.json. */
export class RenderSource implements SourceGraphLike {
  private readonly counts: Record<'n' | 'e', Map<string, number>> = { n: new Map(), e: new Map() };
  constructor(
    private readonly nodes: RenderNode[],
    private readonly edges: RenderEdge[],
    private readonly attributes: Attributes,
  ) {
    for (const n of nodes) this.counts.n.set(n.key, n.articleCount);
    for (const e of edges) this.counts.e.set(e.key, e.articleCount);
  }
  get order(): number {
    return this.nodes.length;
  }
  forEachNode(cb: (key: string, attrs: Attributes) => void): void {
    for (const n of this.nodes) cb(n.key, n.attributes);
  }
  forEachEdge(cb: (key: string, attrs: Attributes, source: string, target: string, sa: Attributes, ta: Attributes, undirected: boolean) => void): void {
    const none = {};
    for (const e of this.edges) cb(e.key, e.attributes, e.source, e.target, none, none, e.undirected);
  }
  getAttributes(): Attributes {
    return this.attributes;
  }
  articleCount = (what: 'n' | 'e', key: string): number => this.counts[what].get(key) ?? 0;
}

/** graph.js's render graph (its JSON gzipped, in base64), with a loader for the shards. */
export async function renderGraphFromPayload(b64: string): Promise<LoadedGraph> {
  const { render, nodes, edges } = decodeRender(JSON.parse(await gunzipBase64(b64)));
  return { source: new RenderSource(nodes, edges, render.attributes), shards: render.shards > 0 ? new ShardLoader(render.shards) : null };
}

export class GraphFormatError extends Error {
  override name = 'GraphFormatError';
}

export function graphFromJson(data: unknown): SourceGraphLike {
  if (!data || typeof data !== 'object' || !Array.isArray((data as { nodes?: unknown }).nodes)) {
    throw new GraphFormatError('format');
  }
  const g = new MultiGraph({ type: 'mixed' });
  // graphology's import keeps keys, attributes, directedness; an edge list without keys is fine too.
  g.import(data as Parameters<typeof g.import>[0]);
  return g;
}

export function graphFromText(text: string): SourceGraphLike {
  const t = text.replace(/^\uFEFF/u, '').trim();
  if (t === '') throw new GraphFormatError('empty');
  if (t.startsWith('<')) {
    const doc = new DOMParser().parseFromString(t, 'application/xml');
    const err = doc.getElementsByTagName('parsererror')[0];
    if (err) throw new Error((err.textContent ?? 'XML').trim().split('\n')[0] ?? 'XML');
    if (doc.documentElement.nodeName.toLowerCase() !== 'gexf') throw new GraphFormatError('format');
    return parseGexf(MultiGraph, doc, { addMissingNodes: true, allowUndeclaredAttributes: true });
  }
  if (t.startsWith('{')) return graphFromJson(JSON.parse(t));
  throw new GraphFormatError('format');
}

function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = () => resolve();
    s.onerror = () => reject(new Error(`${src} not found`));
    document.head.append(s);
  });
}

/**
 * The graph shipped with the page, or null when there is none (the page then waits for a file). graph.js
 * first, from file:// and over http alike (a script tag: fetch is blocked on file://): the render graph, or
 * the whole graph from an older zhkg. Without it (a graph file served alone), graph.json, then graph.gexf.
 */
export async function loadBundledGraph(): Promise<LoadedGraph | null> {
  const w = window as unknown as Record<string, unknown>;
  try {
    await loadScript('graph.js');
  } catch {
    if (location.protocol === 'file:') return null;
    for (const name of ['graph.json', 'graph.gexf']) {
      const res = await fetch(name, { cache: 'no-cache' });
      if (res.ok) return { source: graphFromText(await res.text()), shards: null };
    }
    return null;
  }
  const render = w[RENDER_GLOBAL];
  if (typeof render === 'string') {
    delete w[RENDER_GLOBAL];
    return renderGraphFromPayload(render);
  }
  return window.__ZHKG_GRAPH__ === undefined ? null : { source: graphFromJson(window.__ZHKG_GRAPH__), shards: null };
}
