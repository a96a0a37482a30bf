/**
 * Writing a build's outputs into a folder: graph.gexf, graph.json and the viewer page (index.html,
 * app.js, style.css, graph.js — the compact render graph — and the evidence shards in evidence/). All of them are one set, committed
 * by src/export/commit.ts: staged in a new generation, then switched in at once, so an interrupted or
 * failed build leaves the earlier set as it was and never a mix of two builds.
 */
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';
import { join } from 'node:path';
import type { MultiGraph } from 'graphology';
import { gexfBytes, jsonBytes } from './export/bytes.js';
import { commitOutputs } from './export/commit.js';
import { OUTPUT_NAMES, putViewerData } from './viewer/copy.js';
import type { SerializedGraph } from './viewer/render-format.js';
import { VIEWER_FILES, viewerAssetsDir } from './viewer/assets.js';
import { decompressedParts } from './store/compress.js';
import type { ExtractionStore } from './store/types.js';

export interface WriteOptions {
  /** Copy the viewer page next to the graph (default true); without it, viewer files are removed. */
  viewer?: boolean;
  /** Folder holding the built page; default: the package's dist/viewer. */
  assetsDir?: string;
  /** Called at each step boundary of the commit; for tests. */
  onBoundary?: (name: string) => void;
  /**
   * The graph's `graph.json` bytes when they were serialized already (`jsonBytes`, e.g. compressed for the
   * store and decompressed a part at a time): written as given instead of serializing the graph again.
   */
  json?: Iterable<string | Uint8Array>;
}

const gzip = promisify(zlib.gzip);

export interface WrittenFiles {
  gexf: string;
  json: string;
  viewer?: string;
}

/**
 * Saves the assembled graph in the store: its JSON made once and compressed a part at a time (hundreds of MB for
 * a large corpus), not saved when another builder changed the store since `generation` (the graph is no longer
 * all of it). Returns graph.json's bytes decompressed from those parts, for `writeOutputs`' `json`: the graph is
 * not serialized a second time.
 */
export async function saveGraph(
  graph: MultiGraph,
  store: ExtractionStore,
  settings: Record<string, unknown>,
  generation?: number,
): Promise<Iterable<Uint8Array>> {
  const parts = await compressedJson(graph);
  await store.saveGraph({ gzip: parts, settings }, generation);
  return decompressedParts(parts);
}

/** Parts compressed at once on libuv's threads, at most: beyond it, the JSON waits for them. */
const GZIP_IN_FLIGHT = 4;

/**
 * The graph's JSON as gzip members (level 1, as `compressedParts`), one per ~1 MB chunk of `jsonBytes`: each
 * chunk is compressed on libuv's threads while the next ones are made on this one.
 */
async function compressedJson(graph: MultiGraph): Promise<Buffer[]> {
  const parts: Array<Promise<Buffer>> = [];
  const level = { level: zlib.constants.Z_BEST_SPEED };
  for (const chunk of jsonBytes(graph)) {
    if (parts.length >= GZIP_IN_FLIGHT) await parts[parts.length - GZIP_IN_FLIGHT];
    const part = gzip(chunk, level);
    part.catch(() => undefined); // (awaited below: a failure is thrown there)
    parts.push(part);
  }
  if (parts.length === 0) parts.push(gzip(Buffer.alloc(0), level));
  return Promise.all(parts);
}

export async function writeOutputs(graph: MultiGraph, dir: string, options: WriteOptions = {}): Promise<WrittenFiles> {
  const files: WrittenFiles = { gexf: join(dir, 'graph.gexf'), json: join(dir, 'graph.json') };
  const viewer = options.viewer !== false;
  const assets = viewer ? viewerAssetsDir(options.assetsDir) : undefined; // not built: fail before any work
  await commitOutputs(
    dir,
    async (put) => {
      // Both serializations are streamed into their files as UTF-8 chunks, never held whole (a 50 MB corpus gives
      // hundreds of MB of each; graph.json as one string, then its UTF-8 bytes, cost ~2.5 times its size).
      await put('graph.gexf', gexfBytes(graph));
      await put('graph.json', options.json ?? jsonBytes(graph));
      if (!assets) return;
      // The viewer's data: the compact render graph (graph.js) and the evidence shards beside it.
      await putViewerData(put, exportView(graph));
      for (const f of VIEWER_FILES) await put(f, await readFile(join(assets, f)));
    },
    { owned: OUTPUT_NAMES, ...(options.onBoundary ? { onBoundary: options.onBoundary } : {}) },
  );
  if (viewer) files.viewer = join(dir, 'index.html');
  return files;
}

/**
 * What `graph.export()` gives, but with each node's and edge's own attributes object instead of a copy of
 * it: the viewer's writer only reads them, and a copy would decode every evidence list of the graph at once
 * (src/graph/evidence.ts) where the writer reads them one at a time.
 */
function exportView(graph: MultiGraph): SerializedGraph {
  const mixed = graph.type === 'mixed';
  const some = (a: Record<string, unknown>) => (Object.keys(a).length > 0 ? { attributes: a } : {});
  return {
    options: { type: graph.type, multi: graph.multi, allowSelfLoops: graph.allowSelfLoops },
    attributes: graph.getAttributes(),
    nodes: graph.mapNodes((key, attributes) => ({ key, ...some(attributes) })),
    edges: graph.mapEdges((key, attributes, source, target, _s, _t, undirected) => ({
      key,
      source,
      target,
      ...some(attributes),
      ...(mixed && undirected ? { undirected: true } : {}),
    })),
  };
}
