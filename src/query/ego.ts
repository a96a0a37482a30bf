/**
 * Ego network: the entity, everything within `depth` hops, and every edge among them, as a new
 * graph with the same attributes (so it can be written to GEXF or JSON, or loaded into the viewer).
 */
import { subgraph } from 'graphology-operators';
import type { QueryGraph } from './attributes.js';
import { resolveEntity } from './find.js';
import { egoKeys, type NeighborOptions } from './hops.js';
import { periodView } from './period.js';

/** `from`/`to`: the ego network as attested in that period. */
export type EgoOptions = Pick<NeighborOptions, 'relation' | 'direction' | 'kind' | 'from' | 'to'>;

/**
 * The induced subgraph of `nameOrKey` and the nodes within `depth` hops (default 1). `relation` and
 * `direction` restrict the walk; `kind` restricts which reached nodes are kept (the centre always is).
 */
export function egoNetwork(whole: QueryGraph, nameOrKey: string, depth = 1, options: EgoOptions = {}): QueryGraph {
  const graph = periodView(whole, options);
  const centre = resolveEntity(graph, nameOrKey);
  const keep = egoKeys(whole, centre, depth, options);
  const ego = subgraph(graph, keep);
  ego.setAttribute('ego', centre);
  ego.setAttribute('egoDepth', depth);
  return ego;
}
