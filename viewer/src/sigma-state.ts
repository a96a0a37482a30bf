/**
 * Setting sigma's whole-graph state aside while it draws a small graph, and putting it back. On the
 * 16 000-node / 47 000-edge bench graph, sigma's full refresh (reducers over 63 000 items, z-ordering,
 * label grid, program buffers) takes 0.5–1 s of the page's time; a focus or a path shows a few hundred
 * items, and leaving it used to pay that refresh again. `park` keeps what sigma built for the whole graph
 * (its display data, indices and program buffers: objects it replaces, never edits, when it processes
 * another graph), `unpark` installs them again, so sigma is back on the whole graph without reprocessing
 * it; the caller then refreshes only the items whose display changed meanwhile.
 *
 * This reads sigma's private fields by name: written for sigma 3.0.3 (package.json pins it), and the
 * browser tests compare the restored state with a fresh full refresh, item by item and buffer by buffer.
 */
/** Sigma's fields describing what it processed for its current graph (all replaced, not edited, by a refresh). */
const FIELDS = [
  'nodeDataCache',
  'edgeDataCache',
  'nodeProgramIndex',
  'edgeProgramIndex',
  'nodesWithForcedLabels',
  'edgesWithForcedLabels',
  'highlightedNodes',
  'nodeZExtent',
  'edgeZExtent',
  'labelGrid',
  'nodeExtent',
  'normalizationFunction',
  'itemIDsIndex',
  'nodeIndices',
  'edgeIndices',
] as const;

interface ProgramLike {
  array: Float32Array;
  capacity: number;
  verticesCount: number;
  programs?: ProgramLike[];
}

interface SigmaInternals {
  graph: unknown;
  needToProcess: boolean;
  nodePrograms: Record<string, ProgramLike>;
  edgePrograms: Record<string, ProgramLike>;
  bindGraphHandlers(): void;
  unbindGraphHandlers(): void;
  [field: string]: unknown;
}

/** A program's own buffers (a compound program is several). */
function leaves(p: ProgramLike): ProgramLike[] {
  return p.programs ? p.programs.flatMap(leaves) : [p];
}

function allPrograms(s: SigmaInternals): [string, ProgramLike][] {
  const out: [string, ProgramLike][] = [];
  for (const [k, p] of Object.entries(s.nodePrograms)) leaves(p).forEach((l, i) => out.push([`n:${k}:${i}`, l]));
  for (const [k, p] of Object.entries(s.edgePrograms)) leaves(p).forEach((l, i) => out.push([`e:${k}:${i}`, l]));
  return out;
}

export interface Parked {
  graph: unknown;
  fields: Record<string, unknown>;
  buffers: Map<string, { array: Float32Array; capacity: number; verticesCount: number }>;
}

/**
 * Sets aside what sigma processed for its current graph. Call right before `setGraph(other)`: sigma then
 * builds new objects and new buffers for the other graph and leaves these alone.
 */
export function park(sigma: object): Parked {
  const s = sigma as unknown as SigmaInternals;
  const fields: Record<string, unknown> = {};
  for (const f of FIELDS) fields[f] = s[f];
  // the one index sigma edits in place rather than replacing (see its addNodeToProgram)
  s.nodeProgramIndex = {};
  const buffers = new Map<string, { array: Float32Array; capacity: number; verticesCount: number }>();
  for (const [k, p] of allPrograms(s)) {
    buffers.set(k, { array: p.array, capacity: p.capacity, verticesCount: p.verticesCount });
    // a different capacity makes the next reallocate() build a new array instead of writing into this one
    p.capacity = -1;
  }
  return { graph: s.graph, fields, buffers };
}

/** Puts back what `park` set aside (sigma draws that graph again as it was; nothing is reprocessed). */
export function unpark(sigma: object, parked: Parked): void {
  const s = sigma as unknown as SigmaInternals;
  s.unbindGraphHandlers();
  s.graph = parked.graph;
  s.bindGraphHandlers();
  for (const f of FIELDS) s[f] = parked.fields[f];
  for (const [k, p] of allPrograms(s)) {
    const b = parked.buffers.get(k);
    if (!b) continue;
    p.array = b.array;
    p.capacity = b.capacity;
    p.verticesCount = b.verticesCount;
  }
  s.needToProcess = false;
}

interface LabelInternals {
  edgesWithForcedLabels: Set<string>;
  canvasContexts: Record<string, CanvasRenderingContext2D>;
  width: number;
  height: number;
  renderEdgeLabels(): unknown;
}

/**
 * Sigma draws edge labels by walking every edge of its graph on every frame (its
 * edgeLabelsToDisplayFromNodes: 47 000 edges, 8–10 ms a frame on the bench graph) and then draws those that
 * have a label. The page gives an edge a label only with `forceLabel` (the reducers), so when no edge has
 * a forced label nothing would be drawn: the edge label layer is just cleared.
 */
export function skipEmptyEdgeLabels(sigma: object): void {
  const s = sigma as unknown as LabelInternals;
  const own = s.renderEdgeLabels.bind(s);
  s.renderEdgeLabels = () => {
    if (s.edgesWithForcedLabels.size > 0) return own();
    s.canvasContexts.edgeLabels?.clearRect(0, 0, s.width, s.height);
    return s;
  };
}

interface RepaintInternals {
  edgeDataCache: Record<string, { hidden: boolean; type: string }>;
  nodeDataCache: Record<string, unknown>;
  edgeProgramIndex: Record<string, number>;
  edgeIndices: Record<string, number>;
  edgePrograms: Record<string, { process(fingerprint: number, position: number, source: unknown, target: unknown, data: unknown): void }>;
}

/**
 * Shows or hides edges whose display data differs from what sigma holds only by `hidden` (an edge whose
 * ends were filtered in or out, no colour, size or label change): the flag is set on sigma's display data
 * and the edge is written into its program's buffer again — what sigma's addEdgeToProgram does, with the
 * ends given instead of looked up — without running the reducer and sigma's attribute copy for each (what
 * `refresh({ partialGraph })` does). Call after the nodes' display data is up to date (the buffer reads the
 * ends' `hidden`), then render.
 */
export function repaintEdges(sigma: object, edges: readonly string[], sources: readonly string[], targets: readonly string[], hidden: boolean[]): void {
  const s = sigma as unknown as RepaintInternals;
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i]!;
    const data = s.edgeDataCache[e];
    const at = s.edgeProgramIndex[e];
    const program = data && s.edgePrograms[data.type];
    if (!data || at === undefined || !program) throw new Error(`repaintEdges: edge "${e}" is not drawn`);
    data.hidden = hidden[i]!;
    program.process(s.edgeIndices[e]!, at, s.nodeDataCache[sources[i]!], s.nodeDataCache[targets[i]!], data);
  }
}
