/**
 * Puts the viewer page into an output folder next to graph.json, and writes graph.js (the same JSON as
 * a script) so that index.html opened straight from disk (file://, where fetch is blocked) still works.
 * The folder's files are one set (src/export/commit.ts): adding the viewer commits a new set with the
 * graph files the folder holds now.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { commitOutputs, readOutput } from '../export/commit.js';
import { VIEWER_FILES, viewerAssetsDir } from './assets.js';

/** Every name an output folder's set may hold. */
export const OUTPUT_NAMES: readonly string[] = ['graph.gexf', 'graph.json', 'graph.js', ...VIEWER_FILES];

export interface CopyViewerOptions {
  /** folder holding the built page; default: the package's dist/viewer */
  assetsDir?: string;
}

/** graph.js = `window.__ZHKG_GRAPH__ = <graph.json>;` — JSON text is a valid JS expression as is. */
export function graphScript(json: string): string {
  return `window.__ZHKG_GRAPH__ = ${json.trim()};\n`;
}

export async function copyViewer(outDir: string, opts: CopyViewerOptions = {}): Promise<void> {
  if (typeof outDir !== 'string' || outDir === '') throw new TypeError('copyViewer: outDir must be a non-empty path');
  const from = viewerAssetsDir(opts.assetsDir);
  await commitOutputs(
    outDir,
    async (put) => {
      const gexf = await readOutput(outDir, 'graph.gexf');
      if (gexf) await put('graph.gexf', gexf);
      const json = await readOutput(outDir, 'graph.json');
      if (json) {
        await put('graph.json', json);
        await put('graph.js', graphScript(json.toString('utf8')));
      }
      for (const f of VIEWER_FILES) await put(f, await readFile(join(from, f)));
    },
    { owned: OUTPUT_NAMES },
  );
}

/**
 * Refreshes graph.js from the folder's graph.json (committing a new set with the other files as they
 * are); false when there is no graph.json.
 */
export async function writeGraphScript(outDir: string): Promise<boolean> {
  const json = await readOutput(outDir, 'graph.json');
  if (!json) return false;
  await commitOutputs(
    outDir,
    async (put) => {
      for (const name of OUTPUT_NAMES) {
        if (name === 'graph.js') await put(name, graphScript(json.toString('utf8')));
        else if (name === 'graph.json') await put(name, json);
        else {
          const data = await readOutput(outDir, name);
          if (data) await put(name, data);
        }
      }
    },
    { owned: OUTPUT_NAMES },
  );
  return true;
}
