/**
 * The viewer's data files for a graph (see render-format.ts): `graph.js`, the compact render graph, and
 * the evidence shards `evidence/NNN.js` (JSON, gzipped, base64 in a script; graph.js's JSON as an ASCII string literal). Produced one file at a time, and the shards a batch at a time, so
 * only a slice of the evidence is ever serialized in memory at once. Same graph, same bytes: shards follow
 * the hash of each key, entries within a shard the graph's order, attribute keys sorted (as graph.json).
 */
import { gzipSync } from 'node:zlib';
import { canonical } from '../export/json.js';
import { encodeRender, renderScript, shardCount, shardName, shardOf, shardScript, type SerializedGraph, type ShardPayload } from './render-format.js';

/** JSON → gzip (level 9) → base64: what the scripts carry. */
function pack(value: unknown): string {
  return gzipSync(Buffer.from(JSON.stringify(value), 'utf8'), { level: 9 }).toString('base64');
}

export interface DataFile {
  name: string;
  data: string;
}

/** Shards serialized together: bounds what is held in memory to about this many × 128 kB. */
const BATCH = 32;

export function* viewerDataFiles(graph: SerializedGraph): Generator<DataFile> {
  const { render, details } = encodeRender(graph);
  let bytes = 0;
  for (const d of details) bytes += JSON.stringify(d.rest).length + d.key.length + 8;
  const shards = shardCount(bytes);
  render.shards = shards;
  yield { name: 'graph.js', data: renderScript(JSON.stringify(canonical(render))) };
  if (shards === 0) return;
  const at = new Uint32Array(details.length);
  details.forEach((d, i) => (at[i] = shardOf(d.what, d.key, shards)));
  for (let first = 0; first < shards; first += BATCH) {
    const payloads: ShardPayload[] = [];
    for (let s = first; s < Math.min(shards, first + BATCH); s++) payloads.push({ n: [], e: [] });
    details.forEach((d, i) => {
      const s = at[i]!;
      if (s < first || s >= first + BATCH) return;
      payloads[s - first]![d.what].push([d.key, canonical(d.rest) as Record<string, unknown>]);
    });
    for (const [j, p] of payloads.entries()) yield { name: shardName(first + j), data: shardScript(first + j, pack(p)) };
  }
}
