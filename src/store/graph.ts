/**
 * The graph stored by the last finished build, as the graph object the build wrote: the same options and
 * attributes, so exporting it gives the build's bytes.
 */
import { MultiGraph } from 'graphology';
import type { SerializedGraph } from 'graphology-types';
import { StoreError } from '../errors.js';
import { loadStoredGraph } from './sqlite.js';

export function storedGraph(path: string): MultiGraph {
  return graphOfJson(loadStoredGraph(path).json, path);
}

/** A stored graph's JSON (graphology's serialization) as the graph object; `location` names the store in errors. */
export function graphOfJson(json: string, location: string): MultiGraph {
  try {
    return MultiGraph.from(JSON.parse(json) as SerializedGraph);
  } catch (err) {
    throw new StoreError(`the stored graph cannot be read (${(err as Error).message.split('\n')[0]})`, location);
  }
}
