/**
 * The page's static controls and the URL: each control changes the view state (which the URL follows),
 * and a state read from the URL (a shared link, a hash edit) sets the controls. Builds no DOM.
 */
import type Sigma from 'sigma';
import { byId } from './dom.js';
import { formatHash, parseHash, RANGE_KEYS, type RangeKey, type ViewState } from './hash-state.js';
import type { EdgeView, NodeView } from './model.js';
import { moveCamera } from './camera.js';

/** The zoom buttons' step: sigma's own (its camera's animatedZoom and animatedUnzoom). */
const ZOOM_STEP = 1.5;

/** One zoom step in or out, over 200 ms (at once for reduced motion: see moveCamera). */
function zoomStep(s: Sigma<NodeView, EdgeView> | null, out: boolean): void {
  if (!s) return;
  const cam = s.getCamera();
  const { ratio } = cam.getState();
  moveCamera(cam, { ratio: out ? ratio * ZOOM_STEP : ratio / ZOOM_STEP }, 200);
}

/** What the controls read and call of the application. */
export interface ControlsHost {
  state: ViewState;
  readonly sigma: Sigma<NodeView, EdgeView> | null;
  /** Merges `patch` into the state and brings the view in line. */
  update(patch: Partial<ViewState>): void;
  /** The state changed what is shown: the view follows. */
  commit(): void;
  /** Controls, panel and renderer in line with the state. */
  applyState(): void;
  applyLocale(): void;
  buildFilters(): void;
  renderPanel(): void;
  fitView(): void;
  selectNode(node: string | null): void;
  openFile(f: File): Promise<void>;
}

/** The URL follows the state (without recomputing the view: for changes that do not touch it). */
export function writeHash(state: ViewState): void {
  const hash = formatHash(state);
  if (hash !== location.hash) history.replaceState(null, '', hash === '' ? location.pathname + location.search : hash);
}

/** A hash edited by hand (or a link followed) sets the state; the page's own writes are ignored. */
export function followHash(host: ControlsHost): void {
  window.addEventListener('hashchange', () => {
    if (location.hash === formatHash(host.state)) return;
    host.state = parseHash(location.hash);
    host.applyState();
  });
}

/** The filter and display controls show `state`. */
export function syncControls(state: ViewState): void {
  byId<HTMLSelectElement>('community-filter').value = state.community === null ? '' : String(state.community);
  for (const k of RANGE_KEYS) {
    byId<HTMLInputElement>(`${k}-min`).value = state.ranges[k].min === null ? '' : String(state.ranges[k].min);
    byId<HTMLInputElement>(`${k}-max`).value = state.ranges[k].max === null ? '' : String(state.ranges[k].max);
  }
  for (const r of document.querySelectorAll<HTMLInputElement>('input[name="color-by"]')) r.checked = r.value === state.colorBy;
  byId<HTMLSelectElement>('size-by').value = state.sizeBy;
  byId<HTMLInputElement>('label-density').value = String(state.labels);
}

/** Ranges, community, reset, zoom, colour, size, label density, language, opening a file (button or drop). */
export function wireControls(host: ControlsHost, search: HTMLInputElement): void {
  for (const input of document.querySelectorAll<HTMLInputElement>('#ranges input[data-range]')) {
    input.addEventListener('change', () => {
      const key = input.dataset.range as RangeKey;
      const bound = input.dataset.bound === 'max' ? 'max' : 'min';
      const v = input.value.trim() === '' || !Number.isFinite(Number(input.value)) ? null : Number(input.value);
      host.update({ ranges: { ...host.state.ranges, [key]: { ...host.state.ranges[key], [bound]: v } } });
    });
  }
  const community = byId<HTMLSelectElement>('community-filter');
  community.addEventListener('change', () => host.update({ community: community.value === '' ? null : Number(community.value) }));
  byId('filters-reset').addEventListener('click', () => {
    const d = parseHash('');
    // one commit: applyState sets the controls, the timeline and the panel, then commits
    host.state = { ...host.state, hiddenKinds: [], hiddenRelations: [], ranges: d.ranges, community: null, from: null, to: null };
    host.applyState();
  });
  // Escape outside the search box closes the panel and clears the selection.
  window.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape' && document.activeElement !== search && (host.state.node || host.state.edge)) host.selectNode(null);
  });

  byId('zoom-in').addEventListener('click', () => zoomStep(host.sigma, false));
  byId('zoom-out').addEventListener('click', () => zoomStep(host.sigma, true));
  byId('zoom-fit').addEventListener('click', () => host.fitView());

  for (const r of document.querySelectorAll<HTMLInputElement>('input[name="color-by"]')) {
    r.addEventListener('change', () => {
      if (r.checked) {
        host.state = { ...host.state, colorBy: r.value === 'community' ? 'community' : 'kind' };
        host.commit();
      }
    });
  }
  const size = byId<HTMLSelectElement>('size-by');
  size.addEventListener('change', () => {
    const v = size.value;
    host.state = { ...host.state, sizeBy: v === 'degree' || v === 'pagerank' ? v : 'size' };
    host.commit();
  });
  const density = byId<HTMLInputElement>('label-density');
  density.addEventListener('input', () => {
    host.state = { ...host.state, labels: Math.max(0, Math.min(4, Math.round(Number(density.value)))) };
    host.commit();
  });
  byId('lang-switch').addEventListener('click', () => {
    host.state = { ...host.state, lang: host.state.lang === 'zh' ? 'en' : 'zh' };
    host.applyLocale();
    host.buildFilters();
    host.renderPanel();
    host.commit();
  });

  const file = byId<HTMLInputElement>('file-input');
  file.addEventListener('change', () => {
    const f = file.files?.[0];
    if (f) void host.openFile(f);
    file.value = '';
  });
  const overlay = byId('drop-overlay');
  let depth = 0;
  window.addEventListener('dragenter', (ev) => {
    ev.preventDefault();
    depth++;
    overlay.hidden = false;
  });
  window.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) overlay.hidden = true;
  });
  window.addEventListener('dragover', (ev) => ev.preventDefault());
  window.addEventListener('drop', (ev) => {
    ev.preventDefault();
    depth = 0;
    overlay.hidden = true;
    const f = ev.dataTransfer?.files?.[0];
    if (f) void host.openFile(f);
  });
}
