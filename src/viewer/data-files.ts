/**
 * The viewer's data files for a graph (see render-format.ts): `graph.js`, the compact render graph, and
 * the evidence shards `evidence/NNN.js` (JSON, gzipped, base64 in a script; graph.js's JSON as an ASCII string literal). Produced one file at a time, and the shards a batch at a time, so
 * only a slice of the evidence is ever serialized in memory at once. Same graph, same bytes: shards follow
 * the hash of each key, entries within a shard the graph's order, attribute keys sorted (as graph.json).
 *
 * A shard's JSON is written as UTF-8 (src/export/bytes.ts: a graph's packed evidence from its integers, each
 * sentence encoded once) and compressed at level 9; `putViewerData` compresses shards on libuv's threads
 * while the next ones are serialized, `viewerDataFiles` on this thread (the same bytes).
 */
import { gzip as gzipCallback, gzipSync } from 'node:zlib';
import { promisify } from 'node:util';
import { BytesOut } from '../export/bytes.js';
import { canonicalJson, writeObject } from '../export/json.js';
import { Utf8Writer } from '../export/utf8.js';
import { isPacked, mayHoldPacked, packedJsonLength } from '../graph/evidence.js';
import { base64ShardScript, encodeRender, renderScript, restOf, shardCount, shardName, shardOf, type Details, type SerializedGraph } from './render-format.js';

const gzip = promisify(gzipCallback);
const LEVEL = { level: 9 };

export interface DataFile {
  name: string;
  data: string;
}

/** Shards serialized together: bounds what is held in memory to about this many × 256 kB. */
const BATCH = 32;

/** A graph's packed evidence (src/graph/evidence.ts) is there without decoding it. */
const present = (attrs: Record<string, unknown>, k: string): boolean => mayHoldPacked(attrs) && isPacked(attrs, k);

/** An attribute name with which `d`'s details must be made as an object to be serialized as before. */
const special = (d: Details): boolean => d.rest.includes('__proto__') || d.rest.includes('toJSON');

/** `JSON.stringify(restOf(d)).length`, a packed evidence list's length counted without making its text. */
function restLength(d: Details, memo: Utf8Writer['memo']): number {
  const whole = () => JSON.stringify(restOf(d)).length;
  if (special(d)) return whole();
  const packed = mayHoldPacked(d.attrs);
  let n = 1;
  let count = 0;
  for (const k of d.rest) {
    let len = packed ? packedJsonLength(d.attrs, k, memo) : undefined;
    if (len === undefined) {
      const v = d.attrs[k];
      // (toJSON is called with the attribute's name: the object as a whole says what it gives)
      if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') return whole();
      const json = JSON.stringify(v);
      if (json === undefined) continue;
      len = json.length;
    }
    n += (count > 0 ? 1 : 0) + JSON.stringify(k).length + 1 + len;
    count++;
  }
  return n + 1;
}

interface Plan {
  /** graph.js */
  script: string;
  shards: number;
  details: Details[];
  /** Each detail's shard. */
  at: Uint32Array;
  out: BytesOut;
}

function plan(graph: SerializedGraph): Plan {
  const { render, details } = encodeRender(graph, present);
  const out = new BytesOut(new Utf8Writer(1 << 19));
  const memo = out.writer.memo.bind(out.writer);
  let bytes = 0;
  for (const d of details) bytes += restLength(d, memo) + d.key.length + 8;
  const shards = shardCount(bytes);
  render.shards = shards;
  const at = new Uint32Array(details.length);
  if (shards > 0) details.forEach((d, i) => (at[i] = shardOf(d.what, d.key, shards)));
  return { script: renderScript(canonicalJson(render)!), shards, details, at, out };
}

/** Each shard's JSON (ShardPayload: `{"n":[[key, details], …],"e":[…]}`) as UTF-8, in shard order. */
function* shardJson(p: Plan): Generator<{ shard: number; json: Uint8Array }> {
  const { details, at, out } = p;
  for (let first = 0; first < p.shards; first += BATCH) {
    const end = Math.min(p.shards, first + BATCH);
    const members: Array<{ n: number[]; e: number[] }> = [];
    for (let s = first; s < end; s++) members.push({ n: [], e: [] });
    for (let i = 0; i < details.length; i++) {
      const s = at[i]!;
      if (s >= first && s < end) members[s - first]![details[i]!.what].push(i);
    }
    for (let s = first; s < end; s++) {
      const m = members[s - first]!;
      for (const what of ['n', 'e'] as const) {
        out.text(what === 'n' ? '{"n":[' : '],"e":[');
        m[what].forEach((i, j) => {
          const d = details[i]!;
          out.text(`${j === 0 ? '' : ','}[${JSON.stringify(d.key)},`);
          if (special(d)) out.text(canonicalJson(restOf(d)) ?? 'null');
          else writeObject(d.attrs, d.rest, out);
          out.text(']');
        });
      }
      out.text(']}');
      const chunks = out.writer.end();
      yield { shard: s, json: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) };
    }
  }
}

/** The viewer's data files, one at a time (compressed on this thread). */
export function* viewerDataFiles(graph: SerializedGraph): Generator<DataFile> {
  const p = plan(graph);
  yield { name: 'graph.js', data: p.script };
  for (const { shard, json } of shardJson(p)) yield { name: shardName(shard), data: base64ShardScript(shard, gzipSync(json, LEVEL).toString('base64')) };
}

/** Shards being compressed at once on libuv's threads, at most. */
const IN_FLIGHT = 4;

/**
 * `viewerDataFiles` handed to `put` in the same order, the shards compressed on libuv's threads while the
 * next ones are serialized, and each written while the next ones are compressed.
 */
export async function putViewerFiles(put: (name: string, data: string) => Promise<void>, graph: SerializedGraph): Promise<void> {
  const p = plan(graph);
  await put('graph.js', p.script);
  const compressing: Array<{ shard: number; gz: Promise<Buffer> }> = [];
  let writing: Promise<void> = Promise.resolve();
  const next = async (): Promise<void> => {
    const { shard, gz } = compressing.shift()!;
    const data = base64ShardScript(shard, (await gz).toString('base64'));
    await writing; // in shard order, one at a time
    writing = put(shardName(shard), data);
    writing.catch(() => undefined); // (awaited: a failure is thrown there)
  };
  try {
    for (const { shard, json } of shardJson(p)) {
      const gz = gzip(json, LEVEL);
      gz.catch(() => undefined); // (awaited in `next`)
      compressing.push({ shard, gz });
      if (compressing.length >= IN_FLIGHT) await next();
    }
    while (compressing.length > 0) await next();
    await writing;
  } catch (error) {
    await writing.catch(() => undefined); // no write left running under a failed commit
    throw error;
  }
}
