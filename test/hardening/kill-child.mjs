// A lean child for test/hardening/kill.test.ts: writes the outputs of a graph (graphology JSON) into one
// or more folders, in turn, with the compiled writeOutputs, under the CLI's test hooks
// (ZHKG_TEST_KILL_AT, ZHKG_TEST_BOUNDARIES).
// Usage: node kill-child.mjs DIST_ROOT GRAPH_JSON viewer|no-viewer OUT_DIR…
// The test also imports `writeGraph` to do the same in its own process where no kill is involved (reference
// sets, the boundary probe, the reruns): the same compiled code, without a Node start each time.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Writes the graph of `graphPath` into each of `outs`, in turn; `env` holds the hooks' variables. */
export async function writeGraph(dist, graphPath, viewer, outs, env = process.env) {
  const load = (p) => import(pathToFileURL(join(dist, p)).href);
  const { writeOutputs } = await load('src/output.js');
  const { boundaryHook } = await load('src/cli/test-hooks.js');
  const { MultiGraph } = await import('graphology');
  const graph = MultiGraph.from(JSON.parse(readFileSync(graphPath, 'utf8')));
  const hook = boundaryHook(env);
  for (const out of outs) {
    hook?.('stage:built');
    await writeOutputs(graph, out, { viewer: viewer === 'viewer', ...(hook ? { onBoundary: hook } : {}) });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dist, graphPath, viewer, ...outs] = process.argv.slice(2);
  await writeGraph(dist, graphPath, viewer, outs);
}
