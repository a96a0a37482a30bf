/**
 * k-hop neighborhoods of an entity named by key, label or alias, with the relation, label and evidence
 * of the edge(s) that reach each node. The walk itself is hops.ts (shared with the viewer).
 */
import type { QueryGraph } from './attributes.js';
import { resolveEntity } from './find.js';
import { neighborsOfKey, type Neighbor, type NeighborOptions } from './hops.js';
import { periodView } from './period.js';

export type { Direction, HopEdge, Neighbor, NeighborOptions } from './hops.js';

/**
 * Nodes within `depth` hops of the entity `nameOrKey` (a node key, label or alias), nearest first;
 * within a depth, nodes reached by a typed relation before co-occurrence-only ones, then by label.
 */
export function neighbors(whole: QueryGraph, nameOrKey: string, options: NeighborOptions = {}): Neighbor[] {
  return neighborsOfKey(whole, resolveEntity(periodView(whole, options), nameOrKey), options);
}
