/**
 * Reading graphs: the page's own graph (graph.js under file://, else graph.json, else graph.gexf next to
 * index.html) and files the user opens or drops (GEXF or graphology JSON, told apart by content).
 */
import { MultiGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf/browser';
import type { SourceGraphLike } from './model.js';

declare global {
  interface Window {
    __ZHKG_GRAPH__?: unknown;
  }
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

/** The graph shipped with the page, or null when there is none (the page then waits for a file). */
export async function loadBundledGraph(): Promise<SourceGraphLike | null> {
  if (location.protocol === 'file:') {
    // fetch() is blocked on file://, a script tag is not: `zhkg build` writes graph.js for this case.
    try {
      await loadScript('graph.js');
    } catch {
      return null;
    }
    return window.__ZHKG_GRAPH__ === undefined ? null : graphFromJson(window.__ZHKG_GRAPH__);
  }
  for (const name of ['graph.json', 'graph.gexf']) {
    const res = await fetch(name, { cache: 'no-cache' });
    if (res.ok) return graphFromText(await res.text());
  }
  return null;
}
