/**
 * Writing a build's outputs into a folder: graph.gexf, graph.json and the viewer page (index.html,
 * app.js, style.css, graph.js — the compact render graph — and the evidence shards in evidence/). All of them are one set, committed
 * by src/export/commit.ts: staged in a new generation, then switched in at once, so an interrupted or
 * failed build leaves the earlier set as it was and never a mix of two builds.
 */
import { join } from 'node:path';
import type { MultiGraph } from 'graphology';
import { gexfBytes, jsonBytes } from './export/bytes.js';
import { Utf8Writer } from './export/utf8.js';
import { commitOutputs, type PutFile } from './export/commit.js';
import { OUTPUT_NAMES, graphSizeOf, putViewerData, putViewerPage } from './viewer/copy.js';
import type { SerializedGraph } from './viewer/render-format.js';
import { viewerAssetsDir } from './viewer/assets.js';
import { ChunkCompressor } from './store/compress.js';
import type { ExtractionStore } from './store/types.js';

export interface WriteOptions {
  /** Copy the viewer page next to the graph (default true); without it, viewer files are removed. */
  viewer?: boolean;
  /** Folder holding the built page; default: the package's dist/viewer. */
  assetsDir?: string;
  /** Called at each step boundary of the commit; for tests. */
  onBoundary?: (name: string) => void;
  /**
   * Saves the graph in this store too, inside the commit (before the new set is switched in): graph.json's chunks
   * are compressed for the store as they are written (the JSON made once and never held
   * whole), and the store is written while graph.json is flushed, then the GEXF is made. A failure to save it fails the commit.
   */
  save?: SaveTo;
}

/** Where `writeOutputs` saves the graph (`ExtractionStore.saveGraph`'s arguments). */
export interface SaveTo {
  store: ExtractionStore;
  settings: Record<string, unknown>;
  /** Not saved when another builder changed the store since (see `ExtractionStore.saveGraph`). */
  generation?: number;
  /** Called once the store has the graph (or declined it: `saved` false) and graph.json is staged. */
  onSaved?: (saved: boolean) => void;
}

export interface WrittenFiles {
  gexf: string;
  json: string;
  viewer?: string;
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
      if (options.save) await putSaving(put, graph, options.save);
      else {
        await put('graph.gexf', gexfBytes(graph));
        await put('graph.json', jsonBytes(graph));
      }
      if (!assets) return;
      // The viewer's data: the compact render graph (graph.js) and the evidence shards beside it.
      const view = exportView(graph);
      await putViewerData(put, view);
      await putViewerPage(put, assets, graphSizeOf(view));
    },
    { owned: OUTPUT_NAMES, ...(options.onBoundary ? { onBoundary: options.onBoundary } : {}) },
  );
  if (viewer) files.viewer = join(dir, 'index.html');
  return files;
}

/**
 * graph.json written from chunks that are compressed for the store at the same time (on libuv's threads, as the file
 * is written), then the store saved (on this thread, while graph.json is flushed), then graph.gexf once graph.json is staged.
 */
async function putSaving(put: PutFile, graph: MultiGraph, save: SaveTo): Promise<void> {
  const compressor = new ChunkCompressor();
  const writer = new Utf8Writer();
  let made!: () => void;
  const allMade = new Promise<void>((resolve) => (made = resolve));
  const json = put(
    'graph.json',
    recycling(jsonBytes(graph, writer), writer, (chunk) => compressor.add(chunk), made),
  );
  json.catch(() => undefined); // (awaited below: a failure is thrown there)
  try {
    await Promise.race([allMade, json]); // every chunk made (or the file failed)
    const saved = await save.store.saveGraph({ gzip: await compressor.done(), settings: save.settings }, save.generation);
    // Told once graph.json is staged too, and graph.gexf made after: the commit's boundaries (where a killed build
    // stops: test/hardening/kill.test.ts) come in one order, build after build, whichever of the store's write and
    // graph.json's flush ends first.
    await json;
    save.onSaved?.(saved);
    const gexf = new Utf8Writer();
    await put('graph.gexf', recycling(gexfBytes(graph, {}, gexf), gexf));
  } catch (error) {
    await json.catch(() => undefined); // never left writing into a generation the commit removes
    throw error;
  }
}

/**
 * The chunks of `writer` for a file (`put`, src/export/write.ts `writeSynced`), each one handed to `use` first (which
 * returns once it started on the chunk; its `compressed` is awaited before the chunk's memory is reused), and given
 * back to the writer once the file has it: writeSynced asks for the next chunk only after every chunk but the last
 * one it was given is written. `made` is called after the last chunk.
 */
async function* recycling(
  chunks: Iterable<Uint8Array>,
  writer: Utf8Writer,
  use?: (chunk: Uint8Array) => Promise<{ compressed: Promise<unknown> }>,
  made?: () => void,
): AsyncGenerator<Uint8Array> {
  let last: { chunk: Uint8Array; used: Promise<unknown> | undefined } | undefined;
  for (const chunk of chunks) {
    const used = use ? (await use(chunk)).compressed : undefined;
    yield chunk;
    // Asked for another one: the file has every chunk before this one.
    if (last) {
      await last.used;
      writer.recycle(last.chunk);
    }
    last = { chunk, used };
  }
  made?.();
}

/**
 * What `graph.export()` gives, but with each node's and edge's own attributes object instead of a copy of
 * it: the viewer's writer only reads them, and a copy would decode every evidence list of the graph at once
 * (src/graph/evidence.ts) where the writer reads them one at a time.
 */
export function exportView(graph: MultiGraph): SerializedGraph {
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
