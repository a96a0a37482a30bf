/** Render attributes (colour by kind, size by degree): what Gephi and sigma show by default. */
import type Graph from 'graphology';

export const KIND_COLORS: Record<string, string> = {
  PERSON: '#e15759',
  ORGANIZATION: '#4e79a7',
  PLACE: '#59a14f',
  PROGRAM: '#f28e2b',
  ARTICLE: '#9c9c9c',
};

/** Edge colours per relation (typed relations strong, co-occurrence faint). */
export const RELATION_COLORS: Record<string, string> = {
  role: '#b33939',
  located_in: '#3a7d44',
  member_of: '#6a4c93',
  part_of: '#1d3557',
  runs: '#e07a00',
  participates_in: '#c9a227',
  authored: '#7f7f7f',
  partner_of: '#2a9d8f',
  co_occurs: '#d0d0d0',
};

export function styleGraph(graph: Graph): void {
  graph.forEachNode((node, attrs) => {
    const degree = typeof attrs.degree === 'number' ? attrs.degree : graph.degree(node);
    graph.mergeNodeAttributes(node, {
      color: KIND_COLORS[attrs.kind as string] ?? '#999999',
      size: Math.round((3 + 2.5 * Math.sqrt(degree)) * 100) / 100,
    });
  });
  graph.forEachEdge((edge, attrs) => {
    const w = typeof attrs.weight === 'number' ? attrs.weight : 1;
    const typed = attrs.relation !== 'co_occurs';
    graph.mergeEdgeAttributes(edge, {
      color: RELATION_COLORS[attrs.relation as string] ?? '#cccccc',
      size: Math.round((typed ? 2 : 0.5) * Math.min(4, Math.sqrt(w)) * 100) / 100,
    });
  });
}
