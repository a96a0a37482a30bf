/**
 * Writing a build's outputs into a folder: graph.gexf, graph.json and the viewer page. Every file is
 * written atomically (temporary file + rename), so an interrupted build never leaves a half file and a
 * failed build leaves earlier outputs intact.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { MultiGraph } from 'graphology';
import { stageFile, toGexf, toJSON, type StagedFile } from './export/index.js';
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
  const files: WrittenFiles = { gexf: join(dir, 'graph.gexf'), json: join(dir, 'graph.json') };
  // Both files are staged (serialized, written under temporary names) before either replaces its target,
  // so a graph that cannot be exported leaves the folder untouched; staging one at a time keeps only one
  // serialization in memory (a 50 MB corpus gives hundreds of MB of each).
  const staged: StagedFile[] = [];
  try {
    staged.push(await stageFile(files.gexf, toGexf(graph)));
    staged.push(await stageFile(files.json, toJSON(graph)));
  } catch (error) {
    await Promise.all(staged.map((f) => f.discard()));
    throw error;
  }
  for (const f of staged) await f.commit();
  if (options.viewer !== false) {
    await copyViewer(dir);
    files.viewer = join(dir, 'index.html');
  }
  return files;
}
