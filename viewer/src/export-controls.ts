/**
 * The export buttons: the view as PNG, the visible subgraph as GEXF or JSON (export-view.ts writes them),
 * each handed to the browser as a download.
 */
import type Sigma from 'sigma';
import { byId, el } from './dom.js';
import type { ShardLoader } from './evidence.js';
import type { EdgeView, NodeView, SourceGraphLike, ViewGraph } from './model.js';
import { subgraphGexf, subgraphJson, viewPng, visibleSubgraph } from './export-view.js';

/** What the exports read of the application. */
export interface ExportHost {
  readonly graph: ViewGraph | null;
  readonly source: SourceGraphLike | null;
  readonly shards: ShardLoader | null;
  readonly sigma: Sigma<NodeView, EdgeView> | null;
  /** Keys of the nodes and edges in view. */
  visibleKeys(): { nodes: Set<string>; edges: Set<string> };
  t(key: string, vars?: Record<string, string | number>): string;
  showMessage(text: string): void;
}

/** Hands `blob` to the browser as a file named `name`. */
export function download(name: string, blob: Blob): void {
  const a = el('a', { attrs: { href: URL.createObjectURL(blob), download: name } });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.getAttribute('href')!), 10_000);
}

/**
 * The visible subgraph in the CLI's formats, with every attribute the graph file has for those nodes and
 * edges (a render graph's details are loaded from their shards first): what `zhkg export` would write.
 */
export async function exportView(host: ExportHost, format: 'gexf' | 'json'): Promise<string> {
  const g = host.graph;
  const src = host.source;
  if (!g || !src) throw new Error('no graph');
  const { nodes, edges } = host.visibleKeys();
  const shards = host.shards;
  let rest: ((what: 'n' | 'e', key: string) => Record<string, unknown> | null) | undefined;
  if (shards) {
    await shards.fetch([...[...nodes].map((n) => ['n', n] as ['n', string]), ...[...edges].map((e) => ['e', e] as ['e', string])]);
    rest = (what, key) => shards.get(what, key) ?? null;
  }
  const sub = visibleSubgraph(src, g, nodes, edges, rest);
  return format === 'gexf' ? subgraphGexf(sub) : subgraphJson(sub);
}

/** The view as drawn, as PNG. */
export function exportPng(host: ExportHost): Promise<Blob> {
  if (!host.sigma) return Promise.reject(new Error('no graph'));
  return viewPng(host.sigma);
}

export function wireExports(host: ExportHost): void {
  const fail = (err: unknown) => host.showMessage(host.t('error.export', { reason: err instanceof Error ? err.message : String(err) }));
  byId('export-png').addEventListener('click', () => {
    exportPng(host).then((b) => download('zhkg-view.png', b), fail);
  });
  for (const format of ['gexf', 'json'] as const) {
    byId(`export-${format}`).addEventListener('click', () => {
      exportView(host, format).then(
        (text) => download(`zhkg-view.${format}`, new Blob([text], { type: format === 'gexf' ? 'application/xml' : 'application/json' })),
        fail,
      );
    });
  }
}
