/**
 * The graph a store holds, for `zhkg export` and `zhkg query --store`. An SQLite store serves the graph its
 * last build saved (a store whose build did not finish is refused). A PostgreSQL store serves the saved
 * graph while it matches the stored files; otherwise — shard builders filled it — the graph of every
 * stored file is assembled (`buildGraphFromStore`: the bytes of one build of all shards) and saved for
 * the next reader.
 */
import type { MultiGraph } from 'graphology';
import { buildGraphFromStore, type Stage } from './pipeline.js';
import { toJSON } from './export/index.js';
import { connectStore, isPostgresUrl } from './store/index.js';
import { graphOfJson, storedGraph } from './store/graph.js';

export async function graphFromStore(
  location: string,
  options: { onProgress?: (stage: Stage, done: number, total: number) => void } = {},
): Promise<MultiGraph> {
  if (!isPostgresUrl(location)) return storedGraph(location);
  let store = await connectStore(location, {}, { create: false });
  try {
    const saved = await store.loadGraph();
    if (saved) return graphOfJson(saved.json, store.location);
    // The builders' pipeline version may differ from this reader's in its reading settings (--field) only:
    // the files are read as that version's (buildGraphFromStore refuses several versions, or another zhkg's).
    const versions = new Set((await store.snapshot()).files.map((f) => f.version));
    const only = versions.size === 1 ? [...versions][0]! : undefined;
    if (only !== undefined && only !== store.version) {
      await store.close();
      store = await connectStore(location, {}, { create: false, version: only });
    }
    const { graph, generation } = await buildGraphFromStore(store, options.onProgress ? { onProgress: options.onProgress } : {});
    const json = toJSON(graph);
    // Saved only if no builder changed the store while it was assembled.
    await store.saveGraph({ json, settings: { minConfidence: 0 } }, generation);
    // Read back as a saved graph is, so the export's bytes do not depend on whether it was saved before.
    return graphOfJson(json, store.location);
  } finally {
    await store.close();
  }
}
