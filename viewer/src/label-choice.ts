/**
 * Which node labels are drawn for the current camera, filters and focus: candidates placed with the
 * camera's own matrix, handed to pickLabels (labels.ts) in a kept, camera-independent order, and the
 * choice kept while its inputs stay the same.
 */
import type Sigma from 'sigma';
import { matrixFromCamera } from 'sigma/utils';
import { pickLabels, type LabelCandidate } from './labels.js';
import { edgeIndexOf, sameSet } from './edge-index.js';
import type { EdgeView, NodeView, ViewGraph } from './model.js';
import type { ViewState } from './hash-state.js';
import type { Scope } from './scope.js';

export const FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif';
export const LABEL_SIZE = 13;
export const LABEL_WEIGHT = '500';
/** A focused neighbourhood or a path this small shows every label (a neighbourhood also its typed relations' labels). */
export const SMALL_NEIGHBOURHOOD = 15;
/**
 * Label density steps (slider 0–4): free space around each label, smallest labelled node; null = all.
 * Steps 0 and 1 also keep labels off other nodes' discs, as does a focused neighbourhood too large to show every
 * label (its labels are what the user reads there).
 */
const LABEL_STEPS: ({ padding: number; minRadius: number } | null)[] = [
  { padding: 14, minRadius: 5 },
  { padding: 5, minRadius: 0 },
  { padding: 1, minRadius: 0 },
  { padding: -4, minRadius: 0 },
  null,
];

/**
 * Every labelled node in pickLabels' order (priority: size, then degree; ties by key), with what its label
 * candidate needs but the camera: kept while sizes and positions stay.
 */
interface LabelOrder {
  graph: ViewGraph;
  key: string;
  nodes: string[];
  /** node numbers (EdgeIndex order) */
  at: Int32Array;
  x: Float64Array;
  y: Float64Array;
  size: Float64Array;
  width: Float64Array;
  maxSize: number;
  maxWidth: number;
}

/** What a choice of labels reads. */
export interface LabelInputs {
  sigma: Sigma<NodeView, EdgeView>;
  graph: ViewGraph;
  state: ViewState;
  scope: Scope | null;
  /** the nodes shown, by number (EdgeIndex order), when known */
  shownNodes: Uint8Array | null;
  /** the neighbourhood kept bright (its labels only), or null */
  focus: Set<string> | null;
  /** the node whose label comes first, if any */
  focusNode: string | null | undefined;
  /** a large graph: labels measured character by character */
  large: boolean;
  /** bumped whenever positions change */
  posVersion: number;
  nodeSize: (a: NodeView) => number;
}

export class LabelChooser {
  /** nodes whose label is drawn when nothing is focused; null: all */
  labels: Set<string> | null = null;
  /** The inputs of the last choice and its result. */
  private memo: { key: string; scope: Scope | null; focus: Set<string> | null; labels: Set<string> } | null = null;
  private order: LabelOrder | null = null;
  /** measured widths: whole labels by their text, a large graph's labels' characters by code point (see labelWidth) */
  private widths = new Map<string | number, number>();
  private measure: CanvasRenderingContext2D | null = null;

  private labelWidth(label: string, large: boolean): number {
    // A large graph's labels are measured character by character (a few thousand distinct characters,
    // not 16 000 strings: measuring every label took about 0.5 s of the first frame); a label's width is
    // then the sum of its characters' advances, which is what the text gets without kerning (summed
    // each time: keeping 16 000 sums in a map cost more than adding them up again).
    if (large && label.length > 1) {
      let w = 0;
      for (let i = 0; i < label.length; i++) {
        const c = label.codePointAt(i)!;
        if (c > 0xffff) i++;
        let cw = this.widths.get(c);
        if (cw === undefined) this.widths.set(c, (cw = this.textWidth(String.fromCodePoint(c))));
        w += cw;
      }
      return w;
    }
    let w = this.widths.get(label);
    if (w === undefined) this.widths.set(label, (w = this.textWidth(label)));
    return w;
  }

  /** A text's width as the canvas measures it in the labels' font. */
  private textWidth(text: string): number {
    this.measure ??= document.createElement('canvas').getContext('2d');
    if (!this.measure) return text.length * LABEL_SIZE;
    this.measure.font = `${LABEL_WEIGHT} ${LABEL_SIZE}px ${FONT}`;
    return this.measure.measureText(text).width;
  }

  /** Chooses the labels to draw (see labels.ts) into `labels`. */
  choose(inp: LabelInputs): void {
    const { sigma: s, state, focus } = inp;
    const step = LABEL_STEPS[state.labels] ?? null;
    // A small focused neighbourhood, or a path, shows every label: it is what the user asked to read (a path's
    // hops are read node by node, however close the camera puts them).
    const path = inp.scope?.path ? inp.scope.nodes.size <= SMALL_NEIGHBOURHOOD : false;
    if ((step === null && !focus) || (focus && focus.size <= SMALL_NEIGHBOURHOOD) || path) {
      this.labels = null;
      return;
    }
    const focusNode = inp.focusNode;
    const { width, height } = s.getDimensions();
    // The same inputs choose the same labels: a selection on a large graph (or a refresh that changed
    // nothing here) does not place 16 000 candidates again.
    const cam = s.getCamera().getState();
    const key = JSON.stringify([cam.x, cam.y, cam.ratio, cam.angle, width, height, state.labels, state.sizeBy, inp.posVersion, focusNode]);
    const memo = this.memo;
    if (
      memo &&
      memo.key === key &&
      memo.focus === focus &&
      (memo.scope === inp.scope || sameSet(memo.scope?.nodes ?? new Set(), inp.scope?.nodes ?? new Set()))
    ) {
      memo.scope = inp.scope;
      this.labels = memo.labels;
      return;
    }
    const sc = inp.scope;
    const order = this.orderOf(inp);
    const shownNodes = inp.shownNodes;
    // The camera's matrix as of now (sigma's own is the one of its last frame: before the first frame, an
    // empty graph's, which is never computed). Graph to viewport is affine: three points give it.
    const matrix = matrixFromCamera(cam, { width, height }, s.getGraphDimensions(), s.getStagePadding());
    const o = s.graphToViewport({ x: 0, y: 0 }, { matrix });
    const ex = s.graphToViewport({ x: 1, y: 0 }, { matrix });
    const ey = s.graphToViewport({ x: 0, y: 1 }, { matrix });
    const [xx, xy, yx, yy] = [ex.x - o.x, ex.y - o.y, ey.x - o.x, ey.y - o.y];
    const scale = s.scaleSize(1);
    // A node far enough off screen can neither have its label drawn nor be in the way of one that is
    // (pickLabels only places labels whose box touches the viewport): it is not a candidate.
    const mx = order.maxWidth + 2 * order.maxSize * scale + 2 * LABEL_SIZE + 20;
    const my = 2 * order.maxSize * scale + 2 * LABEL_SIZE + 20;
    const cands: LabelCandidate[] = [];
    const consider = (i: number) => {
      const n = order.nodes[i]!;
      const shown = shownNodes && order.at[i]! >= 0 ? shownNodes[order.at[i]!] === 1 : !!sc?.nodes.has(n);
      if (!shown || (focus && !focus.has(n))) return;
      const gx = order.x[i]!;
      const gy = order.y[i]!;
      const x = o.x + gx * xx + gy * yx;
      const y = o.y + gx * xy + gy * yy;
      if (x < -mx || x > width + mx || y < -my || y > height + my) return;
      cands.push({ key: n, x, y, r: order.size[i]! * scale, width: order.width[i]!, priority: -cands.length });
    };
    // the focused node first (its priority wins), then the kept order: already pickLabels' order
    const first = focusNode != null ? order.nodes.indexOf(focusNode) : -1;
    if (first >= 0) consider(first);
    for (let i = 0; i < order.nodes.length; i++) if (i !== first) consider(i);
    const opts = focus ? { padding: 0, minRadius: 0 } : step!;
    this.labels = pickLabels(cands, {
      fontSize: LABEL_SIZE,
      padding: opts.padding,
      minRadius: opts.minRadius,
      viewport: { width, height },
      avoidNodes: focus ? true : state.labels <= 1,
      sorted: true,
    });
    this.memo = { key, scope: inp.scope, focus, labels: this.labels };
  }

  /** The labelled nodes in pickLabels' order for the current sizes and positions (see LabelOrder). */
  private orderOf(inp: LabelInputs): LabelOrder {
    const g = inp.graph;
    const key = JSON.stringify([inp.state.sizeBy, inp.posVersion]);
    const kept = this.order;
    if (kept && kept.graph === g && kept.key === key) return kept;
    // node numbers are the graph's node order (EdgeIndex numbers them so): counted here, not looked up
    const ix = edgeIndexOf(g);
    const list: { n: string; at: number; a: NodeView; size: number; priority: number }[] = [];
    let at = 0;
    g.forEachNode((n, a) => {
      const i = at++;
      if (!a.label) return;
      const size = inp.nodeSize(a);
      list.push({ n, at: ix.nodeKeys[i] === n ? i : (ix.nodeAt.get(n) ?? -1), a, size, priority: size * 1e6 + a.degree });
    });
    list.sort((a, b) => b.priority - a.priority || (a.n < b.n ? -1 : a.n > b.n ? 1 : 0));
    const len = list.length;
    const order: LabelOrder = {
      graph: g,
      key,
      nodes: list.map((c) => c.n),
      at: new Int32Array(len),
      x: new Float64Array(len),
      y: new Float64Array(len),
      size: new Float64Array(len),
      width: new Float64Array(len),
      maxSize: 0,
      maxWidth: 0,
    };
    list.forEach((c, i) => {
      order.at[i] = c.at;
      order.x[i] = c.a.x;
      order.y[i] = c.a.y;
      order.size[i] = c.size;
      order.width[i] = this.labelWidth(c.a.label, inp.large);
      order.maxSize = Math.max(order.maxSize, c.size);
      order.maxWidth = Math.max(order.maxWidth, order.width[i]);
    });
    return (this.order = order);
  }
}
