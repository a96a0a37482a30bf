/**
 * Puts the viewer page into an output folder next to graph.json, and writes graph.js (the same JSON as
 * a script) so that index.html opened straight from disk (file://, where fetch is blocked) still works.
 */
import { copyFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { VIEWER_FILES, viewerAssetsDir } from './assets.js';

export interface CopyViewerOptions {
  /** folder holding the built page; default: the package's dist/viewer */
  assetsDir?: string;
}

export async function copyViewer(outDir: string, opts: CopyViewerOptions = {}): Promise<void> {
  if (typeof outDir !== 'string' || outDir === '') throw new TypeError('copyViewer: outDir must be a non-empty path');
  const from = viewerAssetsDir(opts.assetsDir);
  await mkdir(outDir, { recursive: true });
  for (const f of VIEWER_FILES) await copyFile(join(from, f), join(outDir, f));
  await writeGraphScript(outDir);
}

/** graph.js = `window.__ZHKG_GRAPH__ = <graph.json>;` — JSON text is a valid JS expression as is. */
export async function writeGraphScript(outDir: string): Promise<boolean> {
  const jsonPath = join(outDir, 'graph.json');
  const exists = await stat(jsonPath).then((s) => s.isFile(), () => false);
  if (!exists) return false;
  const json = (await readFile(jsonPath, 'utf8')).trim();
  await writeFile(join(outDir, 'graph.js'), `window.__ZHKG_GRAPH__ = ${json};\n`);
  return true;
}
