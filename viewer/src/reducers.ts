/**
 * Sigma's node and edge reducers: every rendering decision (colour, size, hidden, faded, highlighted,
 * labelled) is made here from the view state, so the graph data itself is never modified by interaction.
 * Both write onto sigma's own copy of the attributes (no second copy per item).
 */
import type { EdgeDisplayData, NodeDisplayData } from 'sigma/types';
import { CO_OCCURS, OTHER_COLOR, RELATION_COLORS, type EdgeView, type NodeView, type ViewGraph } from './model.js';
import type { ViewState } from './hash-state.js';
import type { Scope } from './scope.js';
import type { Look } from './look.js';
import { SMALL_NEIGHBOURHOOD } from './label-choice.js';

const FADED_NODE = '#e6e6e9';
const FADED_EDGE = '#ececef';

/** What the reducers read (as of the last refresh, see Renderer). */
export interface ReducerView {
  readonly graph: ViewGraph | null;
  readonly scope: Scope | null;
  readonly state: ViewState;
  readonly look: Look | null;
  /** Nodes kept bright: the selected or hovered node and its visible neighbours, or a selected edge's ends. */
  readonly focusSet: Set<string> | null;
  /** Nodes whose label is drawn; null: all. */
  readonly labelSet: Set<string> | null;
  /**
   * The node whose neighbours stay bright (the hovered one, else the selected one, unless it is the focus's
   * centre or on the path shown), as of the last refresh: computed once per refresh, read per item.
   */
  readonly bright: string | null;
  /**
   * Large graph drawn whole: what is left out is not drawn through the programs' visibility texture, and a
   * selection highlights its node, labels its neighbours and draws only its own edges, without recolouring
   * the 16 000 other nodes (fading them all is what made it cost).
   */
  readonly lightSpot: boolean;
  visibleEdge(edge: string): boolean;
}

export function nodeReducer(v: ReducerView, node: string, a: NodeView): Partial<NodeDisplayData> {
  const { state, look } = v;
  // `a` is sigma's own copy of the attributes: set the display fields on it (no second copy per node).
  const res = a as unknown as Partial<NodeDisplayData>;
  res.color = look!.nodeColor(a, state.colorBy);
  res.size = look!.nodeSize(a, state.sizeBy);
  if (!v.scope?.nodes.has(node)) {
    // a large graph drawn whole: drawn or not through the visibility texture (refreshMasked), and no label
    if (v.lightSpot) {
      res.label = '';
      return res;
    }
    res.hidden = true;
  } else if (node === v.scope.focus || node === state.pathFrom || node === state.pathTo) res.highlighted = true;
  const focus = v.focusSet;
  const labelled = v.labelSet === null || v.labelSet.has(node) || (v.lightSpot && focus?.has(node));
  if (labelled) res.forceLabel = true;
  else res.label = '';
  if (focus && v.lightSpot) {
    // large graph drawn whole: the selected node highlighted, its neighbours labelled, no node fades
    if (node === v.bright) res.highlighted = true;
  } else if (focus) {
    if (focus.has(node)) {
      res.zIndex = 2;
      if (node === v.bright) res.highlighted = true;
    } else {
      res.color = FADED_NODE;
      res.label = '';
      res.zIndex = 0;
    }
  }
  return res;
}

export function edgeReducer(v: ReducerView, edge: string, a: EdgeView): Partial<EdgeDisplayData> {
  const g = v.graph!;
  const co = a.relation === CO_OCCURS;
  // `a` is sigma's own copy of the attributes (see nodeReducer).
  const res = a as unknown as Partial<EdgeDisplayData>;
  res.label = null;
  res.color = RELATION_COLORS[a.relation] ?? OTHER_COLOR;
  res.size = (co ? 0.6 : 1.6) + (co ? 0.4 : 0.6) * Math.log2(1 + a.weight);
  res.zIndex = co ? 0 : 1;
  // (a large graph drawn whole: what is left out is not drawn through the visibility texture, see refreshMasked)
  if (!v.visibleEdge(edge)) {
    if (!v.lightSpot) res.hidden = true;
    return res;
  }
  const focus = v.bright;
  if (focus !== null && g.hasNode(focus)) {
    if (g.source(edge) !== focus && g.target(edge) !== focus) {
      if (!v.lightSpot) res.hidden = true;
    } else {
      // Relation labels only where they stay readable: a small neighbourhood, typed relations.
      if (!co && (v.focusSet?.size ?? 0) <= SMALL_NEIGHBOURHOOD) {
        res.label = a.label;
        res.forceLabel = true;
      }
      if (!v.lightSpot) res.zIndex = 2;
    }
  } else if (v.state.edge) {
    if (edge === v.state.edge) {
      res.label = a.label;
      res.forceLabel = true;
      res.size = (res.size ?? 1) * 2;
      res.zIndex = 2;
    } else if (!v.lightSpot) res.color = FADED_EDGE;
  }
  return res;
}
