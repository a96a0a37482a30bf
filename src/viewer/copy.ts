/**
 * Puts the viewer page into an output folder next to graph.json, with the page's data files: graph.js (the
 * compact render graph) and the evidence shards evidence/NNN.js (render-format.ts), which load from
 * `file://` too (script tags, where fetch is blocked). The folder's files are one set
 * (src/export/commit.ts): adding the viewer commits a new set with the graph files the folder holds now.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { commitOutputs, readOutput, type PutFile } from '../export/commit.js';
import { VIEWER_FILES, viewerAssetsDir } from './assets.js';
import { putViewerFiles } from './data-files.js';
import { EVIDENCE_DIR, type SerializedGraph } from './render-format.js';
import { pageWithGraphSize, type GraphSize } from './page-size.js';

/** Every name an output folder's set may hold (`evidence` is a folder of shards). */
export const OUTPUT_NAMES: readonly string[] = ['graph.gexf', 'graph.json', 'graph.js', EVIDENCE_DIR, ...VIEWER_FILES];

export interface CopyViewerOptions {
  /** folder holding the built page; default: the package's dist/viewer */
  assetsDir?: string;
}

/** Puts graph.js and the evidence shards of a graph (graph.json's data) into the set being staged. */
export async function putViewerData(put: PutFile, graph: SerializedGraph): Promise<void> {
  await putViewerFiles(put, graph);
}

/**
 * The page's files from `assetsDir` into the set being staged, beside a graph of `size` (null: no graph).
 */
export async function putViewerPage(put: PutFile, assetsDir: string, size: GraphSize | null): Promise<void> {
  for (const f of VIEWER_FILES) await put(f, shippedPageFile(f, await readFile(join(assetsDir, f)), size));
}

/** A page file as shipped beside a graph of `size`: index.html with the graph's size in it (page-size.ts), the others as they are. */
function shippedPageFile(name: string, data: string | Uint8Array, size: GraphSize | null): string | Uint8Array {
  if (name !== 'index.html') return data;
  return pageWithGraphSize(typeof data === 'string' ? data : new TextDecoder().decode(data), size);
}

/** The node and edge counts of a serialized graph (graph.json's data, read as it is), as the page is told them. */
export function graphSizeOf(graph: SerializedGraph): GraphSize {
  const count = (a: unknown) => (Array.isArray(a) ? a.length : 0);
  return { nodes: count(graph.nodes), edges: count(graph.edges) };
}

/**
 * Commits a new set into `outDir`: each owned name gets `replace(name)` when that gives data, nothing when it
 * gives null, else what the folder holds now under that name (absent names stay absent). graph.js and the
 * shards are always made anew from graph.json (never a stale one).
 */
async function recommit(outDir: string, replace: (name: string) => Promise<string | Uint8Array | null | undefined>): Promise<void> {
  const json = await readOutput(outDir, 'graph.json');
  const graph = json ? (JSON.parse(json.toString('utf8')) as SerializedGraph) : null;
  const size = graph ? graphSizeOf(graph) : null;
  await commitOutputs(
    outDir,
    async (put) => {
      for (const name of OUTPUT_NAMES) {
        if (name === EVIDENCE_DIR) continue; // written with graph.js
        if (name === 'graph.js') {
          if (graph) await putViewerData(put, graph);
          continue;
        }
        const given = await replace(name);
        const data = given === undefined ? await readOutput(outDir, name) : given;
        if (data) await put(name, shippedPageFile(name, data, size));
      }
    },
    { owned: OUTPUT_NAMES },
  );
}

export async function copyViewer(outDir: string, opts: CopyViewerOptions = {}): Promise<void> {
  if (typeof outDir !== 'string' || outDir === '') throw new TypeError('copyViewer: outDir must be a non-empty path');
  const from = viewerAssetsDir(opts.assetsDir);
  await recommit(outDir, async (name) => ((VIEWER_FILES as readonly string[]).includes(name) ? readFile(join(from, name)) : undefined));
}

/**
 * Refreshes graph.js and the evidence shards from the folder's graph.json (committing a new set with the
 * other files as they are); false when there is no graph.json.
 */
export async function writeGraphScript(outDir: string): Promise<boolean> {
  if (!(await readOutput(outDir, 'graph.json'))) return false;
  await recommit(outDir, async () => undefined);
  return true;
}
