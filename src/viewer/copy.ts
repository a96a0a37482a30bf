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
 * Commits a new set into `outDir`: each owned name gets `replace(name)` when that gives data, nothing when it
 * gives null, else what the folder holds now under that name (absent names stay absent). graph.js and the
 * shards are always made anew from graph.json (never a stale one).
 */
async function recommit(outDir: string, replace: (name: string) => Promise<string | Uint8Array | null | undefined>): Promise<void> {
  const json = await readOutput(outDir, 'graph.json');
  await commitOutputs(
    outDir,
    async (put) => {
      for (const name of OUTPUT_NAMES) {
        if (name === EVIDENCE_DIR) continue; // written with graph.js
        if (name === 'graph.js') {
          if (json) await putViewerData(put, JSON.parse(json.toString('utf8')) as SerializedGraph);
          continue;
        }
        const given = await replace(name);
        const data = given === undefined ? await readOutput(outDir, name) : given;
        if (data) await put(name, data);
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
