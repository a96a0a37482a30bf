/** The live layout's buttons (layout.ts runs it): start/stop ForceAtlas2, push overlapping nodes apart, restore. */
import type Sigma from 'sigma';
import { byId } from './dom.js';
import type { LiveLayout } from './layout.js';
import type { EdgeView, NodeView, ViewGraph } from './model.js';

/** What the layout buttons read of the application. */
export interface LayoutHost {
  readonly layout: LiveLayout | null;
  readonly sigma: Sigma<NodeView, EdgeView> | null;
  readonly graph: ViewGraph | null;
  /** A node's size as drawn (graph units before sigma's scaling). */
  nodeSize(a: NodeView): number;
  t(key: string, vars?: Record<string, string | number>): string;
}

/** The buttons follow the layout's status (built, running, moved). */
export function renderLayoutControls(host: LayoutHost): void {
  const status = host.layout?.status ?? 'built';
  byId('layout-controls').dataset.layout = status;
  byId('layout-run').textContent = host.t(status === 'running' ? 'layout.stop' : 'layout.start');
  byId<HTMLButtonElement>('layout-restore').disabled = status === 'built';
}

export function wireLayout(host: LayoutHost): void {
  byId('layout-run').addEventListener('click', () => {
    const l = host.layout;
    if (!l) return;
    if (l.running) l.stop();
    else l.start();
    renderLayoutControls(host);
  });
  byId('layout-noverlap').addEventListener('click', () => {
    const s = host.sigma;
    const g = host.graph;
    const layout = host.layout;
    if (!s || !g || !layout) return;
    const a = s.viewportToGraph({ x: 0, y: 0 });
    const b = s.viewportToGraph({ x: 100, y: 0 });
    const unitsPerPixel = Math.hypot(b.x - a.x, b.y - a.y) / 100;
    layout.separate((n) => s.scaleSize(host.nodeSize(g.getNodeAttributes(n))), unitsPerPixel);
    renderLayoutControls(host);
  });
  byId('layout-restore').addEventListener('click', () => {
    host.layout?.restore();
    renderLayoutControls(host);
  });
}
