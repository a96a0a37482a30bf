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

/**
 * Commits a new set into `outDir`: each owned name gets `replace(name)` when that gives data, nothing when it
 * gives null, else what the folder holds now under that name (absent names stay absent).
 */
async function recommit(outDir: string, replace: (name: string) => Promise<string | Uint8Array | null | undefined>): Promise<void> {
  await commitOutputs(
    outDir,
    async (put) => {
      for (const name of OUTPUT_NAMES) {
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
  const json = await readOutput(outDir, 'graph.json');
  await recommit(outDir, async (name) => {
    if ((VIEWER_FILES as readonly string[]).includes(name)) return readFile(join(from, name));
    if (name === 'graph.js') return json ? graphScript(json.toString('utf8')) : null; // never a stale one
    return undefined;
  });
}

/**
 * Refreshes graph.js from the folder's graph.json (committing a new set with the other files as they
 * are); false when there is no graph.json.
 */
export async function writeGraphScript(outDir: string): Promise<boolean> {
  const json = await readOutput(outDir, 'graph.json');
  if (!json) return false;
  await recommit(outDir, async (name) => (name === 'graph.js' ? graphScript(json.toString('utf8')) : undefined));
  return true;
}
