/**
 * Shortest path between two entities named by key, label or alias, with the relation, label and
 * evidence of each hop. The rule (stated relations preferred to co-occurrence) is route.ts, shared
 * with the viewer.
 */
import type { QueryGraph } from './attributes.js';
import { resolveEntity } from './find.js';
import { periodView } from './period.js';
import { pathBetweenKeys, type PathOptions, type PathResult } from './route.js';

export type { PathHop, PathNode, PathOptions, PathResult } from './route.js';

/** The shortest path from `a` to `b` (names, aliases or keys), or null when they are not connected. */
export function shortestPath(whole: QueryGraph, a: string, b: string, options: PathOptions = {}): PathResult | null {
  const graph = periodView(whole, options);
  return pathBetweenKeys(whole, resolveEntity(graph, a), resolveEntity(graph, b), options);
}
