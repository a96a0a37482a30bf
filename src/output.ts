/**
 * Writing a build's outputs into a folder: graph.gexf, graph.json and the viewer page. Every file is
 * written atomically (temporary file + rename), so an interrupted build never leaves a half file and a
 * failed build leaves earlier outputs intact.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { MultiGraph } from 'graphology';
import { toGexf, toJSON, writeFileAtomic } from './export/index.js';
import { copyViewer } from './viewer/index.js';

export interface WriteOptions {
  /** Copy the viewer page next to the graph (default true). */
  viewer?: boolean;
}

export interface WrittenFiles {
  gexf: string;
  json: string;
  viewer?: string;
}

export async function writeOutputs(graph: MultiGraph, dir: string, options: WriteOptions = {}): Promise<WrittenFiles> {
  await mkdir(dir, { recursive: true });
  // Serialize both before writing either: a graph that cannot be exported leaves the folder untouched.
  const gexf = toGexf(graph);
  const json = toJSON(graph);
  const files: WrittenFiles = { gexf: join(dir, 'graph.gexf'), json: join(dir, 'graph.json') };
  await writeFileAtomic(files.gexf, gexf);
  await writeFileAtomic(files.json, json);
  if (options.viewer !== false) {
    await copyViewer(dir);
    files.viewer = join(dir, 'index.html');
  }
  return files;
}
