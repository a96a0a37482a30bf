/**
 * Reading graphs: the page's own graph (graph.js under file://, else graph.json, else graph.gexf next to
 * index.html) and files the user opens or drops (GEXF or graphology JSON, told apart by content).
 */
import { MultiGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf/browser';
import type { SourceGraphLike } from './model.js';
import { decodeRender, isRenderJson, RENDER_GLOBAL } from '../../src/viewer/render-format.js';
import { RenderSource } from './render-source.js';
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

/** graph.js's render graph (its JSON text, or from an older zhkg its JSON gzipped in base64), with a loader for the shards. */
export async function renderGraphFromPayload(text: string): Promise<LoadedGraph> {
  const { render, nodes, edges } = decodeRender(JSON.parse(isRenderJson(text) ? text : await gunzipBase64(text)));
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
