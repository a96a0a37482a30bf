/**
 * The graph's size, written into the viewer page it is shipped with (`index.html`), so that the page knows
 * it before graph.js has loaded. The page makes sigma's WebGL contexts and node programs while graph.js
 * streams in only for a graph that will draw with them (a large one: viewer/src/renderer.ts, `prepare`);
 * for any other graph that early sigma was made and thrown away, three WebGL contexts and their programs
 * for nothing (in software GL about a fifth of a small graph's page load).
 *
 * The page carries an empty `<meta name="zhkg-graph-size" content="">`; a writer that ships a graph beside
 * the page fills it with `NODES EDGES` (the render graph's counts), and a page shipped without a graph gets
 * it empty again. Pure and DOM-free: the Node writer and the page (bundled) share it.
 */

/** The `name` of the page's size meta element. */
export const GRAPH_SIZE_META = 'zhkg-graph-size';

/** A graph's node and edge counts. */
export interface GraphSize {
  nodes: number;
  edges: number;
}

/** The meta element as the page carries it (`content` empty or two counts): nothing else is ever replaced. */
const META = /<meta name="zhkg-graph-size" content="(?:|\d+ \d+)">/;

/**
 * `html` with the size meta's content set to `size` (empty for null). A page without that element is
 * returned as it is (the page then treats the size as unknown).
 */
export function pageWithGraphSize(html: string, size: GraphSize | null): string {
  if (size !== null && !(isCount(size.nodes) && isCount(size.edges))) {
    throw new TypeError(`pageWithGraphSize: counts must be non-negative integers, not ${String(size.nodes)} and ${String(size.edges)}`);
  }
  const content = size === null ? '' : `${size.nodes} ${size.edges}`;
  return html.replace(META, () => `<meta name="${GRAPH_SIZE_META}" content="${content}">`);
}

/** The size a meta element's content gives, or null (empty, absent, or not two counts). */
export function parseGraphSize(content: string | null | undefined): GraphSize | null {
  const m = /^(\d+) (\d+)$/.exec(content ?? '');
  if (!m) return null;
  const nodes = Number(m[1]);
  const edges = Number(m[2]);
  return isCount(nodes) && isCount(edges) ? { nodes, edges } : null;
}

function isCount(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}
